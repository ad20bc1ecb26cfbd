using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Omni.Emulator.Attributes;
using Omni.Emulator.Http;
using Omni.Emulator.Json;

namespace Omni.Emulator.Storage;

/// <summary>
/// User-attribute definitions in SQLite. The seed is written once, to a database that has never held
/// definitions, so definitions created, changed or deleted through the API survive a restart. Every
/// write also swaps the snapshot in <see cref="AttributeDefinitions"/> that SCIM validation reads.
/// Changes that touch stored values (delete, rename, single → multiple) rewrite every user's values
/// in the same transaction.
/// </summary>
public sealed class AttributeDefinitionStore(EmulatorDatabase database, AttributeDefinitions definitions)
{
    private const string SeededKey = "attribute_definitions_seeded";
    private const string Columns = "id, name, label, type, multiple_values, default_value, description, system";

    /// <summary>Seeds a fresh database, then loads the stored definitions for SCIM validation.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            await EmulatorMeta.OnceAsync(connection, transaction, SeededKey, () => SeedAsync(connection, transaction, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Back to the seed (the admin reset, after it emptied the tables).</summary>
    public Task ResetAsync(CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("DELETE FROM user_attribute_definitions; DELETE FROM emulator_meta WHERE key = $key", transaction,
                cancellationToken, ("$key", SeededKey)).ConfigureAwait(false);
            await EmulatorMeta.OnceAsync(connection, transaction, SeededKey, () => SeedAsync(connection, transaction, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public UserAttributeDefinition? FindById(string id) =>
        id.Length == 0 ? null : definitions.Records.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));

    public Task<UserAttributeDefinition> CreateAsync(UserAttributeDefinition definition, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var created = definition with { Id = Guid.NewGuid().ToString("D") };
            await InsertAsync(connection, transaction, created, cancellationToken).ConfigureAwait(false);
            return created;
        }, cancellationToken);

    /// <summary>Reads, changes and writes one custom definition; <paramref name="change"/> may throw <see cref="ApiProblem"/>.</summary>
    public Task<UserAttributeDefinition> UpdateAsync(string id, Func<UserAttributeDefinition, UserAttributeDefinition> change,
        CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var current = await FindAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false)
                ?? throw NotFound(id);
            var changed = change(current) with { Id = current.Id, System = false };
            try
            {
                await connection.ExecuteAsync(
                    "UPDATE user_attribute_definitions SET name = $name, name_key = $key, label = $label, multiple_values = $multiple, " +
                    "default_value = $default, description = $description WHERE id = $id", transaction, cancellationToken,
                    ("$id", current.Id), ("$name", changed.Name), ("$key", MatchKey.For(changed.Name)), ("$label", changed.Label),
                    ("$multiple", changed.MultipleValues), ("$default", changed.DefaultValue?.ToJsonString()),
                    ("$description", changed.Description)).ConfigureAwait(false);
            }
            catch (SqliteException exception) when (exception.IsUniqueViolation())
            {
                throw Duplicate(changed.Name);
            }

            var becameList = changed.MultipleValues && !current.MultipleValues;
            if (changed.Name != current.Name || becameList)
            {
                await RewriteUserValuesAsync(connection, transaction, current.Name, value => (changed.Name,
                    becameList && value is not JsonArray ? new JsonArray(value) : value), cancellationToken).ConfigureAwait(false);
            }

