using System.Text.Json;
using Omni.Emulator.Json;

namespace Omni.Emulator.Attributes;

/// <summary>
/// The organisation's user attribute definitions as SCIM validation sees them: the seed (a file or the
/// embedded default set, written to a fresh database) and, once the database is open, whatever
/// <see cref="Storage.AttributeDefinitionStore"/> last stored. Reads never wait: a write swaps in a new snapshot.
/// </summary>
public sealed class AttributeDefinitions
{
    private const string EmbeddedResource = "Omni.Emulator.Attributes.default-attributes.json";
    private volatile Snapshot current;

    private AttributeDefinitions(IReadOnlyList<UserAttributeDefinition> seed)
    {
        Seed = seed;
        current = new Snapshot(seed);
    }

    /// <summary>The definitions a fresh (or reset) database starts with.</summary>
    public IReadOnlyList<UserAttributeDefinition> Seed { get; }

    public IReadOnlyList<UserAttributeDefinition> Records => current.Records;

    public UserAttributeDefinition? Find(string name) => current.Find(name);

    /// <summary>Makes <paramref name="records"/> the definitions every later read and SCIM write sees.</summary>
    internal void Replace(IReadOnlyList<UserAttributeDefinition> records) => current = new Snapshot(records);

    private sealed class Snapshot(IReadOnlyList<UserAttributeDefinition> records)
    {
        private readonly Dictionary<string, UserAttributeDefinition> byName = records.ToDictionary(r => r.Name, StringComparer.Ordinal);

        public IReadOnlyList<UserAttributeDefinition> Records { get; } = records;

        public UserAttributeDefinition? Find(string name) => byName.GetValueOrDefault(name);
    }

    public static AttributeDefinitions Load(string? file)
    {
        using var stream = file is null
            ? typeof(AttributeDefinitions).Assembly.GetManifestResourceStream(EmbeddedResource)
              ?? throw new InvalidOperationException($"Embedded resource {EmbeddedResource} is missing from the build.")
            : OpenFile(file);
        var source = file ?? "the embedded default attributes";
        UserAttributeList? list;
        try
        {
            list = JsonSerializer.Deserialize(stream, EmulatorJson.Context.UserAttributeList);
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"--attributes: {source} is not valid JSON: {exception.Message}");
        }

        if (list?.Records is null)
        {
            throw new ArgumentException($"--attributes: {source} must be an object with a \"records\" array " +
                "(the body of GET /api/v1/user-attributes).");
        }

        return new AttributeDefinitions(Validate(list.Records, source));
    }

    private static FileStream OpenFile(string file)
    {
        try
        {
            return File.OpenRead(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--attributes: cannot read '{file}': {exception.Message}");
        }
    }

    private static List<UserAttributeDefinition> Validate(IReadOnlyList<UserAttributeDefinition> records, string source)
    {
        // Reference names are unique in any letter case, as the database's name_key enforces.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (record, index) in records.Select((r, i) => (r, i)))
        {
            if (string.IsNullOrWhiteSpace(record.Name))
            {
                throw new ArgumentException($"--attributes: {source}: records[{index}].name is required.");
            }

            if (record.Type is not ("String" or "Number"))
            {
                throw new ArgumentException(
                    $"--attributes: {source}: records[{index}].type must be \"String\" or \"Number\", got {(string.IsNullOrEmpty(record.Type) ? "nothing" : $"\"{record.Type}\"")}.");
            }

            if (!seen.Add(record.Name))
            {
                throw new ArgumentException($"--attributes: {source}: attribute \"{record.Name}\" is defined twice.");
            }
        }

        return [.. records.Select(r => r with { Label = r.Label ?? r.Name })];
    }
}
