namespace Omni.Client;

/// <summary>Where a role row comes from. Omni's reference says USER, GROUP, BASE, ORG; its docs show "User Role", "Group Role", "Connection Base Role": both read as these.</summary>
public enum ModelRoleOriginType
{
    Unknown,
    User,
    Group,
    Base,
    Organization,
}

public sealed record ModelRoleOrigin(ModelRoleOriginType Type, string? GroupId = null, string? GroupName = null, int? Depth = null);

/// <summary>
/// One row of GET .../model-roles. <see cref="Resolved"/> (users only) marks the effective role. A
/// connection-level row has <see cref="ModelId"/> null where Omni sends it empty (the emulator puts the
/// connection's SCHEMA model there).
/// </summary>
public sealed record ModelRoleRow(
    string RoleName, string? BaseRole, string ConnectionId, string? ModelId, double Priority, bool? Resolved, ModelRoleOrigin From);

/// <summary>What to POST: a role on a model (connection inferred), or, for CONNECTION_ADMIN-based roles, on a whole connection.</summary>
public sealed record ModelRoleGrant(string RoleName, string? ModelId = null, string? ConnectionId = null);

/// <summary>Omni's answer to a model-role POST; <see cref="SubjectId"/> is the user's membership id or the group's short id.</summary>
public sealed record ModelRoleAssigned(string SubjectId, string ConnectionId, string? ModelId, string RoleName);