            return changed;
        }, cancellationToken);

    /// <summary>Deletes a custom definition and every user's value for it.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var current = await FindAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false)
                ?? throw NotFound(id);
            await connection.ExecuteAsync("DELETE FROM user_attribute_definitions WHERE id = $id", transaction, cancellationToken,
                ("$id", current.Id)).ConfigureAwait(false);
            await RewriteUserValuesAsync(connection, transaction, current.Name, _ => null, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private static ApiProblem NotFound(string id) => ApiProblem.NotFound($"User attribute with id \"{id}\" not found");

    private static ApiProblem Duplicate(string name) =>
        ApiProblem.Conflict($"A user attribute named \"{name}\" already exists (reference names are unique in any letter case)");

    /// <summary>
    /// Runs a write as the only writer and publishes the resulting definitions to SCIM validation before the
    /// commit, so no SCIM write can pass against a definition that is already gone; reloads after the commit
    /// in case it failed.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await database.WriteAsync(async (connection, transaction) =>
            {
                var result = await work(connection, transaction).ConfigureAwait(false);
                definitions.Replace(await ReadAllAsync(connection, transaction, cancellationToken).ConfigureAwait(false));
                return result;
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await using var connection = await database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            definitions.Replace(await ReadAllAsync(connection, null, CancellationToken.None).ConfigureAwait(false));
        }
    }

    private async Task SeedAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var record in definitions.Seed)
        {
            // A custom definition always has an id; the seed file may leave it out.
            var id = record.System || record.Id.Length > 0 ? record.Id : Guid.NewGuid().ToString("D");
            await InsertAsync(connection, transaction, record with { Id = id }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, UserAttributeDefinition d,
        CancellationToken cancellationToken)
    {
        try
        {
            await connection.ExecuteAsync(
                $"INSERT INTO user_attribute_definitions ({Columns}, name_key) " +
                "VALUES ($id, $name, $label, $type, $multiple, $default, $description, $system, $key)", transaction, cancellationToken,
                ("$id", d.Id), ("$name", d.Name), ("$label", d.Label ?? d.Name), ("$type", d.Type), ("$multiple", d.MultipleValues),
                ("$default", d.DefaultValue?.ToJsonString()), ("$description", d.Description), ("$system", d.System),
                ("$key", MatchKey.For(d.Name))).ConfigureAwait(false);
        }
        catch (SqliteException exception) when (exception.IsUniqueViolation())
        {
            throw Duplicate(d.Name);
        }
    }

    /// <summary>Moves or drops one attribute's value in every user: <paramref name="rewrite"/> gives the new key and value (null drops it).</summary>
    private static async Task RewriteUserValuesAsync(SqliteConnection connection, SqliteTransaction transaction, string name,
        Func<JsonNode?, (string Key, JsonNode? Value)?> rewrite, CancellationToken cancellationToken)
    {
        var changed = new List<(string Id, string Attributes)>();
        await using (var command = connection.Command("SELECT id, attributes FROM users", transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (JsonNode.Parse(reader.GetString(1)) is not JsonObject attributes || !attributes.TryGetPropertyValue(name, out var value))
                {
                    continue;
                }

                attributes.Remove(name);
                if (rewrite(value) is { } moved)
                {
                    attributes[moved.Key] = moved.Value;
                }

                changed.Add((reader.GetString(0), attributes.ToJsonString()));
            }
        }

        foreach (var (id, attributes) in changed)
        {
            await connection.ExecuteAsync("UPDATE users SET attributes = $attributes WHERE id = $id", transaction, cancellationToken,
                ("$attributes", attributes), ("$id", id)).ConfigureAwait(false);
        }
    }

    private static async Task<UserAttributeDefinition?> FindAsync(SqliteConnection connection, SqliteTransaction transaction,
        string id, CancellationToken cancellationToken) =>
        id.Length == 0
            ? null
            : (await ReadAllAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(d => !d.System && string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));

    private static async Task<IReadOnlyList<UserAttributeDefinition>> ReadAllAsync(SqliteConnection connection,
        SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var records = new List<UserAttributeDefinition>();
        await using var command = connection.Command($"SELECT {Columns} FROM user_attribute_definitions ORDER BY seq", transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new UserAttributeDefinition
            {
                Id = reader.GetString(0),
                Name = reader.GetString(1),
                Label = reader.GetString(2),
                Type = reader.GetString(3),
                MultipleValues = reader.GetBoolean(4),
                DefaultValue = reader.IsDBNull(5) ? null : JsonNode.Parse(reader.GetString(5)),
                Description = reader.IsDBNull(6) ? null : reader.GetString(6),
                System = reader.GetBoolean(7),
            });
        }

        return records;
    }
}
