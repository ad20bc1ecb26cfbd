using System.Text.Json;
using System.Text.Json.Nodes;
using Omni.Client.Json;
using Omni.Client.Transport;

namespace Omni.Client;

/// <summary>
/// Model and connection roles of users (/api/v1/users/{membershipId}/model-roles) and groups
/// (/api/v1/user-groups/{shortId}/model-roles). Omni has no DELETE: a POST replaces the subject's role on
/// that model, so it is safe to repeat.
/// </summary>
public sealed class OmniModelRoles
{
    private readonly OmniTransport _transport;

    internal OmniModelRoles(OmniTransport transport) => _transport = transport;

    /// <summary>The user's rows: direct, group-inherited and base roles, with the effective one <see cref="ModelRoleRow.Resolved"/>.</summary>
    public Task<IReadOnlyList<ModelRoleRow>> GetUserRolesAsync(string userId, string? connectionId = null, string? modelId = null,
        CancellationToken ct = default) => ListAsync(V1Request.Path("v1/users/{0}/model-roles", userId), connectionId, modelId, ct);

    /// <summary>The group's own assignments.</summary>
    public Task<IReadOnlyList<ModelRoleRow>> GetGroupRolesAsync(string groupId, string? connectionId = null, string? modelId = null,
        CancellationToken ct = default) => ListAsync(V1Request.Path("v1/user-groups/{0}/model-roles", groupId), connectionId, modelId, ct);

    public Task<ModelRoleAssigned> AssignUserRoleAsync(string userId, ModelRoleGrant grant, CancellationToken ct = default) =>
        AssignAsync(V1Request.Path("v1/users/{0}/model-roles", userId), userId, grant, ct);

    public Task<ModelRoleAssigned> AssignGroupRoleAsync(string groupId, ModelRoleGrant grant, CancellationToken ct = default) =>
        AssignAsync(V1Request.Path("v1/user-groups/{0}/model-roles", groupId), groupId, grant, ct);

    private async Task<IReadOnlyList<ModelRoleRow>> ListAsync(string path, string? connectionId, string? modelId, CancellationToken ct)
    {
        var response = await V1Request.SendAsync(_transport, HttpMethod.Get, path + V1Request.Query(("connectionId", connectionId), ("modelId", modelId)),
            null, ct).ConfigureAwait(false);
        return JsonIo.Read(response, OmniJsonContext.Default.RoleListWire,
            static wire => (IReadOnlyList<ModelRoleRow>)[.. wire.Results?.OfType<RoleRowWire>().Select(r => r.ToModel()) ?? []]);
    }

    private async Task<ModelRoleAssigned> AssignAsync(string path, string subjectId, ModelRoleGrant grant, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grant);
        OmniUsers.RequireText(grant.RoleName, "RoleName");
        if (grant.ModelId is null && grant.ConnectionId is null)
        {
            throw new ArgumentException("A model role needs ModelId (a model's role) or ConnectionId (a connection-level role).", nameof(grant));
        }

        var body = new JsonObject { ["roleName"] = grant.RoleName };
        OmniConnections.Set(body, "connectionId", grant.ConnectionId);
        OmniConnections.Set(body, "modelId", grant.ModelId);
        var response = await V1Request.SendAsync(_transport, HttpMethod.Post, path, body, ct).ConfigureAwait(false);
        return JsonIo.Read(response, OmniJsonContext.Default.RoleAssignedWire, wire => new ModelRoleAssigned(
            wire.MembershipId ?? wire.UserId ?? wire.UserGroupId ?? subjectId,
            wire.ConnectionId ?? grant.ConnectionId ?? throw new JsonException("the response has no connectionId"),
            string.IsNullOrEmpty(wire.ModelId) ? grant.ModelId : wire.ModelId,
            wire.RoleName ?? grant.RoleName));
    }

    public override string ToString() => $"OmniModelRoles({_transport.ApiBase})";
}
