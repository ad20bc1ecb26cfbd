using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Omni.Emulator.Connections;

namespace Omni.Emulator.Storage;

/// <summary>A connection the emulator starts with (and restores on reset), with its SCHEMA model.</summary>
public sealed record SeedConnection(string Name, string Dialect = "postgres")
{
    public static SeedConnection Default { get; } = new("Emulator Warehouse");
}

/// <summary>A SHARED model the emulator starts with, on the seeded connection named <see cref="ConnectionName"/> (null: the first).</summary>
public sealed record SeedSharedModel(string Name, string? ConnectionName = null)
{
    public static SeedSharedModel Default { get; } = new("Emulator Shared Model");
}

/// <summary>
/// Seeds the connections and shared models of <see cref="EmulatorOptions"/>. Their ids derive from
/// their names, so they are the same on every start and after every reset, and seeding an existing
/// data folder adds only what is missing.
/// </summary>
internal static class CatalogSeed
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the flag when the seed cannot be built.</summary>
    public static void Validate(EmulatorOptions options)
    {
        foreach (var connection in options.SeedConnections)
        {
            if (string.IsNullOrWhiteSpace(connection.Name) || !ConnectionRules.Dialects.Contains(connection.Dialect))
            {
                throw new ArgumentException(
                    $"--seed-connection {connection.Name}={connection.Dialect}: needs a name and one of the dialects {string.Join(", ", ConnectionRules.Dialects)}.");
            }
        }

        foreach (var model in options.SeedSharedModels)
        {
            if (string.IsNullOrWhiteSpace(model.Name) || ConnectionOf(options, model) is null)
            {
                throw new ArgumentException(
                    $"--seed-shared-model {model.Name}: needs a name and a seeded connection to live on" +
                    (model.ConnectionName is null ? " (no connection is seeded)" : $" (no seeded connection is named '{model.ConnectionName}')") + ".");
            }
        }
    }

    public static string ConnectionId(string name) => IdFor("connection", name);

    public static string SharedModelId(string connectionName, string name) => IdFor("shared-model", $"{connectionName}/{name}");

    public static async Task ApplyAsync(SqliteConnection sqlite, SqliteTransaction transaction, EmulatorOptions options, string now,
        CancellationToken cancellationToken)
    {
        foreach (var seed in options.SeedConnections)
        {
            var id = ConnectionId(seed.Name);
            if (await ConnectionStore.FindAsync(sqlite, transaction, id, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            var connection = new StoredConnection(id, seed.Name, seed.Dialect, "analytics", seed.Dialect == "snowflake" ? null : "public", "QUERIER",
                new JsonObject { ["host"] = "warehouse.emulator.local", ["username"] = "omni" }, ["passwordUnencrypted"], null, null, now, now, null);
            await ConnectionStore.InsertAsync(sqlite, transaction, connection, IdFor("schema-model", seed.Name), cancellationToken).ConfigureAwait(false);
        }

        foreach (var seed in options.SeedSharedModels)
        {
            var connection = ConnectionOf(options, seed)!;
            var id = SharedModelId(connection.Name, seed.Name);
            await using var exists = sqlite.Command("SELECT 1 FROM models WHERE id = $id", transaction, ("$id", id));
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                await ModelStore.InsertAsync(sqlite, transaction,
                    new StoredModel(id, ConnectionId(connection.Name), null, "SHARED", seed.Name, null, now, now, null), cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    private static SeedConnection? ConnectionOf(EmulatorOptions options, SeedSharedModel model) =>
        model.ConnectionName is null
            ? options.SeedConnections.FirstOrDefault()
            : options.SeedConnections.FirstOrDefault(c => string.Equals(c.Name, model.ConnectionName, StringComparison.Ordinal));

    /// <summary>A version-4-shaped UUID derived from the kind and name.</summary>
    private static string IdFor(string kind, string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"omni-emulator:{kind}:{name}"))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
