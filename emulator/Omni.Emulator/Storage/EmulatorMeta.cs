using Microsoft.Data.Sqlite;

namespace Omni.Emulator.Storage;

/// <summary>Flags the emulator keeps about its own database, e.g. "this seed was written once".</summary>
internal static class EmulatorMeta
{
    /// <summary>Runs <paramref name="seed"/> once per database: unless <paramref name="key"/> is set, then sets it.</summary>
    public static async Task OnceAsync(SqliteConnection connection, SqliteTransaction transaction, string key,
        Func<Task> seed, CancellationToken cancellationToken)
    {
        await using (var command = connection.Command("SELECT 1 FROM emulator_meta WHERE key = $key", transaction, ("$key", key)))
        {
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        await seed().ConfigureAwait(false);
        await connection.ExecuteAsync("INSERT OR REPLACE INTO emulator_meta (key, value) VALUES ($key, 'yes')", transaction,
            cancellationToken, ("$key", key)).ConfigureAwait(false);
    }
}
