using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Omni.Emulator.Http;

namespace Omni.Emulator.Storage;

/// <summary>A model as the emulator keeps it; <see cref="Git"/> is the git link (its secrets are never kept, see ModelGitRules).</summary>
public sealed record StoredModel(
    string Id,
    string ConnectionId,
    string? BaseModelId,
    string ModelKind,
    string Name,
    JsonObject? Git,
    string Created,
    string Updated,
    string? DeletedAt)
{
    public bool IsDeleted => DeletedAt is not null;
}

/// <summary>The list filters of GET /api/v1/models, with the page wanted.</summary>
public sealed record ModelQuery(
    string? BaseModelId, string? ConnectionId, string? ModelId, string? Name, string? ModelKind, bool IncludeDeleted,
    string SortField, bool Descending, int Offset, int Count)
{
    /// <summary>When set, only models of these connections are visible (a personal token sees what its base roles allow).</summary>
    public IReadOnlySet<string>? VisibleConnections { get; init; }
}

/// <summary>Models of every kind. A connection's SCHEMA model is created with the connection (see <see cref="ConnectionStore"/>).</summary>
public sealed class ModelStore(EmulatorDatabase database, TimeProvider timeProvider)
{
    private const string Columns = "id, connection_id, base_model_id, model_kind, name, git, created, updated, deleted_at";

    public static ApiProblem NotFound() => ApiProblem.NotFound("Model not found");

    public static ApiProblem Gone() => new(StatusCodes.Status410Gone, "Model has been deleted");

    public async Task<StoredModel?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var sqlite = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(sqlite, null, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The model if it exists and is not deleted; 404 otherwise.</summary>
    public async Task<StoredModel> RequireActiveAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken).ConfigureAwait(false) is { IsDeleted: false } model ? model : throw NotFound();

