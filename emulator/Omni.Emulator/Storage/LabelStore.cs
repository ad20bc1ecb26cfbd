using Microsoft.Data.Sqlite;
using Omni.Emulator.Http;

namespace Omni.Emulator.Storage;

/// <summary>
/// Labels, identified by name in any letter case; a rename changes the id. usage_count is the number of
/// documents (not trashed) carrying the label; a label on any document cannot be deleted (409).
/// </summary>
public sealed class LabelStore(EmulatorDatabase database)
{
    private const string Select =
        "SELECT l.name, l.color, l.description, l.homepage, l.verified, " +
        "(SELECT COUNT(*) FROM document_labels dl JOIN documents d ON d.id = dl.document_id " +
        " WHERE dl.label_key = l.name_key AND d.deleted_at IS NULL) FROM labels l";

    public async Task<IReadOnlyList<StoredLabel>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var labels = new List<StoredLabel>();
        await using var command = connection.Command($"{Select} ORDER BY l.seq", null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            labels.Add(Read(reader));
        }

        return labels;
    }

    public async Task<StoredLabel> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(connection, null, name, cancellationToken).ConfigureAwait(false) ?? throw NotFound(name);
    }

    public Task<StoredLabel> CreateAsync(StoredLabel label, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            try
            {
                await connection.ExecuteAsync(
                    "INSERT INTO labels (name, name_key, color, description, homepage, verified) " +
                    "VALUES ($name, $key, $color, $description, $homepage, $verified)", transaction, cancellationToken,
                    ("$name", label.Name), ("$key", MatchKey.For(label.Name)), ("$color", label.Color), ("$description", label.Description),
                    ("$homepage", label.Homepage), ("$verified", label.Verified)).ConfigureAwait(false);
            }
            catch (SqliteException exception) when (exception.IsUniqueViolation())
            {
                throw Exists(label.Name);
            }

            return (await FindAsync(connection, transaction, label.Name, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);

    /// <summary>Reads, changes and writes one label; <paramref name="change"/> may throw <see cref="ApiProblem"/>.</summary>
    public Task<StoredLabel> UpdateAsync(string name, Func<StoredLabel, StoredLabel> change, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var current = await FindAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false) ?? throw NotFound(name);
            var changed = change(current);
            try
            {
                await connection.ExecuteAsync(
                    "UPDATE labels SET name = $name, name_key = $key, color = $color, description = $description, homepage = $homepage, " +
                    "verified = $verified WHERE name_key = $old", transaction, cancellationToken,
                    ("$name", changed.Name), ("$key", MatchKey.For(changed.Name)), ("$color", changed.Color), ("$description", changed.Description),
                    ("$homepage", changed.Homepage), ("$verified", changed.Verified), ("$old", MatchKey.For(current.Name))).ConfigureAwait(false);
            }
            catch (SqliteException exception) when (exception.IsUniqueViolation())
            {
                throw Exists(changed.Name);
            }

            return (await FindAsync(connection, transaction, changed.Name, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);

    /// <summary>Deletes the label; <paramref name="authorize"/> sees it first and may refuse.</summary>
    public Task DeleteAsync(string name, Action<StoredLabel> authorize, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var current = await FindAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false) ?? throw NotFound(name);
            authorize(current);
            if (current.UsageCount > 0)
            {
                throw ApiProblem.Conflict(
                    $"Cannot delete label \"{current.Name}\": it is applied to {current.UsageCount} document(s); remove it from them first");
            }

            await connection.ExecuteAsync("DELETE FROM labels WHERE name_key = $key", transaction, cancellationToken,
                ("$key", MatchKey.For(current.Name))).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>PUT /documents/{id}/labels/{label}: idempotent.</summary>
    public Task AddToDocumentAsync(string identifier, string name, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var (document, label) = await DocumentAndLabelAsync(connection, transaction, identifier, name, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync("INSERT OR IGNORE INTO document_labels (document_id, label_key) VALUES ($document, $key)",
                transaction, cancellationToken, ("$document", document.Id), ("$key", MatchKey.For(label.Name))).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>DELETE /documents/{id}/labels/{label}: 404 when the document does not carry it.</summary>
    public Task RemoveFromDocumentAsync(string identifier, string name, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var (document, label) = await DocumentAndLabelAsync(connection, transaction, identifier, name, cancellationToken).ConfigureAwait(false);
            var removed = await connection.ExecuteAsync("DELETE FROM document_labels WHERE document_id = $document AND label_key = $key",
                transaction, cancellationToken, ("$document", document.Id), ("$key", MatchKey.For(label.Name))).ConfigureAwait(false);
            return removed == 1 ? true : throw ApiProblem.NotFound($"Document \"{identifier}\" does not have label \"{label.Name}\"");
        }, cancellationToken);

    private static async Task<(StoredDocument, StoredLabel)> DocumentAndLabelAsync(SqliteConnection connection, SqliteTransaction transaction,
        string identifier, string name, CancellationToken cancellationToken) =>
        (await DocumentStore.FindAsync(connection, transaction, identifier, cancellationToken).ConfigureAwait(false)
            ?? throw DocumentStore.DocumentNotFound(identifier),
         await FindAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false) ?? throw NotFound(name));

    public static ApiProblem NotFound(string name) => ApiProblem.NotFound($"Label \"{name}\" not found");

    private static ApiProblem Exists(string name) => ApiProblem.Conflict($"Label with name \"{name}\" already exists (names are unique in any letter case)");

    private static async Task<StoredLabel?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string name,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"{Select} WHERE l.name_key = $key", transaction, ("$key", MatchKey.For(name)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static StoredLabel Read(SqliteDataReader reader) => new(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetInt32(5));
}
