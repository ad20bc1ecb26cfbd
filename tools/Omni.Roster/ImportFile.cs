using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omni.Roster;

/// <summary>
/// The file `pulumi import --file import.json` reads: {"resources": [{"type", "name", "id"}]}, one
/// resource per roster entry, by the roster's names, so state and roster agree whichever way a team
/// adopts. Attribute definitions (with --definitions) come first, then users, then groups: the order in which
/// `pulumi import` then generates them, each before what uses it.
/// </summary>
internal static class ImportFile
{
    public const string AttributeType = "omni:index:UserAttribute";
    public const string UserType = "omni:index:User";
    public const string GroupType = "omni:index:Group";

    public static string Write(OmniRoster.Roster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var resources = (roster.Attributes ?? []).Select(a => new ImportResource(AttributeType, a.Name, a.Id ?? throw Unadoptable(a.Name)))
            .Concat(roster.Users.Select(u => new ImportResource(UserType, u.Name, u.Id ?? throw Unadoptable(u.Name))))
            .Concat(roster.Groups.Select(g => new ImportResource(GroupType, g.Name, g.Id ?? throw Unadoptable(g.Name))))
            .ToList();
        return JsonSerializer.Serialize(new ImportSpec(resources), ImportFileJson.Default.ImportSpec) + "\n";
    }

    private static InvalidOperationException Unadoptable(string name) =>
        new($"roster entry {name} has no Omni id, so it cannot be imported");
}

internal sealed record ImportSpec([property: JsonPropertyName("resources")] IReadOnlyList<ImportResource> Resources);

internal sealed record ImportResource(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("id")] string Id);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(ImportSpec))]
internal sealed partial class ImportFileJson : JsonSerializerContext;
