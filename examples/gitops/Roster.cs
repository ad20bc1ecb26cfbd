using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OmniRoster;

/// <summary>One person in users.yaml.</summary>
public sealed class RosterUser
{
    /// <summary>The Pulumi resource name: a stable handle, never shown in Omni.</summary>
    public string Name { get; set; } = "";

    /// <summary>The user's email (Omni's userName).</summary>
    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>Attribute reference name → a scalar or a list of scalars, as written in YAML.</summary>
    public Dictionary<string, object?> Attributes { get; set; } = [];

    /// <summary>Unset means active.</summary>
    public bool? Active { get; set; }

    /// <summary>`delete` (default) or `deactivate`: what removing the entry does in Omni.</summary>
    public string? DeletionMode { get; set; }

    /// <summary>Adopt a user that already exists in Omni with this email instead of failing with 409.</summary>
    public bool? AdoptExisting { get; set; }

    /// <summary>
    /// Omni's id of this user when it already exists (written by `omni-roster export`): the program
    /// imports the user with it instead of creating one. Unset for a user Pulumi should create.
    /// </summary>
    public string? Id { get; set; }
}

/// <summary>One group in users.yaml: its members are users of the same roster, by their `name`.</summary>
public sealed class RosterGroup
{
    /// <summary>The Pulumi resource name: a stable handle, never shown in Omni.</summary>
    public string Name { get; set; } = "";

    /// <summary>The group's name in Omni (at most 64 characters).</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// The `name`s of the roster's users in the group. Set (even empty), the group holds exactly these
    /// users; unset, its membership is left to Omni.
    /// </summary>
    public List<string>? Members { get; set; }

    /// <summary>Omni's id of this group when it already exists (written by `omni-roster export`): imported, not created.</summary>
    public string? Id { get; set; }
}

/// <summary>users.yaml: the organisation's members and groups as reviewed in pull requests.</summary>
public sealed class Roster
{
    /// <summary>Omni's limit on a group's displayName.</summary>
    public const int MaxGroupDisplayNameLength = 64;

    public List<RosterUser> Users { get; set; } = [];

    public List<RosterGroup> Groups { get; set; } = [];

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Reads and validates a roster; every problem is reported with the entry and field to fix.</summary>
    public static Roster Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new RosterException($"{path}: roster file not found (set the stack config `roster` to its path, or run from examples/gitops).");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static Roster Parse(string yaml, string source = "users.yaml")
    {
        Roster? roster;
        try
        {
            roster = Yaml.Deserialize<Roster?>(yaml);
        }
        catch (YamlException e)
        {
            throw new RosterException($"{source}:{e.Start.Line}:{e.Start.Column}: {(e.InnerException ?? e).Message}", e);
        }

        roster ??= new Roster();
        var problems = roster.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new RosterException($"{source} is not a valid roster:\n  " + string.Join("\n  ", problems));
        }

        return roster;
    }

    /// <summary>The attribute values as Pulumi should send them: scalars as strings, lists as string arrays.</summary>
    public static Dictionary<string, object> AttributeInputs(RosterUser user) =>
        user.Attributes.Where(a => a.Value is not null).ToDictionary(
            a => a.Key,
            a => a.Value is IEnumerable<object> list && a.Value is not string
                ? list.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray()
                : (object)(Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            StringComparer.Ordinal);

    private IEnumerable<string> Validate()
    {
        // One namespace for users and groups: a name in `members` must say which user it means.
        var names = new HashSet<string>(StringComparer.Ordinal);
        var userNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var userIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Users.Count; i++)
        {
            var user = Users[i];
            var at = $"users[{i}]{(string.IsNullOrWhiteSpace(user.Name) ? "" : $" ({user.Name})")}";
            if (string.IsNullOrWhiteSpace(user.Name))
            {
                yield return $"{at}: `name` is required (the Pulumi resource name, e.g. `alice`)";
            }
            else if (!names.Add(user.Name))
            {
                yield return $"{at}: `name` {user.Name} is used twice; resource names must be unique";
            }

            if (string.IsNullOrWhiteSpace(user.UserName) || !user.UserName.Contains('@', StringComparison.Ordinal))
            {
                yield return $"{at}: `userName` must be the user's email address, got `{user.UserName}`";
            }
            else if (!userNames.Add(user.UserName))
            {
                yield return $"{at}: `userName` {user.UserName} is listed twice (Omni compares emails case-insensitively)";
            }

            if (IdProblem(user.Id, userIds) is { } idProblem)
            {
                yield return $"{at}: {idProblem}";
            }

            if (user.DeletionMode is not null and not "delete" and not "deactivate")
            {
                yield return $"{at}: `deletionMode` must be `delete` or `deactivate`, got `{user.DeletionMode}`";
            }

            if (string.IsNullOrWhiteSpace(user.DisplayName))
            {
                yield return $"{at}: `displayName` is required";
            }

            foreach (var (key, value) in user.Attributes)
            {
                if (value is IDictionary<object, object>)
                {
                    yield return $"{at}: attribute `{key}` is a mapping; use a string, number, boolean or a list of them";
                }
            }
        }

        foreach (var problem in ValidateGroups(names))
        {
            yield return problem;
        }
    }

    private IEnumerable<string> ValidateGroups(HashSet<string> names)
    {
        var userNames = Users.Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        var displayNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var groupIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Groups.Count; i++)
        {
            var group = Groups[i];
            var at = $"groups[{i}]{(string.IsNullOrWhiteSpace(group.Name) ? "" : $" ({group.Name})")}";
            if (string.IsNullOrWhiteSpace(group.Name))
            {
                yield return $"{at}: `name` is required (the Pulumi resource name, e.g. `analysts`)";
            }
            else if (!names.Add(group.Name))
            {
                yield return $"{at}: `name` {group.Name} is used twice; names must be unique across users and groups";
            }

            if (string.IsNullOrWhiteSpace(group.DisplayName))
            {
                yield return $"{at}: `displayName` is required (the group's name in Omni)";
            }
            else if (group.DisplayName.Length > MaxGroupDisplayNameLength)
            {
                yield return $"{at}: `displayName` has {group.DisplayName.Length} characters; Omni allows at most {MaxGroupDisplayNameLength}";
            }
            else if (!displayNames.Add(group.DisplayName))
            {
                yield return $"{at}: `displayName` {group.DisplayName} is listed twice (Omni group names are unique)";
            }

            if (IdProblem(group.Id, groupIds) is { } idProblem)
            {
                yield return $"{at}: {idProblem}";
            }

            var members = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in group.Members ?? [])
            {
                if (!userNames.Contains(member))
                {
                    yield return $"{at}: member `{member}` is not a user in the roster; `members` lists users' `name`s";
                }
                else if (!members.Add(member))
                {
                    yield return $"{at}: member `{member}` is listed twice";
                }
            }
        }
    }

    /// <summary>An `id` is optional; when given it must be one Omni id, used by one entry of its kind.</summary>
    private static string? IdProblem(string? id, HashSet<string> seen)
    {
        if (id is null)
        {
            return null;
        }

        if (id.Length == 0 || id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return $"`id` must be Omni's id of the existing entry (no spaces), got `{id}`; remove `id` to have Pulumi create it instead";
        }

        return seen.Add(id)
            ? null
            : $"`id` {id} is used by another entry too; each Omni object can be adopted by one entry only";
    }
}

/// <summary>A roster that cannot be turned into resources; the message says what to fix.</summary>
public sealed class RosterException : Exception
{
    public RosterException(string message) : base(message)
    {
    }

    public RosterException(string message, Exception inner) : base(message, inner)
    {
    }

    public RosterException()
    {
    }
}
