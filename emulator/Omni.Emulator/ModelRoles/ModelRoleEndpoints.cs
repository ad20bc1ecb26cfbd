using Omni.Emulator.Auth;
using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.Storage;

namespace Omni.Emulator.ModelRoles;

/// <summary>
/// GET/POST /api/v1/users/{id}/model-roles (id = the SCIM user id, Omni's membership id) and
/// /api/v1/user-groups/{id}/model-roles (id = the SCIM group's short id). Admin only; POST upserts.
/// </summary>
internal static class ModelRoleEndpoints
{
    public static void MapModelRoleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/users/{id}/model-roles", GetUserRolesAsync);
        app.MapPost("/api/v1/users/{id}/model-roles", AssignUserRoleAsync);
        app.MapGet("/api/v1/user-groups/{id}/model-roles", GetGroupRolesAsync);
        app.MapPost("/api/v1/user-groups/{id}/model-roles", AssignGroupRoleAsync);
    }

    private static async Task<IResult> GetUserRolesAsync(string id, HttpContext context, UserStore users, ModelRoleStore roles,
        RoleCatalog catalog, CancellationToken cancellationToken)
    {
        CallerAccess.RequireAdmin(context);
        var user = await users.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw ApiProblem.UserNotFound();
        var (connectionId, modelId) = Filters(context.Request);
        var results = new RoleResolution(catalog).ForUser(await roles.TargetsAsync(cancellationToken).ConfigureAwait(false),
            await roles.ForUserAsync(user.Id, cancellationToken).ConfigureAwait(false), connectionId, modelId);
        return Results.Json(new UserRolesResponse(user.Id, results), EmulatorJson.Context.UserRolesResponse);
    }

    private static async Task<IResult> GetGroupRolesAsync(string id, HttpContext context, GroupStore groups, ModelRoleStore roles,
        RoleCatalog catalog, CancellationToken cancellationToken)
    {
        CallerAccess.RequireAdmin(context);
        var group = await groups.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw GroupNotFound();
        var (connectionId, modelId) = Filters(context.Request);
        var results = new RoleResolution(catalog).ForGroup(await roles.TargetsAsync(cancellationToken).ConfigureAwait(false),
            await roles.ForGroupAsync(group.Id, cancellationToken).ConfigureAwait(false), connectionId, modelId);
        return Results.Json(new GroupRolesResponse(results, group.Id), EmulatorJson.Context.GroupRolesResponse);
    }

    private static async Task<IResult> AssignUserRoleAsync(string id, HttpContext context, UserStore users, ModelRoleStore roles,
        RoleTargets targets, RoleCatalog catalog, CancellationToken cancellationToken)
    {
        CallerAccess.RequireAdmin(context);
        var user = await users.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw ApiProblem.UserNotFound();
        var (target, role) = await targets.ParseAsync(context.Request, catalog, cancellationToken).ConfigureAwait(false);
        await roles.UpsertAsync(user.Id, null, target.ConnectionId, target.ModelId, role.RoleName, cancellationToken).ConfigureAwait(false);
        return Results.Json(new UserRoleAssigned(target.ConnectionId, user.Id, target.ModelId, role.RoleName),
            EmulatorJson.Context.UserRoleAssigned);
    }

    private static async Task<IResult> AssignGroupRoleAsync(string id, HttpContext context, GroupStore groups, ModelRoleStore roles,
        RoleTargets targets, RoleCatalog catalog, CancellationToken cancellationToken)
    {
        CallerAccess.RequireAdmin(context);
        var group = await groups.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw GroupNotFound();
        var (target, role) = await targets.ParseAsync(context.Request, catalog, cancellationToken).ConfigureAwait(false);
        await roles.UpsertAsync(null, group.Id, target.ConnectionId, target.ModelId, role.RoleName, cancellationToken).ConfigureAwait(false);
        return Results.Json(new GroupRoleAssigned(target.ConnectionId, target.ModelId, role.RoleName, group.Id),
            EmulatorJson.Context.GroupRoleAssigned);
    }

    private static ApiProblem GroupNotFound() => ApiProblem.NotFound("User group not found");

    private static (string? ConnectionId, string? ModelId) Filters(HttpRequest request) =>
        (Query.Text(request, "connectionId"), Query.Text(request, "modelId"));
}
