using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.ModelRoles;

/// <summary><c>omni:index:UserModelRole</c>: one user's direct role on one model or connection (see <see cref="ModelRoleResource{TArgs,TState}"/>).</summary>
[PulumiResource("omni:index:UserModelRole", Description = "One user's direct role on one Omni model (or, with `connectionId`, on a whole connection). "
    + "Create and update are one POST; a refresh reads only this direct assignment, so a role changed in Omni's UI shows as drift "
    + "(roles the user inherits from groups or a connection base role are not this resource's; see getUserModelRoles). "
    + "Its id is `userId/modelId` (or `userId/connectionId`): `pulumi import omni:index:UserModelRole alice-on-sales <userId>/<modelId>`. "
    + "**Omni has no way to delete a role.** The direct role the user had before this resource is kept in `previousRoleName`, and destroying the "
    + "resource restores it; when there was none it sets NO_ACCESS, which cannot take away access a connection base role or a group's role grants. "
    + "The provider logs what destroy will do when it creates the resource, and what it did when it destroys it.")]
internal sealed class UserModelRoleResource(OmniSession omni, IEngineLog log) : ModelRoleResource<UserModelRoleArgs, UserModelRoleState>(omni, log)
{
    protected override string SubjectWord => "user";


    protected override string SubjectOf(UserModelRoleArgs args) => args.UserId;

    protected override UserModelRoleArgs NewArgs(string subjectId, string? modelId, string? connectionId, string roleName) =>
        new() { UserId = subjectId, ModelId = modelId, ConnectionId = connectionId, RoleName = roleName };

    protected override UserModelRoleState NewState(UserModelRoleArgs args, string? previousRoleName) => new()
    {
        UserId = args.UserId, ModelId = args.ModelId, ConnectionId = args.ConnectionId, RoleName = args.RoleName, PreviousRoleName = previousRoleName,
    };

    protected override Task<IReadOnlyList<ModelRoleRow>> RowsAsync(string subjectId, string? connectionId, string? modelId, CancellationToken ct) =>
        Omni.Client.ModelRoles.GetUserRolesAsync(subjectId, connectionId, modelId, ct);

    protected override Task AssignAsync(string subjectId, ModelRoleGrant grant, CancellationToken ct) =>
        Omni.Client.ModelRoles.AssignUserRoleAsync(subjectId, grant, ct);

    protected override bool IsDirect(ModelRoleRow row, string subjectId) => row.From.Type == ModelRoleOriginType.User;
}

/// <summary>The inputs of <c>omni:index:UserModelRole</c>.</summary>
internal record UserModelRoleArgs : ModelRoleArgs
{
    [PulumiProperty("userId", Description = "The user's id (e.g. a User resource's `id`). Changing it replaces the resource.",
        Required = true, ReplaceOnChanges = true, Pattern = OneId, PatternMessage = "must be one user's id (e.g. a User resource's `id`): not empty, and without '/'")]
    public string UserId { get; init; } = "";
}

/// <summary>The outputs of <c>omni:index:UserModelRole</c>.</summary>
internal sealed record UserModelRoleState : UserModelRoleArgs, IModelRoleState
{
    [PulumiProperty("previousRoleName", Description = "The user's direct role on the target before this resource was created (none when unset); "
        + "destroying the resource restores it, or sets NO_ACCESS when there was none.")]
    public string? PreviousRoleName { get; init; }
}
