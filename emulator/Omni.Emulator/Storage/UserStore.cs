using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Omni.Emulator.Http;
using Omni.Emulator.Json;

namespace Omni.Emulator.Storage;

public sealed class UserStore(EmulatorDatabase database, TimeProvider timeProvider)
{
    private const string Columns =
        "id, user_name, display_name, active, attributes, created, last_modified, last_login";

    public Task<StoredUser> CreateAsync(string userName, string displayName, JsonObject attributes,
        CancellationToken cancellationToken)
    {
        var now = Timestamps.Format(timeProvider.GetUtcNow());
        var user = new StoredUser(Guid.NewGuid().ToString("D"), userName, displayName, Active: true, attributes, now, now,
            LastLogin: null);
        return database.WriteAsync(async (connection, transaction) =>
        {
            await InsertOrUpdateAsync(connection, transaction, user, insert: true, cancellationToken).ConfigureAwait(false);
            return user;
        }, cancellationToken);
    }

    public async Task<StoredUser?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A page in creation order; <paramref name="userName"/> matches case-insensitively.</summary>
    public async Task<Page<StoredUser>> ListAsync(string? userName, int offset, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        const string where = "WHERE $key IS NULL OR user_name_key = $key";
        var key = MatchKey.ForOptional(userName);
        await using var countCommand = connection.Command($"SELECT COUNT(*) FROM users {where}", null, ("$key", key));
        var total = Convert.ToInt32(await countCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);

        var users = new List<StoredUser>();
        await using (var command = connection.Command(
            $"SELECT {Columns} FROM users {where} ORDER BY seq LIMIT $count OFFSET $offset", null,
            ("$key", key), ("$count", count), ("$offset", offset)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                users.Add(Read(reader));
            }
        }

        for (var i = 0; i < users.Count; i++)
        {
            users[i] = users[i] with
            {
                Groups = await GroupsOfAsync(connection, null, users[i].Id, cancellationToken).ConfigureAwait(false),
            };
        }

        return new Page<StoredUser>(total, users);
    }

    /// <summary>
    /// Reads, changes and writes a user in one transaction, so concurrent PATCHes never lose each
    /// other's changes. <paramref name="change"/> may throw <see cref="ApiProblem"/> to refuse.
    /// </summary>
    public Task<StoredUser> UpdateAsync(string id, Func<StoredUser, StoredUser> change, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var current = await FindAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false)
                ?? throw ApiProblem.UserNotFound();
            var changed = change(current) with
            {
                Id = current.Id,
                Created = current.Created,
                LastModified = Timestamps.Format(timeProvider.GetUtcNow()),
            };
            await InsertOrUpdateAsync(connection, transaction, changed, insert: false, cancellationToken).ConfigureAwait(false);
            return changed;
        }, cancellationToken);

    /// <summary>Records a sign-in now; like Omni, a sign-in is not a modification, so lastModified stays.</summary>
    public async Task<StoredUser> RecordLoginAsync(string id, CancellationToken cancellationToken)
    {
        var updated = await database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync("UPDATE users SET last_login = $now WHERE id = $id", transaction, cancellationToken,
                ("$now", Timestamps.Format(timeProvider.GetUtcNow())), ("$id", id)).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
        return updated == 1
            ? (await FindAsync(id, cancellationToken).ConfigureAwait(false))!
            : throw ApiProblem.UserNotFound();
    }

    /// <summary>Deletes the user; its group memberships go with it (ON DELETE CASCADE).</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "UPDATE user_groups SET last_modified = $now WHERE id IN (SELECT group_id FROM group_members WHERE user_id = $id)",
                transaction, cancellationToken, ("$now", Timestamps.Format(timeProvider.GetUtcNow())), ("$id", id))
                .ConfigureAwait(false);
            var deleted = await connection.ExecuteAsync("DELETE FROM users WHERE id = $id", transaction, cancellationToken,
                ("$id", id)).ConfigureAwait(false);
            return deleted == 1;
        }, cancellationToken);

    private static async Task InsertOrUpdateAsync(SqliteConnection connection, SqliteTransaction transaction, StoredUser user,
        bool insert, CancellationToken cancellationToken)
    {
        var sql = insert
            ? $"INSERT INTO users ({Columns}, user_name_key) " +
              "VALUES ($id, $userName, $displayName, $active, $attributes, $created, $lastModified, $lastLogin, $userNameKey)"
            : "UPDATE users SET user_name = $userName, user_name_key = $userNameKey, display_name = $displayName, " +
              "active = $active, attributes = $attributes, " +
              "last_modified = $lastModified, last_login = $lastLogin WHERE id = $id";
        try
        {
            await connection.ExecuteAsync(sql, transaction, cancellationToken,
                ("$id", user.Id), ("$userName", user.UserName), ("$userNameKey", MatchKey.For(user.UserName)),
                ("$displayName", user.DisplayName),
                ("$active", user.Active), ("$attributes", user.Attributes.ToJsonString()), ("$created", user.Created),
                ("$lastModified", user.LastModified), ("$lastLogin", user.LastLogin)).ConfigureAwait(false);
        }
        catch (SqliteException exception) when (exception.IsUniqueViolation() && exception.Message.Contains("user_name", StringComparison.Ordinal))
        {
            throw ApiProblem.DuplicateUser();
        }
    }

    private static async Task<StoredUser?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string id,
        CancellationToken cancellationToken)
    {
        StoredUser user;
        await using (var command = connection.Command($"SELECT {Columns} FROM users WHERE id = $id", transaction, ("$id", id)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            user = Read(reader);
        }

        return user with { Groups = await GroupsOfAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false) };
    }

    private static async Task<IReadOnlyList<ScimReference>> GroupsOfAsync(SqliteConnection connection,
        SqliteTransaction? transaction, string userId, CancellationToken cancellationToken)
    {
        var groups = new List<ScimReference>();
        await using var command = connection.Command(
            "SELECT g.id, g.display_name FROM group_members m JOIN user_groups g ON g.id = m.group_id " +
            "WHERE m.user_id = $id ORDER BY g.seq", transaction, ("$id", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            groups.Add(new ScimReference(Display: reader.GetString(1), Value: reader.GetString(0)));
        }

        return groups;
    }

    private static StoredUser Read(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        UserName: reader.GetString(1),
        DisplayName: reader.GetString(2),
        Active: reader.GetBoolean(3),
        Attributes: JsonNode.Parse(reader.GetString(4)) as JsonObject ?? [],
        Created: reader.GetString(5),
        LastModified: reader.GetString(6),
        LastLogin: reader.IsDBNull(7) ? null : reader.GetString(7));
}
