using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Omni.Emulator.Http;

namespace Omni.Emulator.Storage;

/// <summary>Connections: created with their SCHEMA model, changed in place, soft-deleted into the trash.</summary>
public sealed class ConnectionStore(EmulatorDatabase database, TimeProvider timeProvider)
{
    private const string Columns =
        "id, name, dialect, database_name, default_schema, base_role, settings, secrets_set, environment_attribute, " +
        "environment_default_values, created, updated, deleted_at";

    public static ApiProblem NotFound() => ApiProblem.NotFound("Connection not found");

    public static ApiProblem Gone() => new(StatusCodes.Status410Gone, "Connection has been deleted");

    /// <summary>Stores the connection and the SCHEMA model every connection has, named after it.</summary>
    public Task<StoredConnection> CreateAsync(StoredConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var now = Timestamps.Format(timeProvider.GetUtcNow());
        var stored = connection with { Created = now, Updated = now, DeletedAt = null };
        return database.WriteAsync(async (sqlite, transaction) =>
        {
            await InsertAsync(sqlite, transaction, stored, Guid.NewGuid().ToString("D"), cancellationToken).ConfigureAwait(false);
            return stored;
        }, cancellationToken);
    }

    /// <summary>Inserts a connection and its SCHEMA model; used by <see cref="CreateAsync"/> and the seed.</summary>
    internal static async Task InsertAsync(SqliteConnection sqlite, SqliteTransaction transaction, StoredConnection c, string schemaModelId,
        CancellationToken cancellationToken)
    {
        await sqlite.ExecuteAsync(
            $"INSERT INTO connections ({Columns}) VALUES ($id, $name, $dialect, $database, $schema, $role, $settings, $secrets, " +
            "$attribute, $defaults, $created, $updated, NULL)", transaction, cancellationToken,
            ("$id", c.Id), ("$name", c.Name), ("$dialect", c.Dialect), ("$database", c.Database), ("$schema", c.DefaultSchema),
            ("$role", c.BaseRole), ("$settings", c.Settings.ToJsonString()), ("$secrets", JsonList.Write(c.SecretsSet)),
            ("$attribute", c.EnvironmentAttribute), ("$defaults", c.EnvironmentDefaultValues is null ? null : JsonList.Write(c.EnvironmentDefaultValues)),
            ("$created", c.Created), ("$updated", c.Updated)).ConfigureAwait(false);
        await sqlite.ExecuteAsync(
            "INSERT INTO models (id, connection_id, base_model_id, model_kind, name, created, updated) " +
            "VALUES ($id, $connection, NULL, 'SCHEMA', $name, $now, $now)", transaction, cancellationToken,
            ("$id", schemaModelId), ("$connection", c.Id), ("$name", c.Name), ("$now", c.Created)).ConfigureAwait(false);
    }

    /// <summary>The connection, deleted or not; null when no such id was ever created.</summary>
    public async Task<StoredConnection?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var sqlite = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(sqlite, null, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The connection if it exists and is not deleted; otherwise 404 (sub-resources of a trashed connection are gone too).</summary>
    public async Task<StoredConnection> RequireActiveAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken).ConfigureAwait(false) is { IsDeleted: false } connection ? connection : throw NotFound();

