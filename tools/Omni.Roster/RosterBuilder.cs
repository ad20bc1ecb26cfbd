using System.Globalization;
using Omni.Client;
using OmniRoster;

namespace Omni.Roster;

/// <summary>
/// Turns what Omni holds into a roster whose every entry, adopted with its id, shows no change:
/// every attribute as Omni stores it, `active: false` only where Omni says so, and a group's
/// `members` only when all of them are in the roster (otherwise its membership is left to Omni).
/// </summary>
internal sealed class RosterBuilder(ExportOptions options, OmniRoster.Roster? previous)
{
    private const string SystemAttributePrefix = "omni_";
    private const string NumberType = "Number";

    /// <summary>What the person running the export should know: entries left out, names kept, and why.</summary>
    public List<string> Notes { get; } = [];

    public OmniRoster.Roster Build(OrganisationSnapshot omni)
    {
        ArgumentNullException.ThrowIfNull(omni);
        var users = SelectUsers(omni.Users);
        RejectCaseTwins(users);
        var userNames = NameUsers(users);
        var groupNames = NameGroups(omni.Groups, userNames.Values.ToHashSet(StringComparer.Ordinal));
        var numberAttributes = omni.AttributeDefinitions
            .Where(d => string.Equals(d.Type, NumberType, StringComparison.OrdinalIgnoreCase))
            .Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        NoteDroppedSettings();

        var nameById = users.ToDictionary(u => u.Id, u => userNames[u.Id], StringComparer.Ordinal);
        return new OmniRoster.Roster
        {
            Attributes = WritesDefinitions()
                ? [.. omni.AttributeDefinitions.Where(d => !IsSystem(d)).Select(AttributeEntry).OrderBy(a => a.Name, StringComparer.Ordinal)]
                : null,
            Users = [.. users.Select(u => UserEntry(u, userNames[u.Id], numberAttributes)).OrderBy(u => u.Name, StringComparer.Ordinal)],
            Groups = [.. omni.Groups.Select(g => GroupEntry(g, groupNames[g.Id], nameById)).OrderBy(g => g.Name, StringComparer.Ordinal)],
        };
    }

    // ---- which users ---------------------------------------------------------------------------

    private List<ScimUser> SelectUsers(IReadOnlyList<ScimUser> all)
    {
        // Embed users have their own endpoint, which the export never reads; a user here whose
        // userName is no email cannot be an entry of the roster (its userName must be an email).
        var notEmail = all.Where(u => !LooksLikeEmail(u.UserName)).ToList();
        if (notEmail.Count > 0)
        {
            Notes.Add($"left out {notEmail.Count} user(s) whose userName is not an email (such as embed users): {Sample(notEmail.Select(u => u.UserName.Length == 0 ? u.Id : u.UserName))}");
        }

        var inactive = all.Where(u => !u.Active && LooksLikeEmail(u.UserName)).ToList();
        if (inactive.Count > 0 && !options.IncludeInactive)
        {
            Notes.Add($"left out {inactive.Count} inactive user(s) (run with --include-inactive to export them with `active: false`): {Sample(inactive.Select(u => u.UserName))}");
        }

        return [.. all.Where(u => LooksLikeEmail(u.UserName) && (u.Active || options.IncludeInactive))];
    }

    private static void RejectCaseTwins(List<ScimUser> users)
    {
        var twins = users.GroupBy(u => u.UserName, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).ToList();
        if (twins.Count == 0)
        {
            return;
        }

        var lines = twins.Select(g => string.Join(" and ", g.Select(u => $"{u.UserName} (id {u.Id})")));
        throw new ExportException(
            "Omni holds emails that differ only in letter case, which the roster and the provider treat as one email:\n  "
            + string.Join("\n  ", lines)
            + "\nFix: in Omni, delete the user who should not exist (or change their email), then export again.");
    }

    // ---- names -----------------------------------------------------------------------------------

