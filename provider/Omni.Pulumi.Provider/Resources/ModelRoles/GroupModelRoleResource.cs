using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.ModelRoles;

/// <summary><c>omni:index:GroupModelRole</c>: one group's direct role on one model or connection (see <see cref="ModelRoleResource{TArgs,TState}"/>).</summary>
[PulumiResource("omni:index:GroupModelRole", Description = "One group's direct role on one Omni model (or, with `connectionId`, on a whole connection); every member inherits it. "
    + "Create and update are one POST; a refresh reads only this direct assignment, so a role changed in Omni's UI shows as drift "
    + "(see getGroupModelRoles for the group's roles). "
    + "Its id is `groupId/modelId` (or `groupId/connectionId`): `pulumi import omni:index:GroupModelRole analysts-on-sales <groupId>/<modelId>`. "
    + "**Omni has no way to delete a role.** The direct role the group had before this resource is kept in `previousRoleName`, and destroying the "
    + "resource restores it; when there was none it sets NO_ACCESS, which cannot take away access a connection base role or a group's role grants. "
    + "The provider logs what destroy will do when it creates the resource, and what it did when it destroys it.")]
internal sealed class GroupModelRoleResource(OmniSession omni, IEngineLog log) : ModelRoleResource<GroupModelRoleArgs, GroupModelRoleState>(omni, log)
{
    protected override string SubjectWord => "group";


    protected override string SubjectOf(GroupModelRoleArgs args) => args.GroupId;

    protected override GroupModelRoleArgs NewArgs(string subjectId, string? modelId, string? connectionId, string roleName) =>
        new() { GroupId = subjectId, ModelId = modelId, ConnectionId = connectionId, RoleName = roleName };

    protected override GroupModelRoleState NewState(GroupModelRoleArgs args, string? previousRoleName) => new()
    {
        GroupId = args.GroupId, ModelId = args.ModelId, ConnectionId = args.ConnectionId, RoleName = args.RoleName, PreviousRoleName = previousRoleName,
    };

    protected override Task<IReadOnlyList<ModelRoleRow>> RowsAsync(string subjectId, string? connectionId, string? modelId, CancellationToken ct) =>
        Omni.Client.ModelRoles.GetGroupRolesAsync(subjectId, connectionId, modelId, ct);

    protected override Task AssignAsync(string subjectId, ModelRoleGrant grant, CancellationToken ct) =>
        Omni.Client.ModelRoles.AssignGroupRoleAsync(subjectId, grant, ct);

    /// <summary>The group's own row; a row of a group it is nested in names that group instead.</summary>
    protected override bool IsDirect(ModelRoleRow row, string subjectId) =>
        row.From.Type == ModelRoleOriginType.Group && (row.From.GroupId is null || string.Equals(row.From.GroupId, subjectId, StringComparison.Ordinal));
}

/// <summary>The inputs of <c>omni:index:GroupModelRole</c>.</summary>
internal record GroupModelRoleArgs : ModelRoleArgs
{
    [PulumiProperty("groupId", Description = "The group's id (e.g. a Group resource's `id`). Changing it replaces the resource.",
        Required = true, ReplaceOnChanges = true, Pattern = OneId, PatternMessage = "must be one group's id (e.g. a Group resource's `id`): not empty, and without '/'")]
    public string GroupId { get; init; } = "";
}

/// <summary>The outputs of <c>omni:index:GroupModelRole</c>.</summary>
internal sealed record GroupModelRoleState : GroupModelRoleArgs, IModelRoleState
{
    [PulumiProperty("previousRoleName", Description = "The group's direct role on the target before this resource was created (none when unset); "
        + "destroying the resource restores it, or sets NO_ACCESS when there was none.")]
    public string? PreviousRoleName { get; init; }
}
