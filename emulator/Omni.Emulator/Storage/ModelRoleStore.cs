using Microsoft.Data.Sqlite;

namespace Omni.Emulator.Storage;

/// <summary>A direct role assignment of a user or a group on one model (a connection-level role sits on the connection's SCHEMA model).</summary>
public sealed record StoredRoleAssignment(string? UserId, string? GroupId, string? GroupName, string ConnectionId, string ModelId, string RoleName);

/// <summary>A model that roles apply to, with its connection's base role.</summary>
public sealed record RoleTarget(string ConnectionId, string ModelId, string ModelKind, string? ConnectionBaseRole)
{
    public bool IsConnectionLevel => ModelKind == "SCHEMA";
}

/// <summary>Model-role assignments. Omni has no DELETE for them: a POST replaces the subject's role on that model.</summary>
public sealed class ModelRoleStore(EmulatorDatabase database, TimeProvider timeProvider)
{
    public Task UpsertAsync(string? userId, string? groupId, string connectionId, string modelId, string roleName,
        CancellationToken cancellationToken) =>
        database.WriteAsync(async (sqlite, transaction) =>
        {
            var subject = userId is null ? "group_id" : "user_id";
            await sqlite.ExecuteAsync($"DELETE FROM model_roles WHERE {subject} = $subject AND model_id = $model", transaction, cancellationToken,
                ("$subject", userId ?? groupId), ("$model", modelId)).ConfigureAwait(false);
            return await sqlite.ExecuteAsync(
                "INSERT INTO model_roles (user_id, group_id, connection_id, model_id, role_name, updated) " +
                "VALUES ($user, $group, $connection, $model, $role, $now)", transaction, cancellationToken,
                ("$user", userId), ("$group", groupId), ("$connection", connectionId), ("$model", modelId), ("$role", roleName),
                ("$now", Timestamps.Format(timeProvider.GetUtcNow()))).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Every active model with its connection's base role: SCHEMA models first per connection, in creation order.</summary>
    public async Task<IReadOnlyList<RoleTarget>> TargetsAsync(CancellationToken cancellationToken)
    {
        await using var sqlite = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var targets = new List<RoleTarget>();
        await using var command = sqlite.Command(
            "SELECT m.connection_id, m.id, m.model_kind, c.base_role FROM models m JOIN connections c ON c.id = m.connection_id " +
            "WHERE m.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY c.seq, m.model_kind <> 'SCHEMA', m.seq", null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            targets.Add(new RoleTarget(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return targets;
    }

    /// <summary>The user's own assignments and those of the groups it belongs to.</summary>
    public async Task<IReadOnlyList<StoredRoleAssignment>> ForUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var sqlite = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(sqlite,
            "r.user_id = $id OR r.group_id IN (SELECT group_id FROM group_members WHERE user_id = $id)", userId, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredRoleAssignment>> ForGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        await using var sqlite = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(sqlite, "r.group_id = $id", groupId, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<StoredRoleAssignment>> ReadAsync(SqliteConnection sqlite, string where, string id,
        CancellationToken cancellationToken)
    {
        var assignments = new List<StoredRoleAssignment>();
        await using var command = sqlite.Command(
            "SELECT r.user_id, r.group_id, g.display_name, r.connection_id, r.model_id, r.role_name FROM model_roles r " +
            $"LEFT JOIN user_groups g ON g.id = r.group_id WHERE {where} ORDER BY g.seq, r.seq", null, ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            assignments.Add(new StoredRoleAssignment(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }

        return assignments;
    }
}
