using Microsoft.Data.Sqlite;

namespace Omni.Emulator.Storage;

/// <summary>
/// The tables behind connections, their environments and schema-refresh schedules, models and model
/// roles. Secrets are never stored: only which ones were set (see <see cref="ConnectionStore"/>).
/// </summary>
internal static class CatalogSchema
{
    private const string Tables = """
        CREATE TABLE IF NOT EXISTS connections (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            dialect TEXT NOT NULL,
            database_name TEXT NULL,
            default_schema TEXT NULL,
            base_role TEXT NULL,
            settings TEXT NOT NULL DEFAULT '{}',
            secrets_set TEXT NOT NULL DEFAULT '[]',
            environment_attribute TEXT NULL,
            environment_default_values TEXT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            deleted_at TEXT NULL);
        CREATE TABLE IF NOT EXISTS connection_environments (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            base_connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
            connection_id TEXT NOT NULL UNIQUE REFERENCES connections (id) ON DELETE CASCADE,
            user_attribute_values TEXT NOT NULL DEFAULT '[]');
        CREATE TABLE IF NOT EXISTS connection_schedules (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
            schedule TEXT NOT NULL,
            timezone TEXT NOT NULL,
            description TEXT NOT NULL,
            disabled_at TEXT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS models (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
            base_model_id TEXT NULL,
            model_kind TEXT NOT NULL,
            name TEXT NOT NULL,
            git TEXT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            deleted_at TEXT NULL);
        CREATE INDEX IF NOT EXISTS models_connection ON models (connection_id);
        CREATE TABLE IF NOT EXISTS model_roles (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id TEXT NULL REFERENCES users (id) ON DELETE CASCADE,
            group_id TEXT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
            connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
            model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE,
            role_name TEXT NOT NULL,
            updated TEXT NOT NULL,
            CHECK ((user_id IS NULL) <> (group_id IS NULL)));
        CREATE UNIQUE INDEX IF NOT EXISTS model_roles_user ON model_roles (user_id, model_id) WHERE user_id IS NOT NULL;
        CREATE UNIQUE INDEX IF NOT EXISTS model_roles_group ON model_roles (group_id, model_id) WHERE group_id IS NOT NULL;
        """;

    /// <summary>Every row of these tables, children first, for the admin reset.</summary>
    public const string DeleteAll = """
        DELETE FROM model_roles; DELETE FROM connection_schedules; DELETE FROM connection_environments;
        DELETE FROM models; DELETE FROM connections;
        """;

    public static Task ApplyAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Tables, transaction, cancellationToken);
}
