using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Omni.Emulator.Storage;

/// <summary>An embed user: made by an embed SSO session in Omni, never by SCIM, and never listed among /users.</summary>
public sealed record StoredEmbedUser(
    string Id,
    string UserName,
    string DisplayName,
    string? EmbedEmail,
    string? EmbedEntity,
    string EmbedExternalId,
    string Created,
    string LastModified);

/// <summary>An embed user seeded at start and after a reset (<c>--seed-embed-user EXTERNAL_ID[=EMAIL]</c>).</summary>
public sealed record SeedEmbedUser(string ExternalId, string? Email = null, string? Entity = null, string? UserName = null)
{
    public static SeedEmbedUser Parse(string text)
    {
        var parts = text.Split('=', 2);
        var externalId = parts[0].Trim();
        if (externalId.Length == 0)
        {
            throw new ArgumentException($"--seed-embed-user needs EXTERNAL_ID[=EMAIL], got '{text}'.", nameof(text));
        }

        return new SeedEmbedUser(externalId, parts.Length == 2 && parts[1].Trim().Length > 0 ? parts[1].Trim() : null);
    }

    /// <summary>The same id at every start and reset, so a dev stack can refer to a seeded embed user.</summary>
    public string StableId()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"embed\n{Entity}\n{ExternalId}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x40); // a version-4 shaped UUID, as Omni's ids look
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }
}

/// <summary>The embed users' table (<c>embed_users</c>), apart from SCIM users: their userNames never collide with them.</summary>
public sealed class EmbedUserStore(EmulatorDatabase database, TimeProvider timeProvider)
{
    private const string Columns =
        "id, user_name, display_name, embed_email, embed_entity, embed_external_id, created, last_modified";

    /// <summary>
    /// Omni gives embed users a synthetic userName; its form is not documented, so the emulator makes one
    /// from the id ([E]) unless the caller sets one (tests use that to make it collide with a real user's).
    /// </summary>
    public static string SyntheticUserName(string id) => $"embed-{id}@embed.omni-emulator.local";

    public Task<StoredEmbedUser> CreateAsync(SeedEmbedUser seed, string? id, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => InsertAsync(connection, transaction, seed, id ?? Guid.NewGuid().ToString("D"),
            Timestamps.Format(timeProvider.GetUtcNow()), orIgnore: false, cancellationToken), cancellationToken);

    internal static async Task<StoredEmbedUser> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, SeedEmbedUser seed,
        string id, string now, bool orIgnore, CancellationToken cancellationToken)
    {
        var user = new StoredEmbedUser(id, seed.UserName ?? SyntheticUserName(id), seed.Email ?? seed.ExternalId, seed.Email, seed.Entity,
            seed.ExternalId, now, now);
        await connection.ExecuteAsync(
            $"INSERT {(orIgnore ? "OR IGNORE " : "")}INTO embed_users ({Columns}, user_name_key) " +
            "VALUES ($id, $userName, $displayName, $email, $entity, $externalId, $now, $now, $key)", transaction, cancellationToken,
            ("$id", user.Id), ("$userName", user.UserName), ("$displayName", user.DisplayName), ("$email", user.EmbedEmail),
            ("$entity", user.EmbedEntity), ("$externalId", user.EmbedExternalId), ("$now", now), ("$key", MatchKey.For(user.UserName)))
            .ConfigureAwait(false);
        return user;
    }

    public async Task<StoredEmbedUser?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {Columns} FROM embed_users WHERE id = $id", null, ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>A page in creation order; <paramref name="userName"/> matches case-insensitively, as for /users.</summary>
    public async Task<Page<StoredEmbedUser>> ListAsync(string? userName, int offset, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        const string where = "WHERE $key IS NULL OR user_name_key = $key";
        var key = MatchKey.ForOptional(userName);
        await using var countCommand = connection.Command($"SELECT COUNT(*) FROM embed_users {where}", null, ("$key", key));
        var total = Convert.ToInt32(await countCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);
        var users = new List<StoredEmbedUser>();
        await using var command = connection.Command($"SELECT {Columns} FROM embed_users {where} ORDER BY seq LIMIT $count OFFSET $offset",
            null, ("$key", key), ("$count", count), ("$offset", offset));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            users.Add(Read(reader));
        }

        return new Page<StoredEmbedUser>(total, users);
    }

    /// <summary>A hard delete (Omni's spec says so for embed users, unlike the soft delete of SCIM users).</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync("DELETE FROM embed_users WHERE id = $id", transaction, cancellationToken, ("$id", id))
                .ConfigureAwait(false) == 1, cancellationToken);

    private static StoredEmbedUser Read(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        UserName: reader.GetString(1),
        DisplayName: reader.GetString(2),
        EmbedEmail: reader.IsDBNull(3) ? null : reader.GetString(3),
        EmbedEntity: reader.IsDBNull(4) ? null : reader.GetString(4),
        EmbedExternalId: reader.GetString(5),
        Created: reader.GetString(6),
        LastModified: reader.GetString(7));
}
