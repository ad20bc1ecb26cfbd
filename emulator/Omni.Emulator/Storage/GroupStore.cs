using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Omni.Emulator.Http;
using Omni.Emulator.Json;

namespace Omni.Emulator.Storage;

public sealed class GroupStore(EmulatorDatabase database, TimeProvider timeProvider)
{
    private const string ShortIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Columns = "id, display_name, created, last_modified";

    public Task<StoredGroup> CreateAsync(GroupState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = Timestamps.Format(timeProvider.GetUtcNow());
        // Omni's group ids are 8-character "miniUuid"s such as "mEhXj6ZI".
        var id = RandomNumberGenerator.GetString(ShortIdAlphabet, 8);
        return database.WriteAsync(async (connection, transaction) =>
        {
            await ExecuteUniqueAsync(connection, transaction,
                $"INSERT INTO user_groups ({Columns}, display_name_key) VALUES ($id, $name, $now, $now, $key)", cancellationToken,
                ("$id", id), ("$name", state.DisplayName), ("$key", MatchKey.For(state.DisplayName)), ("$now", now)).ConfigureAwait(false);
            await SetMembersAsync(connection, transaction, id, state.MemberIds, cancellationToken).ConfigureAwait(false);
            return (await FindAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    public async Task<StoredGroup?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A page in creation order; <paramref name="displayName"/> matches case-insensitively.</summary>
    public async Task<Page<StoredGroup>> ListAsync(string? displayName, int offset, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        const string where = "WHERE $key IS NULL OR display_name_key = $key";
        var key = MatchKey.ForOptional(displayName);
        await using var countCommand = connection.Command($"SELECT COUNT(*) FROM user_groups {where}", null, ("$key", key));
        var total = Convert.ToInt32(await countCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);

        var ids = new List<string>();
        await using (var command = connection.Command(
            $"SELECT id FROM user_groups {where} ORDER BY seq LIMIT $count OFFSET $offset", null,
            ("$key", key), ("$count", count), ("$offset", offset)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }

        var groups = new List<StoredGroup>();
        foreach (var id in ids)
        {
            if (await FindAsync(connection, null, id, cancellationToken).ConfigureAwait(false) is { } group)
            {
                groups.Add(group);
            }
        }

        return new Page<StoredGroup>(total, groups);
    }

    /// <summary>Reads, changes and writes a group in one transaction; <paramref name="change"/> may throw <see cref="ApiProblem"/>.</summary>
    public Task<StoredGroup> UpdateAsync(string id, Func<GroupState, GroupState> change, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var current = await FindAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false)
                ?? throw ApiProblem.GroupNotFound();
            var changed = change(new GroupState(current.DisplayName, [.. current.Members.Select(m => m.Value)]));
            await ExecuteUniqueAsync(connection, transaction,
                "UPDATE user_groups SET display_name = $name, display_name_key = $key, last_modified = $now WHERE id = $id",
                cancellationToken, ("$id", id), ("$name", changed.DisplayName), ("$key", MatchKey.For(changed.DisplayName)),
                ("$now", Timestamps.Format(timeProvider.GetUtcNow())))
                .ConfigureAwait(false);
            await SetMembersAsync(connection, transaction, id, changed.MemberIds, cancellationToken).ConfigureAwait(false);
            return (await FindAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync("DELETE FROM user_groups WHERE id = $id", transaction, cancellationToken, ("$id", id))
                .ConfigureAwait(false) == 1,
            cancellationToken);

    /// <summary>Makes the membership exactly <paramref name="memberIds"/>, keeping existing rows (and so their order).</summary>
    private static async Task SetMembersAsync(SqliteConnection connection, SqliteTransaction transaction, string groupId,
        IReadOnlyList<string> memberIds, CancellationToken cancellationToken)
    {
        foreach (var userId in memberIds)
        {
            await using var exists = connection.Command("SELECT 1 FROM users WHERE id = $id", transaction, ("$id", userId));
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                throw ApiProblem.BadRequest($"members: no user with id '{userId}' exists");
            }
        }

        await connection.ExecuteAsync(
            "DELETE FROM group_members WHERE group_id = $group AND user_id NOT IN (SELECT value FROM json_each($ids))",
            transaction, cancellationToken, ("$group", groupId), ("$ids", System.Text.Json.JsonSerializer.Serialize(
                memberIds, EmulatorJson.Context.IReadOnlyListString))).ConfigureAwait(false);
        foreach (var userId in memberIds)
        {
            await connection.ExecuteAsync("INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES ($group, $user)",
                transaction, cancellationToken, ("$group", groupId), ("$user", userId)).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteUniqueAsync(SqliteConnection connection, SqliteTransaction transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        try
        {
            await connection.ExecuteAsync(sql, transaction, cancellationToken, parameters).ConfigureAwait(false);
        }
        catch (SqliteException exception) when (exception.IsUniqueViolation() && exception.Message.Contains("display_name", StringComparison.Ordinal))
        {
            throw ApiProblem.DuplicateGroup();
        }
    }

    private static async Task<StoredGroup?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string id,
        CancellationToken cancellationToken)
    {
        string displayName, created, lastModified;
        await using (var command = connection.Command($"SELECT {Columns} FROM user_groups WHERE id = $id", transaction, ("$id", id)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            (displayName, created, lastModified) = (reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }

        var members = new List<ScimReference>();
        await using (var command = connection.Command(
            "SELECT u.id, u.user_name FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = $id ORDER BY m.rowid",
            transaction, ("$id", id)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                members.Add(new ScimReference(Display: reader.GetString(1), Value: reader.GetString(0)));
            }
        }

        return new StoredGroup(id, displayName, created, lastModified, members);
    }
}
