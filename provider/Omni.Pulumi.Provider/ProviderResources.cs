using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Protocol;
using Omni.Pulumi.Provider.Resources;
using Omni.Pulumi.Provider.Resources.GroupMemberships;
using Omni.Pulumi.Provider.Resources.Groups;
using Omni.Pulumi.Provider.Resources.Users;

namespace Omni.Pulumi.Provider;

/// <summary>Every resource the provider serves. Adding a resource = its file(s) + one line here.</summary>
internal static class ProviderResources
{
    public static IReadOnlyList<IResourceHandler> Create(OmniSession omni, IEngineLog log) =>
    [
        new ResourceHandler<UserArgs, UserState>(new UserResource(omni, log)),
        new ResourceHandler<GroupArgs, GroupState>(new GroupResource(omni, log)),
        new ResourceHandler<GroupMembershipArgs, GroupMembershipState>(new GroupMembershipResource(omni, log)),
    ];
}
