using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Omni.Emulator.Http;

namespace Omni.Emulator.Storage;

/// <summary>
/// The emulator's minimal document store: just enough for document permissions, labels on documents and
/// non-empty folders. Documents are seeded (one sample, plus <see cref="EmulatorOptions.SeedDocuments"/>)
/// and made by the admin API; Omni's document endpoints themselves are not emulated.
/// </summary>
public sealed class DocumentStore(EmulatorDatabase database, EmulatorOptions options)
{
    /// <summary>The seeded sample document, always present in a fresh or reset emulator.</summary>
    public const string SampleId = "5e3d0c1a-7b2f-4c8e-9a6d-0f1e2d3c4b5a";

    public const string SampleIdentifier = "sample-dashboard";

    private const string SeededKey = "documents_seeded";
    private const string Columns = "id, identifier, name, folder_id, owner_id";

    /// <summary>Seeds a database that never held documents (the sample, then "seeded-document-N").</summary>
    public async Task InitializeAsync(string ownerId, CancellationToken cancellationToken) =>
        await database.WriteAsync(async (connection, transaction) =>
        {
            await EmulatorMeta.OnceAsync(connection, transaction, SeededKey, () => SeedAsync(connection, transaction, ownerId, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    public Task ResetAsync(string ownerId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("DELETE FROM documents; DELETE FROM emulator_meta WHERE key = $key", transaction, cancellationToken,
                ("$key", SeededKey)).ConfigureAwait(false);
            await EmulatorMeta.OnceAsync(connection, transaction, SeededKey, () => SeedAsync(connection, transaction, ownerId, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>A document that is not in the trash, by its id or its identifier (slug).</summary>
    public async Task<StoredDocument> GetAsync(string identifier, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(connection, null, identifier, cancellationToken).ConfigureAwait(false) ?? throw DocumentNotFound(identifier);
    }

    public async Task<IReadOnlyList<StoredDocument>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var documents = new List<StoredDocument>();
        await using var command = connection.Command($"SELECT {Columns} FROM documents WHERE deleted_at IS NULL ORDER BY seq", null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            documents.Add(Read(reader));
        }

        return documents;
    }

    /// <summary>Admin API: a new document, at the root or in <paramref name="folderId"/>.</summary>
    public Task<StoredDocument> CreateAsync(string name, string? folderId, string ownerId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            if (folderId is not null && (await FolderStore.LoadAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
                    .Find(folderId) is null)
            {
                throw FolderStore.FolderNotFound(folderId);
            }

            var id = Guid.NewGuid().ToString("D");
            var document = new StoredDocument(id, id[..8], name, folderId, ownerId);
            await InsertAsync(connection, transaction, document, cancellationToken).ConfigureAwait(false);
            return document;
        }, cancellationToken);

    /// <summary>PUT …/permissions: merges the given settings (organizationRole, can*) into the stored ones.</summary>
    public Task UpdateSettingsAsync(string identifier, JsonObject settings, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var document = await FindAsync(connection, transaction, identifier, cancellationToken).ConfigureAwait(false)
                ?? throw DocumentNotFound(identifier);
            await using var read = connection.Command("SELECT settings FROM documents WHERE id = $id", transaction, ("$id", document.Id));
            var stored = JsonNode.Parse((string)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)!.AsObject();
            foreach (var (key, value) in settings)
            {
                stored[key] = value?.DeepClone();
            }

            await connection.ExecuteAsync("UPDATE documents SET settings = $settings WHERE id = $id", transaction, cancellationToken,
                ("$settings", stored.ToJsonString()), ("$id", document.Id)).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public static ApiProblem DocumentNotFound(string identifier) => ApiProblem.NotFound($"Document with identifier \"{identifier}\" not found");

    internal static async Task<StoredDocument?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string identifier,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            $"SELECT {Columns} FROM documents WHERE deleted_at IS NULL AND (id = $id COLLATE NOCASE OR identifier = $id) LIMIT 1",
            transaction, ("$id", identifier));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private async Task SeedAsync(SqliteConnection connection, SqliteTransaction transaction, string ownerId, CancellationToken cancellationToken)
    {
        await InsertAsync(connection, transaction, new StoredDocument(SampleId, SampleIdentifier, "Sample dashboard", null, ownerId),
            cancellationToken).ConfigureAwait(false);
        for (var n = 1; n <= options.SeedDocuments; n++)
        {
            var id = Guid.NewGuid().ToString("D");
            await InsertAsync(connection, transaction, new StoredDocument(id, $"seeded-document-{n}", $"Seeded document {n}", null, ownerId),
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, StoredDocument d,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync($"INSERT INTO documents ({Columns}) VALUES ($id, $identifier, $name, $folder, $owner)", transaction,
            cancellationToken, ("$id", d.Id), ("$identifier", d.Identifier), ("$name", d.Name), ("$folder", d.FolderId), ("$owner", d.OwnerId));

    private static StoredDocument Read(SqliteDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4));
}
