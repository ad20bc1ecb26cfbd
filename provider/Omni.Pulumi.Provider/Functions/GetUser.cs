using Omni.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Functions;

internal sealed record GetUserArgs
{
    [PulumiProperty("id", Description = "The user's id in Omni. Give either id or userName.")]
    public string? Id { get; init; }

    [PulumiProperty("userName", Description = "The user's email, matched case-insensitively. Give either userName or id.")]
    public string? UserName { get; init; }
}

internal sealed record GetUserResult : UserOutputs;

/// <summary><c>omni:index:getUser</c>: one GET by id, or one filtered list by userName.</summary>
[PulumiFunction("omni:index:getUser",
    Description = "Reads one user of the Omni organisation, by id or by userName (the email, matched case-insensitively).")]
internal sealed class GetUserFunction(OmniSession omni) : IProviderFunction<GetUserArgs, GetUserResult>
{
    public Task<FunctionResult<GetUserResult>> InvokeAsync(FunctionRequest<GetUserArgs> request, CancellationToken cancellationToken) =>
        OneOf.FindAsync(request, "getUser", "user",
            [
                new LookupKey<ScimUser>(request.Args.NameOf(a => a.Id), request.Args.Value.Id, (id, ct) => Lookups.UserByIdAsync(omni.Users, id, ct)),
                new LookupKey<ScimUser>(request.Args.NameOf(a => a.UserName), request.Args.Value.UserName, (userName, ct) => Lookups.UserByNameAsync(omni.Users, userName, ct)),
            ],
            UserOutputs.From<GetUserResult>, ", or list users with getUsers", cancellationToken);
}
