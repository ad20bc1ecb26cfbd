using Microsoft.Data.Sqlite;
using Omni.Emulator.Http;

namespace Omni.Emulator.Storage;

/// <summary>Schema-refresh schedules of one connection.</summary>
public sealed class ConnectionScheduleStore(EmulatorDatabase database, TimeProvider timeProvider)
{
    private const string Columns = "id, connection_id, schedule, timezone, description, disabled_at, created, updated";

    public static ApiProblem NotFound() => ApiProblem.NotFound("Schedule not found");

    public async Task<IReadOnlyList<StoredSchedule>> ListAsync(string connectionId, CancellationToken cancellationToken)
    {
        await using var sqlite = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(sqlite, null, "connection_id = $connection", cancellationToken, ("$connection", connectionId)).ConfigureAwait(false);
    }

    public async Task<StoredSchedule> GetAsync(string connectionId, string id, CancellationToken cancellationToken)
    {
        await using var sqlite = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(sqlite, null, connectionId, id, cancellationToken).ConfigureAwait(false);
    }

    public Task<StoredSchedule> CreateAsync(string connectionId, string schedule, string timezone, string description,
        CancellationToken cancellationToken)
    {
        var now = Timestamps.Format(timeProvider.GetUtcNow());
        var stored = new StoredSchedule(Guid.NewGuid().ToString("D"), connectionId, schedule, timezone, description, null, now, now);
        return database.WriteAsync(async (sqlite, transaction) =>
        {
            await sqlite.ExecuteAsync(
                $"INSERT INTO connection_schedules ({Columns}) VALUES ($id, $connection, $schedule, $timezone, $description, NULL, $now, $now)",
                transaction, cancellationToken, ("$id", stored.Id), ("$connection", connectionId), ("$schedule", schedule),
                ("$timezone", timezone), ("$description", description), ("$now", now)).ConfigureAwait(false);
            return stored;
        }, cancellationToken);
    }

    public Task<StoredSchedule> UpdateAsync(string connectionId, string id, string schedule, string timezone, string description,
        CancellationToken cancellationToken) =>
        database.WriteAsync(async (sqlite, transaction) =>
        {
            var current = await FindAsync(sqlite, transaction, connectionId, id, cancellationToken).ConfigureAwait(false);
            var changed = current with
            {
                Schedule = schedule, Timezone = timezone, Description = description, Updated = Timestamps.Format(timeProvider.GetUtcNow()),
            };
            await sqlite.ExecuteAsync(
                "UPDATE connection_schedules SET schedule = $schedule, timezone = $timezone, description = $description, updated = $updated " +
                "WHERE id = $id", transaction, cancellationToken, ("$id", id), ("$schedule", schedule), ("$timezone", timezone),
                ("$description", description), ("$updated", changed.Updated)).ConfigureAwait(false);
            return changed;
        }, cancellationToken);

    public Task DeleteAsync(string connectionId, string id, CancellationToken cancellationToken) =>
        database.WriteAsync(async (sqlite, transaction) =>
        {
            await FindAsync(sqlite, transaction, connectionId, id, cancellationToken).ConfigureAwait(false);
            return await sqlite.ExecuteAsync("DELETE FROM connection_schedules WHERE id = $id", transaction, cancellationToken, ("$id", id))
                .ConfigureAwait(false);
        }, cancellationToken);

    private static async Task<StoredSchedule> FindAsync(SqliteConnection sqlite, SqliteTransaction? transaction, string connectionId, string id,
        CancellationToken cancellationToken)
    {
        var found = await ReadAsync(sqlite, transaction, "connection_id = $connection AND id = $id", cancellationToken,
            ("$connection", connectionId), ("$id", id)).ConfigureAwait(false);
        return found.Count == 1 ? found[0] : throw NotFound();
    }

    private static async Task<IReadOnlyList<StoredSchedule>> ReadAsync(SqliteConnection sqlite, SqliteTransaction? transaction, string where,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var schedules = new List<StoredSchedule>();
        await using var command = sqlite.Command($"SELECT {Columns} FROM connection_schedules WHERE {where} ORDER BY seq", transaction, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            schedules.Add(new StoredSchedule(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetString(7)));
        }

        return schedules;
    }
}
