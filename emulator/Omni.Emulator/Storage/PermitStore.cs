using Microsoft.Data.Sqlite;
using Omni.Emulator.Http;
using Omni.Emulator.Permissions;

namespace Omni.Emulator.Storage;

/// <summary>
/// Grants on folders and documents, one row per subject (user or group) and target. A grant to a subject
/// that already has one replaces it; revoking a subject without one does nothing. Users and groups are
/// referenced by foreign key, so deleting them through SCIM removes their grants.
/// </summary>
public sealed class PermitStore(EmulatorDatabase database)
{
    public const string Folder = "folder";
    public const string Document = "document";

    public async Task<IReadOnlyList<StoredPermit>> ListAsync(string kind, string targetId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var permits = new List<StoredPermit>();
        await using var command = connection.Command(
            "SELECT p.user_id, p.group_id, COALESCE(u.display_name, g.display_name), p.role, p.access_boost FROM permits p " +
            "LEFT JOIN users u ON u.id = p.user_id LEFT JOIN user_groups g ON g.id = p.group_id " +
            "WHERE p.target_kind = $kind AND p.target_id = $target ORDER BY p.seq", null, ("$kind", kind), ("$target", targetId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            permits.Add(new StoredPermit(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? "" : reader.GetString(2), reader.GetString(3), reader.GetBoolean(4)));
        }

        return permits;
    }

    /// <summary>404 unless the user exists (SCIM id).</summary>
    public async Task RequireUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ResolveAsync(connection, null, [userId], [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The groups <paramref name="userId"/> belongs to (8-character ids).</summary>
    public async Task<IReadOnlySet<string>> GroupsOfAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var groups = new HashSet<string>(StringComparer.Ordinal);
        await using var command = connection.Command("SELECT group_id FROM group_members WHERE user_id = $id", null, ("$id", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            groups.Add(reader.GetString(0));
        }

        return groups;
    }

    /// <summary>Grants <paramref name="role"/> to every subject (POST). Unknown users or groups are 404 and nothing is written.</summary>
    public Task GrantAsync(string kind, string targetId, IReadOnlyList<string> userIds, IReadOnlyList<string> groupIds, string role,
        bool accessBoost, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var subjects = await ResolveAsync(connection, transaction, userIds, groupIds, cancellationToken).ConfigureAwait(false);
            foreach (var (userId, groupId) in Pairs(subjects))
            {
                await UpsertAsync(connection, transaction, kind, targetId, userId, groupId, role, accessBoost, cancellationToken)
                    .ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);

    /// <summary>PATCH: changes role and/or accessBoost; a subject without a grant gets one, which then needs a role.</summary>
    public Task UpdateAsync(string kind, string targetId, IReadOnlyList<string> userIds, IReadOnlyList<string> groupIds, string? role,
        bool? accessBoost, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var subjects = await ResolveAsync(connection, transaction, userIds, groupIds, cancellationToken).ConfigureAwait(false);
            foreach (var (userId, groupId) in Pairs(subjects))
            {
                await using var read = connection.Command(
                    "SELECT role, access_boost FROM permits WHERE target_kind = $kind AND target_id = $target " +
                    "AND COALESCE(user_id, '') = $user AND COALESCE(group_id, '') = $group", transaction,
                    ("$kind", kind), ("$target", targetId), ("$user", userId ?? ""), ("$group", groupId ?? ""));
                await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var exists = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var newRole = role ?? (exists ? reader.GetString(0) : throw ApiProblem.BadRequest(
                    $"role: required, because {(userId is null ? $"user group {groupId}" : $"user {userId}")} has no permit here to update"));
                var newBoost = accessBoost ?? (exists && reader.GetBoolean(1));
                await reader.DisposeAsync().ConfigureAwait(false);
                await UpsertAsync(connection, transaction, kind, targetId, userId, groupId, newRole, newBoost, cancellationToken)
                    .ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);

    public Task RevokeAsync(string kind, string targetId, IReadOnlyList<string> userIds, IReadOnlyList<string> groupIds,
        CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var subjects = await ResolveAsync(connection, transaction, userIds, groupIds, cancellationToken).ConfigureAwait(false);
            foreach (var (userId, groupId) in Pairs(subjects))
            {
                await connection.ExecuteAsync(
                    "DELETE FROM permits WHERE target_kind = $kind AND target_id = $target " +
                    "AND COALESCE(user_id, '') = $user AND COALESCE(group_id, '') = $group", transaction, cancellationToken,
                    ("$kind", kind), ("$target", targetId), ("$user", userId ?? ""), ("$group", groupId ?? "")).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);

    private static IEnumerable<(string? UserId, string? GroupId)> Pairs(PermitSubjects subjects) =>
        subjects.UserIds.Select(u => ((string?)u, (string?)null)).Concat(subjects.GroupIds.Select(g => ((string?)null, (string?)g)));

    private static Task UpsertAsync(SqliteConnection connection, SqliteTransaction transaction, string kind, string targetId,
        string? userId, string? groupId, string role, bool accessBoost, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            "INSERT INTO permits (target_kind, target_id, user_id, group_id, role, access_boost) " +
            "VALUES ($kind, $target, $user, $group, $role, $boost) " +
            "ON CONFLICT (target_kind, target_id, COALESCE(user_id, ''), COALESCE(group_id, '')) " +
            "DO UPDATE SET role = excluded.role, access_boost = excluded.access_boost", transaction, cancellationToken,
            ("$kind", kind), ("$target", targetId), ("$user", userId), ("$group", groupId), ("$role", role), ("$boost", accessBoost));

    /// <summary>
    /// Users by SCIM id (a UUID); groups by their 8-character id or by the UUID permits show for them.
    /// The first unknown subject is a 404 naming it.
    /// </summary>
    private static async Task<PermitSubjects> ResolveAsync(SqliteConnection connection, SqliteTransaction? transaction,
        IReadOnlyList<string> userIds, IReadOnlyList<string> groupIds, CancellationToken cancellationToken)
    {
        var users = new List<string>();
        foreach (var userId in userIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await using var command = connection.Command("SELECT id FROM users WHERE id = $id COLLATE NOCASE", transaction, ("$id", userId));
            users.Add(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string
                ?? throw ApiProblem.NotFound($"User with id \"{userId}\" not found"));
        }

        var groups = new List<string>();
        if (groupIds.Count > 0)
        {
            var all = new List<string>();
            await using (var command = connection.Command("SELECT id FROM user_groups", transaction))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    all.Add(reader.GetString(0));
                }
            }

            foreach (var groupId in groupIds.Distinct(StringComparer.Ordinal))
            {
                var found = all.FirstOrDefault(g => g == groupId || string.Equals(GroupUuids.For(g), groupId, StringComparison.OrdinalIgnoreCase))
                    ?? throw ApiProblem.NotFound($"User group with id \"{groupId}\" not found");
                if (!groups.Contains(found))
                {
                    groups.Add(found);
                }
            }
        }

        return new PermitSubjects(users, groups);
    }
}
