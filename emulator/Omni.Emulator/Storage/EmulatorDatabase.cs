using Microsoft.Data.Sqlite;

namespace Omni.Emulator.Storage;

/// <summary>
/// The SQLite database behind the emulator: a file in the data folder, or a shared in-memory
/// database kept alive by one open connection. Writes are serialised and each runs in one
/// transaction; uniqueness of user names and group names is enforced by the database itself
/// (see <see cref="DatabaseSchema"/> and <see cref="MatchKey"/>).
/// </summary>
public sealed class EmulatorDatabase : IAsyncDisposable
{
    public const string FileName = "omni-emulator.db";

    private readonly string connectionString;
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly SqliteConnection? keepAlive;
    private readonly EmulatorOptions options;

    private EmulatorDatabase(string connectionString, SqliteConnection? keepAlive, EmulatorOptions options)
    {
        this.connectionString = connectionString;
        this.keepAlive = keepAlive;
        this.options = options;
    }

    /// <summary>Where the data lives, for the start-up message: a file path or "in memory".</summary>
    public required string Location { get; init; }

    public static async Task<EmulatorDatabase> OpenAsync(EmulatorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new SqliteConnectionStringBuilder { ForeignKeys = true, Pooling = true };
        string location;
        if (options.InMemory)
        {
            builder.DataSource = $"omni-emulator-{Guid.NewGuid():N}";
            builder.Mode = SqliteOpenMode.Memory;
            builder.Cache = SqliteCacheMode.Shared;
            location = "in memory";
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            builder.DataSource = location = Path.GetFullPath(Path.Combine(options.DataDirectory, FileName));
            builder.Mode = SqliteOpenMode.ReadWriteCreate;
        }

        // The in-memory database lives only while a connection to it is open.
        var keepAlive = options.InMemory ? new SqliteConnection(builder.ConnectionString) : null;
        CatalogSeed.Validate(options);
        var database = new EmulatorDatabase(builder.ConnectionString, keepAlive, options) { Location = location };
        try
        {
            if (keepAlive is not null)
            {
                await keepAlive.OpenAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (!options.InMemory)
            {
                await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            }

            await DatabaseSchema.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
            await database.SeedAsync(cancellationToken).ConfigureAwait(false);
            return database;
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> as the only writer, in one transaction committed when it returns.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken)
                .ConfigureAwait(false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            // A client that gave up after the work was done still gets its write: Omni would have applied it too.
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return result;
        }
        finally
        {
            writeGate.Release();
        }
    }

    public Task ResetAsync(CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, CatalogSchema.DeleteAll, cancellationToken, transaction).ConfigureAwait(false);
            await ExecuteAsync(connection, "DELETE FROM group_members; DELETE FROM user_groups; DELETE FROM users; DELETE FROM embed_users;",
                cancellationToken, transaction).ConfigureAwait(false);
            await CatalogSeed.ApplyAsync(connection, transaction, options, Timestamps.Format(options.TimeProvider.GetUtcNow()), cancellationToken)
                .ConfigureAwait(false);
            await IdentitySeed.ApplyAsync(connection, transaction, options, Timestamps.Format(options.TimeProvider.GetUtcNow()), cancellationToken)
                .ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Adds the seeded connections and models that are missing (all of them in a new database).</summary>
    private Task SeedAsync(CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await CatalogSeed.ApplyAsync(connection, transaction, options, Timestamps.Format(options.TimeProvider.GetUtcNow()), cancellationToken)
                .ConfigureAwait(false);
            await IdentitySeed.ApplyAsync(connection, transaction, options, Timestamps.Format(options.TimeProvider.GetUtcNow()), cancellationToken)
                .ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using (var pooled = new SqliteConnection(connectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        if (keepAlive is not null)
        {
            await keepAlive.DisposeAsync().ConfigureAwait(false);
        }

        writeGate.Dispose();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken,
        SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
