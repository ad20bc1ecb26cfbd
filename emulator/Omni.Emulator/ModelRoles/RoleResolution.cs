using Omni.Emulator.Json;
using Omni.Emulator.Storage;

namespace Omni.Emulator.ModelRoles;

/// <summary>
/// Builds the GET model-roles rows. Each active model gets a row for its connection's base role and
/// one for each direct assignment on it (the user's own, and each of the user's groups'). A
/// connection-level role sits on the connection's SCHEMA model and reaches every model of that
/// connection, so it competes in each model's resolution. The resolved row of a model is the one with
/// the highest priority; ties go to the more direct origin (USER, then GROUP, then BASE), then to the
/// model's own row over a connection-level one.
/// </summary>
internal sealed class RoleResolution(RoleCatalog catalog)
{
    private sealed record Row(RoleTarget Target, ModelRole Role, RoleOriginBody From, int OriginRank)
    {
        public bool Resolved { get; set; }
    }

    public IReadOnlyList<UserRoleResult> ForUser(IReadOnlyList<RoleTarget> targets, IReadOnlyList<StoredRoleAssignment> assignments,
        string? connectionId, string? modelId)
    {
        var rows = targets.ToDictionary(t => t.ModelId, t => Rows(t, assignments, includeBase: true), StringComparer.Ordinal);
        var schemaOf = targets.Where(t => t.IsConnectionLevel).ToDictionary(t => t.ConnectionId, t => t.ModelId, StringComparer.Ordinal);
        var shown = new List<Row>();
        foreach (var target in targets)
        {
            var own = rows[target.ModelId];
            var inherited = !target.IsConnectionLevel && schemaOf.TryGetValue(target.ConnectionId, out var schemaId)
                ? rows[schemaId].Where(r => r.From.Type != "BASE")
                : [];
            var winner = own.Select(r => (Row: r, Own: 1)).Concat(inherited.Select(r => (Row: r, Own: 0)))
                .OrderByDescending(c => c.Row.Role.Priority).ThenByDescending(c => c.Row.OriginRank).ThenByDescending(c => c.Own)
                .Select(c => c.Row).FirstOrDefault();
            if (winner is null)
            {
                continue;
            }

            winner.Resolved = true;
            if (Wanted(target, connectionId, modelId))
            {
                shown.AddRange(own);
                // A connection-level row that decides a wanted model is shown with it, even when filtered by model.
                if (!ReferenceEquals(winner.Target, target) && !shown.Contains(winner))
                {
                    shown.Add(winner);
                }
            }
        }

        return [.. shown.Distinct().Select(r => new UserRoleResult(r.Role.BaseRole, r.Target.ConnectionId, r.From, r.Target.ModelId,
            r.Role.Priority, r.Resolved, r.Role.RoleName))];
    }

    public IReadOnlyList<GroupRoleResult> ForGroup(IReadOnlyList<RoleTarget> targets, IReadOnlyList<StoredRoleAssignment> assignments,
        string? connectionId, string? modelId) =>
        [.. targets.Where(t => Wanted(t, connectionId, modelId))
            .SelectMany(t => Rows(t, assignments, includeBase: false))
            .Select(r => new GroupRoleResult(r.Role.BaseRole, r.Target.ConnectionId, r.From, r.Target.ModelId, r.Role.Priority, r.Role.RoleName))];

    private static bool Wanted(RoleTarget target, string? connectionId, string? modelId) =>
        (connectionId is null || string.Equals(target.ConnectionId, connectionId, StringComparison.OrdinalIgnoreCase))
        && (modelId is null || string.Equals(target.ModelId, modelId, StringComparison.OrdinalIgnoreCase));

    private List<Row> Rows(RoleTarget target, IReadOnlyList<StoredRoleAssignment> assignments, bool includeBase)
    {
        var rows = new List<Row>();
        foreach (var assignment in assignments.Where(a => a.ModelId == target.ModelId))
        {
            var role = catalog.Describe(assignment.RoleName);
            rows.Add(assignment.UserId is not null
                ? new Row(target, role, new RoleOriginBody("USER"), 3)
                : new Row(target, role, new RoleOriginBody("GROUP", 0, assignment.GroupId, assignment.GroupName ?? ""), 2));
        }

        if (includeBase && RoleCatalog.Base(target.ConnectionBaseRole) is { } baseRole)
        {
            rows.Add(new Row(target, baseRole, new RoleOriginBody("BASE"), 1));
        }

        return [.. rows.OrderByDescending(r => r.Role.Priority).ThenByDescending(r => r.OriginRank)];
    }
}
