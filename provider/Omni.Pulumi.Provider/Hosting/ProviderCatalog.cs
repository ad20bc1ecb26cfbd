using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Functions;
using Omni.Pulumi.Provider.Protocol;
using Omni.Pulumi.Provider.Resources;
using Omni.Pulumi.Provider.Resources.Connections;
using Omni.Pulumi.Provider.Resources.GroupMemberships;
using Omni.Pulumi.Provider.Resources.Groups;
using Omni.Pulumi.Provider.Resources.Models;
using Omni.Pulumi.Provider.Resources.ModelRoles;
using Omni.Pulumi.Provider.Resources.AttributeDefinitions;
using Omni.Pulumi.Provider.Resources.Folders;
using Omni.Pulumi.Provider.Resources.Labels;
using Omni.Pulumi.Provider.Resources.Permissions;
using Omni.Pulumi.Provider.Resources.Users;

namespace Omni.Pulumi.Provider.Hosting;

/// <summary>Everything the provider serves. Adding a resource or a function = its file + one line here.</summary>
internal static class ProviderCatalog
{
    public static ResourceCatalog Resources(OmniSession omni, IEngineLog log) => new ResourceCatalog()
        .Add(new UserResource(omni, log))
        .Add(new GroupResource(omni, log))
        .Add(new GroupMembershipResource(omni, log))
        .Add(new ConnectionResource(omni, log))
        .Add(new ConnectionEnvironmentResource(omni, log))
        .Add(new ConnectionScheduleResource(omni, log))
        .Add(new ModelResource(omni, log))
        .Add(new ModelGitResource(omni, log))
        .Add(new UserAttributeResource(omni, log))
        .Add(new UserModelRoleResource(omni, log))
        .Add(new GroupModelRoleResource(omni, log))
        .Add(new FolderResource(omni, log))
        .Add(new FolderPermissionResource(omni, log))
        .Add(new DocumentPermissionResource(omni, log))
        .Add(new LabelResource(omni, log));

    public static FunctionCatalog Functions(OmniSession omni) => new FunctionCatalog()
        .Add(new GetUserFunction(omni))
        .Add(new GetUsersFunction(omni))
        .Add(new GetEmbedUsersFunction(omni))
        .Add(new GetGroupFunction(omni))
        .Add(new GetUserAttributesFunction(omni))
        .Add(new GetConnectionsFunction(omni))
        .Add(new GetModelsFunction(omni))
        .Add(new GetUserModelRolesFunction(omni))
        .Add(new GetGroupModelRolesFunction(omni))
        .Add(new GetFolderFunction(omni))
        .Add(new GetLabelsFunction(omni))
        .Add(new GetConnectionFunction(omni))
        .Add(new GetModelFunction(omni));
}