    public async Task<IReadOnlyList<StoredConnection>> ListAsync(ConnectionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var sqlite = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var all = new List<StoredConnection>();
        await using (var command = sqlite.Command($"SELECT {Columns} FROM connections ORDER BY seq", null))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                all.Add(Read(reader));
            }
        }

        var matching = all.Where(c => (query.IncludeDeleted || !c.IsDeleted)
            && Contains(c.Name, query.Name) && Contains(c.Database, query.Database)
            && (query.Dialects.Count == 0 || query.Dialects.Contains(c.Dialect, StringComparer.OrdinalIgnoreCase)));
        Func<StoredConnection, string> key = query.SortField switch
        {
            "database" => c => c.Database ?? "",
            "dialect" => c => c.Dialect,
            _ => c => c.Name,
        };
        return query.Descending
            ? [.. matching.OrderByDescending(key, StringComparer.OrdinalIgnoreCase)]
            : [.. matching.OrderBy(key, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Reads, changes and writes an active connection in one transaction: 404 if unknown, 410 if deleted.</summary>
    public Task<StoredConnection> UpdateAsync(string id, Func<StoredConnection, StoredConnection> change, CancellationToken cancellationToken) =>
        database.WriteAsync(async (sqlite, transaction) =>
        {
            var current = await RequireUndeletedAsync(sqlite, transaction, id, cancellationToken).ConfigureAwait(false);
            var changed = change(current) with { Id = current.Id, Created = current.Created, Updated = Now() };
            await sqlite.ExecuteAsync(
                "UPDATE connections SET base_role = $role, secrets_set = $secrets, environment_attribute = $attribute, " +
                "environment_default_values = $defaults, updated = $updated WHERE id = $id", transaction, cancellationToken,
                ("$id", id), ("$role", changed.BaseRole), ("$secrets", JsonList.Write(changed.SecretsSet)),
                ("$attribute", changed.EnvironmentAttribute),
                ("$defaults", changed.EnvironmentDefaultValues is null ? null : JsonList.Write(changed.EnvironmentDefaultValues)),
                ("$updated", changed.Updated)).ConfigureAwait(false);
            return changed;
        }, cancellationToken);

    /// <summary>
    /// Moves the connection and its models to the trash and erases its secrets, as Omni does; its
    /// environment links are dissolved. 404 if unknown, 410 if already deleted.
    /// </summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(async (sqlite, transaction) =>
        {
            await RequireUndeletedAsync(sqlite, transaction, id, cancellationToken).ConfigureAwait(false);
            var now = Now();
            await sqlite.ExecuteAsync("UPDATE connections SET deleted_at = $now, updated = $now, secrets_set = '[]' WHERE id = $id",
                transaction, cancellationToken, ("$id", id), ("$now", now)).ConfigureAwait(false);
            await sqlite.ExecuteAsync("UPDATE models SET deleted_at = $now WHERE connection_id = $id AND deleted_at IS NULL",
                transaction, cancellationToken, ("$id", id), ("$now", now)).ConfigureAwait(false);
            await sqlite.ExecuteAsync("DELETE FROM connection_environments WHERE base_connection_id = $id OR connection_id = $id",
                transaction, cancellationToken, ("$id", id)).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private string Now() => Timestamps.Format(timeProvider.GetUtcNow());

    private static async Task<StoredConnection> RequireUndeletedAsync(SqliteConnection sqlite, SqliteTransaction transaction, string id,
        CancellationToken cancellationToken)
    {
        var current = await FindAsync(sqlite, transaction, id, cancellationToken).ConfigureAwait(false) ?? throw NotFound();
        return current.IsDeleted ? throw Gone() : current;
    }

    internal static async Task<StoredConnection?> FindAsync(SqliteConnection sqlite, SqliteTransaction? transaction, string id,
        CancellationToken cancellationToken)
    {
        await using var command = sqlite.Command($"SELECT {Columns} FROM connections WHERE id = $id", transaction, ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static bool Contains(string? value, string? part) =>
        string.IsNullOrEmpty(part) || (value?.Contains(part, StringComparison.OrdinalIgnoreCase) ?? false);

    private static StoredConnection Read(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        Name: reader.GetString(1),
        Dialect: reader.GetString(2),
        Database: reader.IsDBNull(3) ? null : reader.GetString(3),
        DefaultSchema: reader.IsDBNull(4) ? null : reader.GetString(4),
        BaseRole: reader.IsDBNull(5) ? null : reader.GetString(5),
        Settings: JsonNode.Parse(reader.GetString(6)) as JsonObject ?? [],
        SecretsSet: JsonList.Read(reader.GetString(7)),
        EnvironmentAttribute: reader.IsDBNull(8) ? null : reader.GetString(8),
        EnvironmentDefaultValues: reader.IsDBNull(9) ? null : JsonList.Read(reader.GetString(9)),
        Created: reader.GetString(10),
        Updated: reader.GetString(11),
        DeletedAt: reader.IsDBNull(12) ? null : reader.GetString(12));
}

/// <summary>Lists of strings kept as JSON text in one column.</summary>
internal static class JsonList
{
    public static string Write(IEnumerable<string> values) =>
        new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]).ToJsonString();

    public static IReadOnlyList<string> Read(string json) =>
        JsonNode.Parse(json) is JsonArray array
            ? [.. array.Where(n => n?.GetValueKind() == JsonValueKind.String).Select(n => n!.GetValue<string>())]
            : [];
}
