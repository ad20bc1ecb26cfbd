using Omni.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Functions;

[PulumiType("omni:index:ModelRoleInfo", Description = "One row of a subject's model roles, with where it comes from.")]
internal sealed record ModelRoleInfo
{
    [PulumiProperty("roleName", Description = "The role (a base role or a custom role's name).", Required = true)]
    public string RoleName { get; init; } = "";

    [PulumiProperty("baseRole", Description = "The base role it stands for (a custom role's base).")]
    public string? BaseRole { get; init; }

    [PulumiProperty("connectionId", Description = "The connection.", Required = true)]
    public string ConnectionId { get; init; } = "";

    [PulumiProperty("modelId", Description = "The model (unset for a connection-level row).")]
    public string? ModelId { get; init; }

    [PulumiProperty("priority", Description = "Omni's priority: higher is more permissive; the highest row of a model decides.", Required = true)]
    public double Priority { get; init; }

    [PulumiProperty("resolved", Description = "True on the row that decides the user's access to the model (users only).")]
    public bool? Resolved { get; init; }

    [PulumiProperty("source", Description = "Where the role comes from: USER (a direct role), GROUP, BASE (the connection's base role), ORGANIZATION or UNKNOWN.",
        Required = true)]
    public string Source { get; init; } = "";

    [PulumiProperty("groupId", Description = "For a GROUP row: the group it comes from.")]
    public string? GroupId { get; init; }

    [PulumiProperty("groupName", Description = "For a GROUP row: the group's name.")]
    public string? GroupName { get; init; }

    public static ModelRoleInfo From(ModelRoleRow row) => new()
    {
        RoleName = row.RoleName, BaseRole = row.BaseRole, ConnectionId = row.ConnectionId, ModelId = row.ModelId, Priority = row.Priority,
        Resolved = row.Resolved, Source = row.From.Type.ToString().ToUpperInvariant(), GroupId = row.From.GroupId, GroupName = row.From.GroupName,
    };
}

internal sealed record GetUserModelRolesArgs
{
    [PulumiProperty("userId", Description = "The user's id.", Required = true, Pattern = @"\S", PatternMessage = "must be a user's id")]
    public string UserId { get; init; } = "";

    [PulumiProperty("modelId", Description = "Only this model's rows.")]
    public string? ModelId { get; init; }

    [PulumiProperty("connectionId", Description = "Only this connection's rows.")]
    public string? ConnectionId { get; init; }
}

internal sealed record GetGroupModelRolesArgs
{
    [PulumiProperty("groupId", Description = "The group's id.", Required = true, Pattern = @"\S", PatternMessage = "must be a group's id")]
    public string GroupId { get; init; } = "";

    [PulumiProperty("modelId", Description = "Only this model's rows.")]
    public string? ModelId { get; init; }

    [PulumiProperty("connectionId", Description = "Only this connection's rows.")]
    public string? ConnectionId { get; init; }
}

internal sealed record GetModelRolesResult
{
    [PulumiProperty("roles", Description = "Every row Omni reports: direct, group-inherited and base roles, each with its source.", Required = true)]
    public IReadOnlyList<ModelRoleInfo> Roles { get; init; } = [];
}

/// <summary><c>omni:index:getUserModelRoles</c>: GET /api/v1/users/{id}/model-roles.</summary>
[PulumiFunction("omni:index:getUserModelRoles",
    Description = "A user's resolved model roles: every row Omni reports (the user's own, those inherited from groups, the connections' base roles), "
    + "where each comes from, and which one decides (`resolved`).")]
internal sealed class GetUserModelRolesFunction(OmniSession omni) : IProviderFunction<GetUserModelRolesArgs, GetModelRolesResult>
{
    public async Task<FunctionResult<GetModelRolesResult>> InvokeAsync(FunctionRequest<GetUserModelRolesArgs> request, CancellationToken cancellationToken)
    {
        var args = request.Args.Value;
        var rows = await omni.Client.ModelRoles.GetUserRolesAsync(args.UserId, args.ConnectionId, args.ModelId, cancellationToken).ConfigureAwait(false);
        return FunctionResult<GetModelRolesResult>.Of(new GetModelRolesResult { Roles = [.. rows.Select(ModelRoleInfo.From)] });
    }
}

/// <summary><c>omni:index:getGroupModelRoles</c>: GET /api/v1/user-groups/{id}/model-roles.</summary>
[PulumiFunction("omni:index:getGroupModelRoles",
    Description = "A group's model roles as Omni reports them, with where each comes from.")]
internal sealed class GetGroupModelRolesFunction(OmniSession omni) : IProviderFunction<GetGroupModelRolesArgs, GetModelRolesResult>
{
    public async Task<FunctionResult<GetModelRolesResult>> InvokeAsync(FunctionRequest<GetGroupModelRolesArgs> request, CancellationToken cancellationToken)
    {
        var args = request.Args.Value;
        var rows = await omni.Client.ModelRoles.GetGroupRolesAsync(args.GroupId, args.ConnectionId, args.ModelId, cancellationToken).ConfigureAwait(false);
        return FunctionResult<GetModelRolesResult>.Of(new GetModelRolesResult { Roles = [.. rows.Select(ModelRoleInfo.From)] });
    }
}
