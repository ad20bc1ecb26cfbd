using Microsoft.Data.Sqlite;
using Omni.Emulator.Http;

namespace Omni.Emulator.Storage;

/// <summary>
/// Connection environments: a base connection and the connections that stand in for it, chosen per
/// user by a user attribute. Omni's rules: environment connections exist, share the base's dialect,
/// are not attached elsewhere, and differ from the base.
/// </summary>
public sealed class ConnectionEnvironmentStore(EmulatorDatabase database)
{
    private const string Columns = "e.id, e.base_connection_id, e.connection_id, e.user_attribute_values";

    public static ApiProblem NotFound() => ApiProblem.NotFound("Connection environment not found");

    /// <summary>Environments whose base and environment connection are both active, in creation order.</summary>
    public async Task<IReadOnlyList<StoredEnvironment>> ListAsync(CancellationToken cancellationToken)
    {
        await using var sqlite = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(sqlite, null, "", cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<StoredEnvironment>> CreateAsync(string baseConnectionId, IReadOnlyList<string> environmentConnectionIds,
        CancellationToken cancellationToken) =>
        database.WriteAsync(async (sqlite, transaction) =>
        {
            var baseConnection = await ActiveAsync(sqlite, transaction, baseConnectionId, "baseConnectionId", cancellationToken)
                .ConfigureAwait(false);
            if (await IsAttachedAsync(sqlite, transaction, baseConnectionId, asEnvironment: true, cancellationToken).ConfigureAwait(false))
            {
                throw ApiProblem.BadRequest($"baseConnectionId: connection {baseConnectionId} is itself an environment of another connection");
            }

            var created = new List<string>();
            foreach (var environmentId in environmentConnectionIds)
            {
                var environment = await ActiveAsync(sqlite, transaction, environmentId, "environmentConnectionIds", cancellationToken)
                    .ConfigureAwait(false);
                if (string.Equals(environmentId, baseConnectionId, StringComparison.OrdinalIgnoreCase))
                {
                    throw ApiProblem.BadRequest("environmentConnectionIds: a connection cannot be an environment of itself");
                }

                if (!string.Equals(environment.Dialect, baseConnection.Dialect, StringComparison.Ordinal))
                {
                    throw ApiProblem.BadRequest(
                        $"environmentConnectionIds: connection {environmentId} is {environment.Dialect}, the base connection is {baseConnection.Dialect}; " +
                        "environments must share the base connection's dialect");
                }

                if (await IsAttachedAsync(sqlite, transaction, environmentId, asEnvironment: true, cancellationToken).ConfigureAwait(false)
                    || await IsAttachedAsync(sqlite, transaction, environmentId, asEnvironment: false, cancellationToken).ConfigureAwait(false))
                {
                    throw ApiProblem.BadRequest($"environmentConnectionIds: connection {environmentId} is already part of a connection environment");
                }

                var id = Guid.NewGuid().ToString("D");
                await sqlite.ExecuteAsync(
                    "INSERT INTO connection_environments (id, base_connection_id, connection_id) VALUES ($id, $base, $connection)",
                    transaction, cancellationToken, ("$id", id), ("$base", baseConnection.Id), ("$connection", environment.Id))
                    .ConfigureAwait(false);
                created.Add(id);
            }

            var all = await ReadAsync(sqlite, transaction, "", cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<StoredEnvironment>)[.. all.Where(e => created.Contains(e.Id))];
        }, cancellationToken);

    public Task UpdateAsync(string id, IReadOnlyList<string> userAttributeValues, CancellationToken cancellationToken) =>
        database.WriteAsync(async (sqlite, transaction) =>
        {
            await RequireAsync(sqlite, transaction, id, cancellationToken).ConfigureAwait(false);
            return await sqlite.ExecuteAsync("UPDATE connection_environments SET user_attribute_values = $values WHERE id = $id",
                transaction, cancellationToken, ("$id", id), ("$values", JsonList.Write(userAttributeValues))).ConfigureAwait(false);
        }, cancellationToken);

    public Task DeleteAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(async (sqlite, transaction) =>
        {
            await RequireAsync(sqlite, transaction, id, cancellationToken).ConfigureAwait(false);
            return await sqlite.ExecuteAsync("DELETE FROM connection_environments WHERE id = $id", transaction, cancellationToken, ("$id", id))
                .ConfigureAwait(false);
        }, cancellationToken);

    private static async Task RequireAsync(SqliteConnection sqlite, SqliteTransaction transaction, string id, CancellationToken cancellationToken)
    {
        var found = await ReadAsync(sqlite, transaction, "AND e.id = $id", cancellationToken, ("$id", id)).ConfigureAwait(false);
        if (found.Count == 0)
        {
            throw NotFound();
        }
    }

    private static async Task<StoredConnection> ActiveAsync(SqliteConnection sqlite, SqliteTransaction transaction, string id, string field,
        CancellationToken cancellationToken) =>
        await ConnectionStore.FindAsync(sqlite, transaction, id, cancellationToken).ConfigureAwait(false) is { IsDeleted: false } connection
            ? connection
            : throw ApiProblem.NotFound($"{field}: connection {id} not found");

    private static async Task<bool> IsAttachedAsync(SqliteConnection sqlite, SqliteTransaction transaction, string connectionId,
        bool asEnvironment, CancellationToken cancellationToken)
    {
        var column = asEnvironment ? "connection_id" : "base_connection_id";
        await using var command = sqlite.Command($"SELECT 1 FROM connection_environments WHERE {column} = $id", transaction, ("$id", connectionId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    private static async Task<IReadOnlyList<StoredEnvironment>> ReadAsync(SqliteConnection sqlite, SqliteTransaction? transaction, string where,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var environments = new List<StoredEnvironment>();
        await using var command = sqlite.Command(
            $"SELECT {Columns} FROM connection_environments e " +
            "JOIN connections b ON b.id = e.base_connection_id AND b.deleted_at IS NULL " +
            $"JOIN connections c ON c.id = e.connection_id AND c.deleted_at IS NULL WHERE 1 = 1 {where} ORDER BY e.seq", transaction, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            environments.Add(new StoredEnvironment(reader.GetString(0), reader.GetString(1), reader.GetString(2), JsonList.Read(reader.GetString(3))));
        }

        return environments;
    }
}
