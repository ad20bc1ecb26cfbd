using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OmniRoster;

/// <summary>One user-attribute definition in users.yaml's `attributes:` list: an omni:index:UserAttribute.</summary>
public sealed class RosterAttribute
{
    /// <summary>The reference name used in model SQL, access filters and users' `attributes`; also the Pulumi resource name.</summary>
    public string Name { get; set; } = "";

    /// <summary>`String` or `Number`.</summary>
    public string Type { get; set; } = "";

    /// <summary>Shown in Omni's UI; unset means the name.</summary>
    public string? Label { get; set; }

    /// <summary>Unset means false.</summary>
    public bool? MultipleValues { get; set; }

    public string? Description { get; set; }

    /// <summary>A scalar or (multi-valued) a list of scalars, as written in YAML.</summary>
    public object? DefaultValue { get; set; }

    /// <summary>
    /// Omni's id of this definition when it already exists (written by `omni-roster export --definitions`): the
    /// program imports it instead of creating one. Unset for a definition Pulumi should create.
    /// </summary>
    public string? Id { get; set; }
}

/// <summary>One model role of a user or group: exactly one of `model` and `connection`, each a name or an id.</summary>
public sealed class RosterRole
{
    /// <summary>The model the role is on, by name (found with getModels) or Omni id.</summary>
    public string? Model { get; set; }

    /// <summary>The connection the role is on (a connection-level role), by name (getConnections) or Omni id.</summary>
    public string? Connection { get; set; }

    /// <summary>A base role (any letter case) or the name of a custom role defined in Omni.</summary>
    public string? Role { get; set; }
}

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

    /// <summary>The user's own model roles.</summary>
    public List<RosterRole>? Roles { get; set; }
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

    /// <summary>The group's model roles.</summary>
    public List<RosterRole>? Roles { get; set; }
}

/// <summary>users.yaml: the organisation's members and groups as reviewed in pull requests.</summary>
public sealed class Roster
{
    /// <summary>Omni's limit on a group's displayName.</summary>
    public const int MaxGroupDisplayNameLength = 64;

    /// <summary>The roles Omni documents (the provider's list); any other well-formed name is a custom role of the organisation.</summary>
    public static readonly IReadOnlyList<string> BaseRoles = ["NO_ACCESS", "VIEWER", "QUERY_TOPICS", "RESTRICTED_QUERIER", "QUERIER", "MODELER", "CONNECTION_ADMIN"];

    /// <summary>
    /// The definitions the roster manages. Unset (no `attributes:` list), attributes are defined in Omni's UI
    /// and users' keys are not checked here.
    /// </summary>
    public List<RosterAttribute>? Attributes { get; set; }

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
            var reason = (e.InnerException ?? e).Message;
            if (e.InnerException is InvalidCastException && reason.Contains(nameof(RosterRole), StringComparison.Ordinal))
            {
                // `roles: [VIEWER]`: YamlDotNet's cast message would not say what a role looks like.
                reason = "each role is { model: <model name or id>, role: <role> } or { connection: <connection name or id>, role: <role> }";
            }