    public async Task<Page<StoredModel>> ListAsync(ModelQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = await ReadAsync("1 = 1", cancellationToken).ConfigureAwait(false);
        var matching = all.Where(m => (query.IncludeDeleted || !m.IsDeleted)
            && Matches(m.BaseModelId, query.BaseModelId) && Matches(m.ConnectionId, query.ConnectionId) && Matches(m.Id, query.ModelId)
            && Matches(m.Name, query.Name) && Matches(m.ModelKind, query.ModelKind)
            && (query.VisibleConnections is null || query.VisibleConnections.Contains(m.ConnectionId))).ToList();
        var order = all.Select((m, i) => (m.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        // Creation order is the default and the tie-breaker, so pages never shuffle between requests.
        Func<StoredModel, string> key = query.SortField switch
        {
            "name" => m => m.Name,
            "modelKind" => m => m.ModelKind,
            "connectionId" => m => m.ConnectionId,
            "baseModelId" => m => m.BaseModelId ?? "",
            "updatedAt" => m => m.Updated,
            _ => m => m.Created,
        };
        var ordered = query.Descending
            ? matching.OrderByDescending(key, StringComparer.OrdinalIgnoreCase).ThenByDescending(m => order[m.Id])
            : matching.OrderBy(key, StringComparer.OrdinalIgnoreCase).ThenBy(m => order[m.Id]);
        return new Page<StoredModel>(matching.Count, [.. ordered.Skip(query.Offset).Take(query.Count)]);
    }

    /// <summary>Active BRANCH models built on <paramref name="baseModelId"/>.</summary>
    public Task<IReadOnlyList<StoredModel>> BranchesOfAsync(string baseModelId, CancellationToken cancellationToken) =>
        ReadAsync("base_model_id = $base AND model_kind = 'BRANCH' AND deleted_at IS NULL", cancellationToken, ("$base", baseModelId));

    /// <summary>The connection's SCHEMA model, which every active connection has.</summary>
    public async Task<StoredModel?> SchemaModelOfAsync(string connectionId, CancellationToken cancellationToken) =>
        (await ReadAsync("connection_id = $connection AND model_kind = 'SCHEMA' AND deleted_at IS NULL", cancellationToken,
            ("$connection", connectionId)).ConfigureAwait(false)).FirstOrDefault();

    public Task<StoredModel> CreateAsync(string connectionId, string? baseModelId, string modelKind, string name, CancellationToken cancellationToken)
    {
        var now = Timestamps.Format(timeProvider.GetUtcNow());
        var model = new StoredModel(Guid.NewGuid().ToString("D"), connectionId, baseModelId, modelKind, name, null, now, now, null);
        return database.WriteAsync(async (sqlite, transaction) =>
        {
            await RequireUniqueNameAsync(sqlite, transaction, model, cancellationToken).ConfigureAwait(false);
            await InsertAsync(sqlite, transaction, model, cancellationToken).ConfigureAwait(false);
            return model;
        }, cancellationToken);
    }

    internal static Task InsertAsync(SqliteConnection sqlite, SqliteTransaction transaction, StoredModel model, CancellationToken cancellationToken) =>
        sqlite.ExecuteAsync($"INSERT INTO models ({Columns}) VALUES ($id, $connection, $base, $kind, $name, NULL, $created, $created, NULL)",
            transaction, cancellationToken, ("$id", model.Id), ("$connection", model.ConnectionId), ("$base", model.BaseModelId),
            ("$kind", model.ModelKind), ("$name", model.Name), ("$created", model.Created));

    /// <summary>Reads, changes and writes an active model in one transaction: 404 if unknown or deleted.</summary>
    public Task<StoredModel> UpdateAsync(string id, Func<StoredModel, StoredModel> change, CancellationToken cancellationToken) =>
        database.WriteAsync(async (sqlite, transaction) =>
        {
            var current = await FindAsync(sqlite, transaction, id, cancellationToken).ConfigureAwait(false) is { IsDeleted: false } found
                ? found
                : throw NotFound();
            var changed = change(current) with { Id = current.Id, Updated = Timestamps.Format(timeProvider.GetUtcNow()) };
            if (!string.Equals(changed.Name, current.Name, StringComparison.Ordinal))
            {
                await RequireUniqueNameAsync(sqlite, transaction, changed, cancellationToken).ConfigureAwait(false);
            }

            await sqlite.ExecuteAsync("UPDATE models SET name = $name, git = $git, updated = $updated WHERE id = $id", transaction,
                cancellationToken, ("$id", id), ("$name", changed.Name), ("$git", changed.Git?.ToJsonString()), ("$updated", changed.Updated))
                .ConfigureAwait(false);
            return changed;
        }, cancellationToken);

    /// <summary>Archives the model (soft delete, recoverable in Omni): 404 if unknown, 410 if already archived, 400 for SCHEMA.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(async (sqlite, transaction) =>
        {
            var current = await FindAsync(sqlite, transaction, id, cancellationToken).ConfigureAwait(false) ?? throw NotFound();
            if (current.IsDeleted)
            {
                throw Gone();
            }

            if (current.ModelKind == "SCHEMA")
            {
                throw ApiProblem.BadRequest("Cannot delete a model with kind SCHEMA");
            }

            var now = Timestamps.Format(timeProvider.GetUtcNow());
            return await sqlite.ExecuteAsync(
                "UPDATE models SET deleted_at = $now, updated = $now WHERE (id = $id OR base_model_id = $id) AND deleted_at IS NULL",
                transaction, cancellationToken, ("$id", id), ("$now", now)).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Omni keeps names unique among active models of one kind and base on a connection; a clash is 400, not 409.</summary>
    private static async Task RequireUniqueNameAsync(SqliteConnection sqlite, SqliteTransaction transaction, StoredModel model,
        CancellationToken cancellationToken)
    {
        await using var command = sqlite.Command(
            "SELECT name FROM models WHERE connection_id = $connection AND model_kind = $kind AND deleted_at IS NULL AND id <> $id " +
            "AND COALESCE(base_model_id, '') = COALESCE($base, '')", transaction,
            ("$connection", model.ConnectionId), ("$kind", model.ModelKind), ("$id", model.Id), ("$base", model.BaseModelId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(reader.GetString(0), model.Name, StringComparison.OrdinalIgnoreCase))
            {
                throw ApiProblem.BadRequest(string.Create(CultureInfo.InvariantCulture,
                    $"A {model.ModelKind} model named '{model.Name}' already exists on this connection"));
            }
        }
    }

    private static bool Matches(string? value, string? wanted) =>
        wanted is null || string.Equals(value, wanted, StringComparison.OrdinalIgnoreCase);

    private async Task<IReadOnlyList<StoredModel>> ReadAsync(string where, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var sqlite = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(sqlite, null, where, cancellationToken, parameters).ConfigureAwait(false);
    }

    private static async Task<StoredModel?> FindAsync(SqliteConnection sqlite, SqliteTransaction? transaction, string id,
        CancellationToken cancellationToken) =>
        (await ReadAsync(sqlite, transaction, "id = $id", cancellationToken, ("$id", id)).ConfigureAwait(false)).FirstOrDefault();

    private static async Task<IReadOnlyList<StoredModel>> ReadAsync(SqliteConnection sqlite, SqliteTransaction? transaction, string where,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var models = new List<StoredModel>();
        await using var command = sqlite.Command($"SELECT {Columns} FROM models WHERE {where} ORDER BY seq", transaction, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            models.Add(new StoredModel(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : JsonNode.Parse(reader.GetString(5)) as JsonObject,
                reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return models;
    }
}
