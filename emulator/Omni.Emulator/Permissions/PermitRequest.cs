using System.Text.Json;
using System.Text.Json.Nodes;
using Omni.Emulator.Http;

namespace Omni.Emulator.Permissions;

/// <summary>
/// A body of POST, PATCH or DELETE …/permissions: <c>role</c>, <c>accessBoost</c>, <c>userIds</c> (UUIDs),
/// <c>userGroupIds</c>. Folder bodies allow no other field (additionalProperties: false); document bodies do.
/// </summary>
internal sealed record PermitRequest(string? Role, bool? AccessBoost, IReadOnlyList<string> UserIds, IReadOnlyList<string> GroupIds)
{
    public static readonly string[] Roles = ["NO_ACCESS", "VIEWER", "EXPLORER", "EDITOR", "MANAGER"];

    private static readonly string[] Fields = ["role", "accessBoost", "userIds", "userGroupIds"];
    private static readonly string[] RevokeFields = ["userIds", "userGroupIds"];

    public static PermitRequest ForGrant(JsonObject body, bool strict) =>
        Parse(body, strict ? Fields : null) is { Role: not null } request
            ? request
            : throw ApiProblem.BadRequest($"role: Required, one of {string.Join(", ", Roles)}");

    public static PermitRequest ForUpdate(JsonObject body, bool strict) =>
        Parse(body, strict ? Fields : null) is { Role: null, AccessBoost: null }
            ? throw ApiProblem.BadRequest("role or accessBoost: give at least one of them to update")
            : Parse(body, strict ? Fields : null);

    public static PermitRequest ForRevoke(JsonObject body, bool strict) => Parse(body, strict ? RevokeFields : null);

    private static PermitRequest Parse(JsonObject body, string[]? allowed)
    {
        if (allowed is not null && body.Select(p => p.Key).FirstOrDefault(k => !allowed.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            throw ApiProblem.BadRequest($"{unknown}: not a field of this request (allowed: {string.Join(", ", allowed)})");
        }

        var role = RequestBody.OptionalString(body, "role");
        if (role is not null && !Roles.Contains(role, StringComparer.Ordinal))
        {
            throw ApiProblem.BadRequest($"role: must be one of {string.Join(", ", Roles)}, got \"{role}\"");
        }

        var userIds = Strings(body, "userIds");
        for (var i = 0; i < userIds.Count; i++)
        {
            QueryValues.RequireUuid(userIds[i], $"userIds[{i}]");
        }

        var groupIds = Strings(body, "userGroupIds");
        if (userIds.Count == 0 && groupIds.Count == 0)
        {
            throw ApiProblem.BadRequest("userIds or userGroupIds must be provided (at least one user or group)");
        }

        return new PermitRequest(role, RequestBody.OptionalBoolean(body, "accessBoost"), userIds, groupIds);
    }

    private static List<string> Strings(JsonObject body, string field)
    {
        if (!body.TryGetPropertyValue(field, out var node) || node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw ApiProblem.BadRequest($"{field}: Expected an array of strings, received {RequestBody.Describe(node)}");
        }

        return [.. array.Select((item, i) => item?.GetValueKind() == JsonValueKind.String && item.GetValue<string>().Length > 0
            ? item.GetValue<string>()
            : throw ApiProblem.BadRequest($"{field}[{i}]: Expected a non-empty string, received {RequestBody.Describe(item)}"))];
    }
}