            throw new RosterException($"{source}:{e.Start.Line}:{e.Start.Column}: {reason}", e);
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
        user.Attributes.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => AsInput(a.Value!), StringComparer.Ordinal);

    /// <summary>A YAML value as Pulumi sends it: a scalar as its text, a list as strings.</summary>
    public static object AsInput(object value) =>
        value is IEnumerable<object> list && value is not string
            ? list.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray()
            : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>A role's Pulumi resource name: `alice-on-sales`, `dan-on-connection-warehouse` (the reference as written, slugged).</summary>
    public static string RoleResourceName(string owner, RosterRole role) =>
        role.Connection is { } connection ? $"{owner}-on-connection-{Slug(connection)}" : $"{owner}-on-{Slug(role.Model ?? "")}";

    private static string Slug(string text)
    {
        var slug = System.Text.RegularExpressions.Regex.Replace(text.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
        return slug.Length == 0 ? "x" : slug;
    }

    /// <summary>
    /// The id of the model (or connection) a role names: the item with that id, else the one item with that
    /// name (any letter case). None, or several of that name, is an error naming the role (<paramref name="at"/>) and the fix.
    /// </summary>
    public static string ResolveTarget(IEnumerable<(string Id, string? Name)> items, string reference, string kind, string at)
    {
        var all = items.ToList();
        if (all.FirstOrDefault(item => item.Id == reference) is { Id: not null } byId)
        {
            return byId.Id;
        }

        var byName = all.Where(item => string.Equals(item.Name, reference, StringComparison.OrdinalIgnoreCase)).ToList();
        return byName.Count switch
        {
            1 => byName[0].Id,
            > 1 => throw new RosterException($"{at}: {kind} `{reference}` names {byName.Count} {kind}s in Omni (ids {string.Join(", ", byName.Select(m => m.Id))}); use the id of the one you mean"),
            _ => throw new RosterException($"{at}: no {kind} named `{reference}` in Omni; use a {kind}'s exact name or its id ({kind}s: "
                + $"{(all.Any(i => !string.IsNullOrEmpty(i.Name)) ? string.Join(", ", all.Select(i => i.Name).Where(n => !string.IsNullOrEmpty(n))) : "none")})"),
        };
    }

    private static bool IsReferenceName(string? name) =>
        name is { Length: > 0 } && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private IEnumerable<string> Validate()
    {
        var definitions = new Dictionary<string, RosterAttribute>(StringComparer.Ordinal);
        foreach (var problem in ValidateAttributes(definitions))
        {
            yield return problem;
        }

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
                else if (Attributes is not null && !definitions.ContainsKey(key))
                {
                    yield return $"{at}: attribute `{key}` is not defined in `attributes:`; add a definition ({{ name: {key}, type: String }}) or fix the key "
                        + $"(defined: {(definitions.Count == 0 ? "none" : string.Join(", ", definitions.Keys))})";
                }
                else if (Attributes is not null && value is IEnumerable<object> && definitions[key].MultipleValues != true)
                {
                    yield return $"{at}: attribute `{key}` holds a list, but its definition is single-valued; give one value or set `multipleValues: true` on the definition";
                }
            }

            foreach (var problem in RoleProblems(user.Roles, at, "user"))
            {
                yield return problem;
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

            foreach (var problem in RoleProblems(group.Roles, at, "group"))
            {
                yield return problem;
            }
        }
    }

    /// <summary>Each definition checked; the valid ones are added to <paramref name="definitions"/> by reference name.</summary>
    private IEnumerable<string> ValidateAttributes(Dictionary<string, RosterAttribute> definitions)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var attributes = Attributes ?? [];
        for (var i = 0; i < attributes.Count; i++)
        {
            var definition = attributes[i];
            var at = $"attributes[{i}]{(string.IsNullOrWhiteSpace(definition.Name) ? "" : $" ({definition.Name})")}";
            if (!IsReferenceName(definition.Name))
            {
                yield return $"{at}: `name` must be a reference name (letters, digits and underscores, starting with a letter, e.g. sales_region), got `{definition.Name}`";
            }
            else if (definition.Name.StartsWith("omni_", StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{at}: `name` {definition.Name} starts with omni_, which Omni reserves for its system attributes; choose another name";
            }
            else if (!seen.Add(definition.Name))
            {
                yield return $"{at}: attribute `{definition.Name}` is defined twice (Omni compares reference names case-insensitively)";
            }
            else
            {
                definitions[definition.Name] = definition;
            }

            if (IdProblem(definition.Id, ids) is { } idProblem)
            {
                yield return $"{at}: {idProblem}";
            }

            if (definition.Type is not "String" and not "Number")
            {
                yield return $"{at}: `type` must be String or Number, got `{definition.Type}`";
            }

            if (definition.DefaultValue is IDictionary<object, object>)
            {
                yield return $"{at}: `defaultValue` must be a string or number, or a list of them when `multipleValues` is true";
            }
            else if (definition.DefaultValue is IEnumerable<object> && definition.MultipleValues != true)
            {
                yield return $"{at}: `defaultValue` is a list; a list needs `multipleValues: true`";
            }
        }
    }

    /// <summary>Exactly one target, a role name's shape, CONNECTION_ADMIN on a whole connection, one role per target.</summary>
    private static IEnumerable<string> RoleProblems(List<RosterRole>? roles, string at, string subject)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var valid = $"use one of {string.Join(", ", BaseRoles)} (any letter case) or the name of a custom role defined in Omni (letters, digits and underscores)";
        for (var j = 0; j < (roles?.Count ?? 0); j++)
        {
            var role = roles![j];
            var where = $"{at}: roles[{j}]";
            var kind = role.Model is not null ? "model" : "connection";
            var target = role.Model ?? role.Connection;
            if ((role.Model is null) == (role.Connection is null))
            {
                yield return $"{where}: set exactly one of `model` (a model's name or id) and `connection` (a connection's name or id)";
            }
            else if (string.IsNullOrWhiteSpace(target))
            {
                yield return $"{where}: `{kind}` must be a name or an id";
            }
            else if (!names.Add(RoleResourceName("", role)))
            {
                yield return $"{where}: {kind} `{target}` is listed twice; one role per {subject} and {kind}";
            }

            if (string.IsNullOrWhiteSpace(role.Role))
            {
                yield return $"{where}: `role` is required: {valid}";
            }
            else if (!IsReferenceName(role.Role))
            {
                yield return $"{where}: `role` `{role.Role}` is not a role name: {valid}";
            }
            else if (role.Connection is not null && role.Model is null
                && BaseRoles.FirstOrDefault(r => string.Equals(r, role.Role, StringComparison.OrdinalIgnoreCase)) is { } baseRole and not "CONNECTION_ADMIN")
            {
                yield return $"{where}: a role on a whole connection must be CONNECTION_ADMIN (or a custom role based on it), got {role.Role}; for {baseRole}, name a model instead";
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
