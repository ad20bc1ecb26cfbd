using Microsoft.Data.Sqlite;

namespace Omni.Emulator.Storage;

/// <summary>
/// Who is there from the start and after a reset besides the catalog: the organization key's owner
/// (<c>--key-owner</c>) as a real SCIM user in the admin group (<c>--admin-group</c>), and the seeded embed
/// users. Only what is missing is added, so a data folder keeps what was done to them between starts.
/// </summary>
internal static class IdentitySeed
{
    /// <summary>The admin group's fixed short id (Omni's group ids are 8 characters).</summary>
    public const string AdminGroupId = "AdminGrp";

    public static async Task ApplyAsync(SqliteConnection connection, SqliteTransaction transaction, EmulatorOptions options, string now,
        CancellationToken cancellationToken)
    {
        if (options.KeyOwner is { } owner)
        {
            var ownerId = V1.V1Endpoints.OrganizationKeyOwnerId;
            // OR IGNORE: an owner already there (or a user who took the email) stays as it is.
            await connection.ExecuteAsync(
                "INSERT OR IGNORE INTO users (id, user_name, user_name_key, display_name, active, attributes, created, last_modified) " +
                "VALUES ($id, $userName, $key, $displayName, 1, '{}', $now, $now)", transaction, cancellationToken,
                ("$id", ownerId), ("$userName", owner), ("$key", MatchKey.For(owner)), ("$displayName", V1.V1Endpoints.OrganizationKeyOwner.Name),
                ("$now", now)).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT OR IGNORE INTO user_groups (id, display_name, display_name_key, created, last_modified) VALUES ($id, $name, $key, $now, $now)",
                transaction, cancellationToken, ("$id", AdminGroupId), ("$name", options.AdminGroup), ("$key", MatchKey.For(options.AdminGroup)),
                ("$now", now)).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT OR IGNORE INTO group_members (group_id, user_id) SELECT $group, $user " +
                "WHERE EXISTS (SELECT 1 FROM users WHERE id = $user) AND EXISTS (SELECT 1 FROM user_groups WHERE id = $group)",
                transaction, cancellationToken, ("$group", AdminGroupId), ("$user", ownerId)).ConfigureAwait(false);
        }

        foreach (var seed in options.SeedEmbedUsers)
        {
            await EmbedUserStore.InsertAsync(connection, transaction, seed, seed.StableId(), now, orIgnore: true, cancellationToken).ConfigureAwait(false);
        }
    }
}
