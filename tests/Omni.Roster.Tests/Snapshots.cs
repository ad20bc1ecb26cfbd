using Omni.Client;

namespace Omni.Roster.Tests;

/// <summary>Organisations built in memory, for the rules that need no server.</summary>
internal static class Snapshots
{
    public static readonly UserAttributeDefinition[] Definitions =
    [
        new("1", "region", "Region", "String", false, null, false),
        new("2", "level", "Level", "Number", false, null, false),
        new("3", "regions", "Regions", "String", true, null, false),
        new("", "omni_user_timezone", "Timezone", "String", false, null, true),
    ];

    public static ScimUser User(string userName, string? id = null, bool active = true, IReadOnlyDictionary<string, AttributeValue>? attributes = null) => new()
    {
        Id = id ?? $"id-{userName}",
        UserName = userName,
        DisplayName = $"Display {userName}",
        Active = active,
        Attributes = attributes ?? new Dictionary<string, AttributeValue>(),
    };

    public static ScimGroup Group(string displayName, params ScimUser[] members) => new()
    {
        Id = "g-" + displayName.Replace(' ', '_'),
        DisplayName = displayName,
        Members = [.. members.Select(m => new ScimGroupMember(m.Id, m.UserName))],
    };

    public static OrganisationSnapshot Of(IEnumerable<ScimUser> users, params ScimGroup[] groups) => new([.. users], groups, Definitions);

    public static ExportOptions Options(bool includeInactive = false, Dictionary<string, string>? names = null, bool definitions = false) => new()
    {
        Definitions = definitions,
        OutPath = "users.yaml",
        BaseUrl = "http://127.0.0.1:1",
        ApiKey = "not-used",
        IncludeInactive = includeInactive,
        ChosenNames = names ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
    };
}
