using Microsoft.Data.Sqlite;

namespace Omni.Emulator.Storage;

/// <summary>
/// Creates the tables, and brings a data file written by an earlier emulator up to date, so an
/// existing data folder keeps working after an upgrade.
/// </summary>
internal static class DatabaseSchema
{
    private const string Tables = """
        CREATE TABLE IF NOT EXISTS users (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            user_name TEXT NOT NULL,
            user_name_key TEXT NOT NULL,
            display_name TEXT NOT NULL,
            active INTEGER NOT NULL,
            attributes TEXT NOT NULL DEFAULT '{}',
            created TEXT NOT NULL,
            last_modified TEXT NOT NULL,
            last_login TEXT NULL);
        CREATE TABLE IF NOT EXISTS user_groups (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            display_name_key TEXT NOT NULL,
            created TEXT NOT NULL,
            last_modified TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS group_members (
            group_id TEXT NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            PRIMARY KEY (group_id, user_id));
        CREATE INDEX IF NOT EXISTS group_members_user ON group_members (user_id);
        CREATE TABLE IF NOT EXISTS embed_users (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            user_name TEXT NOT NULL,
            user_name_key TEXT NOT NULL,
            display_name TEXT NOT NULL,
            embed_email TEXT NULL,
            embed_entity TEXT NULL,
            embed_external_id TEXT NOT NULL,
            created TEXT NOT NULL,
            last_modified TEXT NOT NULL);
        """;

    // The NOCASE indexes of earlier versions folded ASCII letters only; the key columns replace them.
    private const string Indexes = """
        DROP INDEX IF EXISTS users_user_name;
        DROP INDEX IF EXISTS user_groups_display_name;
        CREATE UNIQUE INDEX IF NOT EXISTS users_user_name_key ON users (user_name_key);
        CREATE UNIQUE INDEX IF NOT EXISTS user_groups_display_name_key ON user_groups (display_name_key);
        """;

    public static async Task ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(Tables, transaction, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(ContentTables.Sql, transaction, cancellationToken).ConfigureAwait(false);
        await AddKeyColumnAsync(connection, transaction, "users", "user_name", "user_name_key", cancellationToken).ConfigureAwait(false);
        await AddKeyColumnAsync(connection, transaction, "user_groups", "display_name", "display_name_key", cancellationToken)
            .ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(Indexes, transaction, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException exception) when (exception.IsUniqueViolation())
        {
            throw new InvalidOperationException(
                $"{connection.DataSource} holds two users (or groups) whose names differ only in the case of non-ASCII letters, " +
                "which this emulator version refuses; delete one of them or start with a fresh --data folder.", exception);
        }

        await CatalogSchema.ApplyAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds <paramref name="keyColumn"/> when missing and fills it from <paramref name="sourceColumn"/>.</summary>
    private static async Task AddKeyColumnAsync(SqliteConnection connection, SqliteTransaction transaction, string table,
        string sourceColumn, string keyColumn, CancellationToken cancellationToken)
    {
        await using (var exists = connection.Command($"SELECT 1 FROM pragma_table_info('{table}') WHERE name = $column", transaction,
            ("$column", keyColumn)))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        await connection.ExecuteAsync($"ALTER TABLE {table} ADD COLUMN {keyColumn} TEXT NOT NULL DEFAULT ''", transaction,
            cancellationToken).ConfigureAwait(false);
        var rows = new List<(long Seq, string Value)>();
        await using (var read = connection.Command($"SELECT seq, {sourceColumn} FROM {table}", transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        foreach (var (seq, value) in rows)
        {
            await connection.ExecuteAsync($"UPDATE {table} SET {keyColumn} = $key WHERE seq = $seq", transaction, cancellationToken,
                ("$key", MatchKey.For(value)), ("$seq", seq)).ConfigureAwait(false);
        }
    }
}
