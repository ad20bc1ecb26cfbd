using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Functions;
using Omni.Pulumi.Provider.Protocol;

namespace Omni.Pulumi.Provider;

/// <summary>Every function the provider serves. Adding a function = its file under Functions/ + one line here.</summary>
internal static class ProviderFunctions
{
    public static IReadOnlyList<IFunctionHandler> Create(OmniSession omni) =>
    [
        new FunctionHandler<GetUserArgs, GetUserResult>(new GetUserFunction(omni)),
        new FunctionHandler<GetUsersArgs, GetUsersResult>(new GetUsersFunction(omni)),
        new FunctionHandler<GetGroupArgs, GetGroupResult>(new GetGroupFunction(omni)),
        new FunctionHandler<NoArgs, GetUserAttributesResult>(new GetUserAttributesFunction(omni)),
    ];
}
