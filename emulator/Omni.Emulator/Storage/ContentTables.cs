namespace Omni.Emulator.Storage;

/// <summary>
/// Tables of the v1 content families this emulator adds beyond SCIM: user-attribute definitions,
/// folders, the minimal document store, folder and document permits, and labels. Applied by
/// <see cref="DatabaseSchema"/> after the SCIM tables, which the permits reference.
/// </summary>
internal static class ContentTables
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS emulator_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS user_attribute_definitions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            label TEXT NOT NULL,
            type TEXT NOT NULL,
            multiple_values INTEGER NOT NULL,
            default_value TEXT NULL,
            description TEXT NULL,
            system INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS folders (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            segment TEXT NOT NULL,
            parent_id TEXT NULL REFERENCES folders (id) ON DELETE CASCADE,
            scope TEXT NOT NULL,
            owner_id TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS folders_sibling_segment ON folders (COALESCE(parent_id, ''), segment);
        CREATE TABLE IF NOT EXISTS documents (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            identifier TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            folder_id TEXT NULL REFERENCES folders (id) ON DELETE SET NULL,
            owner_id TEXT NOT NULL,
            settings TEXT NOT NULL DEFAULT '{}',
            deleted_at TEXT NULL);
        CREATE TABLE IF NOT EXISTS permits (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            target_kind TEXT NOT NULL,
            target_id TEXT NOT NULL,
            user_id TEXT NULL REFERENCES users (id) ON DELETE CASCADE,
            group_id TEXT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            access_boost INTEGER NOT NULL,
            CHECK ((user_id IS NULL) <> (group_id IS NULL)));
        CREATE UNIQUE INDEX IF NOT EXISTS permits_subject
            ON permits (target_kind, target_id, COALESCE(user_id, ''), COALESCE(group_id, ''));
        CREATE TABLE IF NOT EXISTS labels (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            color TEXT NULL,
            description TEXT NULL,
            homepage INTEGER NOT NULL,
            verified INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS document_labels (
            document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            label_key TEXT NOT NULL REFERENCES labels (name_key) ON DELETE CASCADE ON UPDATE CASCADE,
            PRIMARY KEY (document_id, label_key));
        """;

    /// <summary>Emptied by the admin reset, children first; the seed is then written again.</summary>
    public const string Clear = """
        DELETE FROM document_labels; DELETE FROM labels; DELETE FROM permits; DELETE FROM documents;
        DELETE FROM folders; DELETE FROM user_attribute_definitions; DELETE FROM emulator_meta;
        """;
}