    /// <summary>User id → name: chosen with --name, else kept from the previous roster, else derived from the email.</summary>
    private Dictionary<string, string> NameUsers(List<ScimUser> users)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var derived = new List<ScimUser>();
        foreach (var user in users.OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase).ThenBy(u => u.Id, StringComparer.Ordinal))
        {
            if (options.ChosenNames.TryGetValue(user.UserName, out var chosen))
            {
                names[user.Id] = chosen;
            }
            else if (PreviousUser(user) is { } kept)
            {
                names[user.Id] = kept;
            }
            else
            {
                derived.Add(user);
            }
        }

        var taken = names.Values.ToHashSet(StringComparer.Ordinal);
        // The email's local part where it is unique; else the whole email, so that which of two
        // alices comes first in Omni's list never decides who is called what.
        var byBase = derived.GroupBy(u => RosterNames.FromEmail(u.UserName), StringComparer.Ordinal);
        foreach (var sameBase in byBase)
        {
            var alone = sameBase.Count() == 1 && !taken.Contains(sameBase.Key);
            foreach (var user in sameBase)
            {
                names[user.Id] = alone ? sameBase.Key : RosterNames.FromEmailWithDomain(user.UserName);
            }
        }

        var emailOf = users.ToDictionary(u => u.Id, u => u.UserName, StringComparer.Ordinal);
        RejectCollisions(names.Select(n => new Named(n.Value, $"user {emailOf[n.Key]}", emailOf[n.Key])));
        return names;
    }

    /// <summary>Group id → name, unique across users and groups (a group that would share a user's name gets "-group").</summary>
    private Dictionary<string, string> NameGroups(IReadOnlyList<ScimGroup> groups, HashSet<string> userNames)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (options.ChosenNames.TryGetValue(group.DisplayName, out var chosen))
            {
                names[group.Id] = chosen;
                continue;
            }

            if (PreviousGroup(group) is { } kept)
            {
                names[group.Id] = kept;
                continue;
            }

            var name = RosterNames.FromGroupName(group.DisplayName);
            names[group.Id] = userNames.Contains(name) ? name + "-group" : name;
        }

        var displayNameOf = groups.ToDictionary(g => g.Id, g => g.DisplayName, StringComparer.Ordinal);
        RejectCollisions(names.Select(n => new Named(n.Value, $"group \"{displayNameOf[n.Key]}\"", displayNameOf[n.Key]))
            .Concat(userNames.Select(n => new Named(n, "a user", Key: null))));
        return names;
    }

    /// <summary>An entry's resource name, how to mention it, and the key --name chooses its name by (null: not to be renamed here).</summary>
    private sealed record Named(string Name, string Entry, string? Key);

    private static void RejectCollisions(IEnumerable<Named> named)
    {
        var clashes = named.GroupBy(n => n.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1 && g.Any(n => n.Key is not null)).ToList();
        if (clashes.Count == 0)
        {
            return;
        }

        var lines = clashes.Select(g => $"`{g.Key}`: {string.Join(", ", g.Select(n => n.Entry))}");
        var example = clashes[0].First(n => n.Key is not null);
        var argument = $"{example.Key}={example.Name}-2";
        throw new ExportException(
            "After deriving resource names, several entries would have the same name (names are unique across users and groups):\n  "
            + string.Join("\n  ", lines)
            + "\nFix: choose another name for all but one of them with --name EMAIL=NAME or --name GROUP=NAME, "
            + $"e.g. --name {(argument.Contains(' ', StringComparison.Ordinal) ? $"'{argument}'" : argument)}, then export again.");
    }

    private string? PreviousUser(ScimUser user)
    {
        var entry = previous?.Users.FirstOrDefault(u => u.Id == user.Id)
            ?? previous?.Users.FirstOrDefault(u => string.Equals(u.UserName, user.UserName, StringComparison.OrdinalIgnoreCase));
        if (entry is null || RosterNames.Problem(entry.Name) is not null)
        {
            return null;
        }

        if (!string.Equals(entry.UserName, user.UserName, StringComparison.Ordinal))
        {
            Notes.Add(string.Equals(entry.UserName, user.UserName, StringComparison.OrdinalIgnoreCase)
                ? $"{entry.Name}: the roster had {entry.UserName}, Omni holds {user.UserName} (another letter case); written as Omni holds it, which the provider treats as no change"
                : $"{entry.Name}: the roster had {entry.UserName}, Omni now holds {user.UserName} for the same id; written as Omni holds it");
        }

        return entry.Name;
    }

    private string? PreviousGroup(ScimGroup group) =>
        (previous?.Groups.FirstOrDefault(g => g.Id == group.Id)
            ?? previous?.Groups.FirstOrDefault(g => string.Equals(g.DisplayName, group.DisplayName, StringComparison.OrdinalIgnoreCase)))?.Name
        is { } name && RosterNames.Problem(name) is null ? name : null;

    /// <summary>With --definitions, or when the previous roster managed definitions: leaving its `attributes:` list
    /// out would make the next `up` delete them in Omni, erasing every user's value.</summary>
    private bool WritesDefinitions()
    {
        if (!options.Definitions && previous?.Attributes is not null)
        {
            Notes.Add("the previous roster manages attribute definitions (`attributes:`), so they are written again as with --definitions; "
                + "leaving them out would delete them in Omni at the next `pulumi up`");
        }

        return options.Definitions || previous?.Attributes is not null;
    }

    private void NoteDroppedSettings()
    {
        var settings = previous?.Users.Where(u => u.DeletionMode is not null || u.AdoptExisting is not null).Select(u => u.Name).ToList() ?? [];
        if (settings.Count > 0)
        {
            // An import must match Omni exactly, and these settings live only in Pulumi.
            Notes.Add($"deletionMode and adoptExisting of the previous roster are not carried over (set them again after the adoption): {Sample(settings)}");
        }
    }

    // ---- entries -----------------------------------------------------------------------------------

    private static bool IsSystem(UserAttributeDefinition definition) =>
        definition.System || definition.Name.StartsWith(SystemAttributePrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>A definition as Omni holds it (an import must match exactly): the label and description whenever
    /// Omni has them, multipleValues only when on (off is the default).</summary>
    private static RosterAttribute AttributeEntry(UserAttributeDefinition definition)
    {
        var isNumber = string.Equals(definition.Type, NumberType, StringComparison.OrdinalIgnoreCase);
        return new RosterAttribute
        {
            Name = definition.Name,
            Id = definition.Id,
            Type = isNumber ? NumberType : "String",
            Label = definition.Label,
            MultipleValues = definition.MultipleValues ? true : null,
            Description = definition.Description,
            DefaultValue = definition.DefaultValue is { } value ? Plain(value, isNumber) : null,
        };
    }

    private static RosterUser UserEntry(ScimUser user, string name, HashSet<string> numberAttributes) => new()
    {
        Name = name,
        Id = user.Id,
        UserName = user.UserName,
        DisplayName = user.DisplayName,
        Active = user.Active ? null : false,
        Attributes = user.Attributes
            .Where(a => !a.Key.StartsWith(SystemAttributePrefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(a => a.Key, a => Plain(a.Value, numberAttributes.Contains(a.Key)), StringComparer.Ordinal),
    };

    /// <summary>A list as a list of strings; a Number attribute's canonical decimal as a number, so it reads `level: 3`.</summary>
    private static object? Plain(AttributeValue value, bool isNumber)
    {
        if (value.IsList)
        {
            return value.Many!.Cast<object?>().ToList();
        }

        var text = value.Single!;
        return isNumber && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            && number.ToString(CultureInfo.InvariantCulture) == text
                ? number
                : text;
    }

    private RosterGroup GroupEntry(ScimGroup group, string name, Dictionary<string, string> userNameById)
    {
        var outside = group.Members.Where(m => !userNameById.ContainsKey(m.Value)).ToList();
        if (outside.Count > 0)
        {
            Notes.Add($"group {name} (\"{group.DisplayName}\"): {outside.Count} of its {group.Members.Count} members are not in the roster "
                + $"({(options.IncludeInactive ? "not SCIM users" : "inactive, or not SCIM users")}), so its membership is left to Omni (no `members`)"
                + (options.IncludeInactive ? "" : "; --include-inactive may bring them in"));
        }

        return new RosterGroup
        {
            Name = name,
            Id = group.Id,
            DisplayName = group.DisplayName,
            Members = outside.Count > 0 ? null : [.. group.Members.Select(m => userNameById[m.Value]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        };
    }

    private static bool LooksLikeEmail(string userName)
    {
        var at = userName.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == userName.LastIndexOf('@') && at < userName.Length - 1 && !userName.Any(char.IsWhiteSpace);
    }

    private static string Sample(IEnumerable<string> items)
    {
        var list = items.ToList();
        return string.Join(", ", list.Take(5)) + (list.Count > 5 ? $" and {list.Count - 5} more" : "");
    }
}
