using System.Collections.Immutable;
using Pulumi;
using Pulumi.Omni;

namespace OmniRoster;

/// <summary>
/// Turns the roster into resources: one omni:index:UserAttribute per `attributes:` definition, one
/// omni:index:User per user (its attribute keys the definitions' `name` outputs, so a definition is created
/// before the users that use it and deleted after them), one omni:index:Group per group (its memberIds the
/// members' ids), and one omni:index:UserModelRole / GroupModelRole per role, on the model or connection
/// that getModels / getConnections find by the roster's name or id.
/// </summary>
public static class RosterProgram
{
    public static Dictionary<string, object?> Define(Roster roster)
    {
        var attributeNames = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        var attributeIds = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        foreach (var definition in roster.Attributes ?? [])
        {
            var attribute = new UserAttribute(definition.Name, AttributeArgsOf(definition), AdoptionOf(definition.Id));
            attributeNames[definition.Name] = attribute.Name;
            attributeIds[definition.Name] = attribute.Id;
        }

        var catalog = new Catalog();
        var roleIds = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        var userIds = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        for (var i = 0; i < roster.Users.Count; i++)
        {
            var person = roster.Users[i];
            var user = new User(person.Name, UserArgsOf(person, attributeNames), AdoptionOf(person.Id));
            userIds[person.Name] = user.Id;
            var roles = person.Roles ?? [];
            for (var j = 0; j < roles.Count; j++)
            {
                var name = Roster.RoleResourceName(person.Name, roles[j]);
                var args = new UserModelRoleArgs { UserId = user.Id, RoleName = roles[j].Role ?? "" };
                (args.ModelId, args.ConnectionId) = catalog.Target(roles[j], $"users[{i}] ({person.Name}): roles[{j}]");
                roleIds[name] = new UserModelRole(name, args).Id;
            }
        }

        var groupIds = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        for (var i = 0; i < roster.Groups.Count; i++)
        {
            var group = roster.Groups[i];
            var args = new GroupArgs { DisplayName = group.DisplayName };
            if (group.Members is { } members)
            {
                // The users' Id outputs: the engine creates a group only after its members exist.
                args.MemberIds = members.Select(member => MemberId(userIds, group, member)).ToList();
            }

            var created = new Group(group.Name, args, AdoptionOf(group.Id));
            groupIds[group.Name] = created.Id;
            var roles = group.Roles ?? [];
            for (var j = 0; j < roles.Count; j++)
            {
                var name = Roster.RoleResourceName(group.Name, roles[j]);
                var roleArgs = new GroupModelRoleArgs { GroupId = created.Id, RoleName = roles[j].Role ?? "" };
                (roleArgs.ModelId, roleArgs.ConnectionId) = catalog.Target(roles[j], $"groups[{i}] ({group.Name}): roles[{j}]");
                roleIds[name] = new GroupModelRole(name, roleArgs).Id;
            }
        }

        return new Dictionary<string, object?>
        {
            ["userIds"] = ByName(userIds),
            ["userCount"] = roster.Users.Count,
            ["groupIds"] = ByName(groupIds),
            ["attributeIds"] = ByName(attributeIds),
            ["roleIds"] = ByName(roleIds),
        };
    }

    /// <summary>
    /// Omni's models and connections, each listed once (and only when a role needs them), to find roles'
    /// targets by name; a name that matches no item, or several, fails the program naming the role and the fix.
    /// </summary>
    private sealed class Catalog
    {
        private Output<GetModelsResult>? models;
        private Output<GetConnectionsResult>? connections;

        /// <summary>The role's modelId or connectionId (the other null).</summary>
        public (Input<string>? ModelId, Input<string>? ConnectionId) Target(RosterRole role, string at)
        {
            if (role.Model is { } model)
            {
                models ??= GetModels.Invoke();
                return (models.Apply(result => Roster.ResolveTarget(Items(result.Models).Select(m => (m.Id, m.Name)), model, "model", at)), null);
            }

            var connection = role.Connection ?? "";
            connections ??= GetConnections.Invoke();
            return (null, connections.Apply(result => Roster.ResolveTarget(
                Items(result.Connections).Select(c => (c.Id, (string?)c.Name)), connection, "connection", at)));
        }

        // A list the engine left out deserializes as a default ImmutableArray, which cannot be enumerated.
        private static IEnumerable<T> Items<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
    }

    private static UserAttributeArgs AttributeArgsOf(RosterAttribute definition)
    {
        var args = new UserAttributeArgs { Name = definition.Name, Type = definition.Type };
        if (definition.Label is { } label)
        {
            args.Label = label;
        }

        if (definition.MultipleValues is { } multipleValues)
        {
            args.MultipleValues = multipleValues;
        }

        if (definition.Description is { } description)
        {
            args.Description = description;
        }

        if (definition.DefaultValue is { } defaultValue)
        {
            // Output.Create: C# has no implicit conversion from object to Input<object>.
            args.DefaultValue = Output.Create(Roster.AsInput(defaultValue));
        }

        return args;
    }

    private static UserArgs UserArgsOf(RosterUser person, Dictionary<string, Output<string>> attributeNames)
    {
        var args = new UserArgs
        {
            UserName = person.UserName,
            DisplayName = person.DisplayName,
            Attributes = KeyedByDefinitions(Roster.AttributeInputs(person), attributeNames),
        };
        if (person.Active is { } active)
        {
            args.Active = active;
        }

        if (person.DeletionMode is { } deletionMode)
        {
            args.DeletionMode = deletionMode;
        }

        if (person.AdoptExisting is { } adoptExisting)
        {
            args.AdoptExisting = adoptExisting;
        }

        return args;
    }

    /// <summary>
    /// The user's attributes keyed by the definitions' `name` outputs where the roster defines the key: the
    /// User then depends on those UserAttributes (a map key cannot be an output, so the whole map is one).
    /// Keys of definitions made in Omni's UI stay plain strings.
    /// </summary>
    private static InputMap<object> KeyedByDefinitions(Dictionary<string, object> values, Dictionary<string, Output<string>> attributeNames)
    {
        if (!values.Keys.Any(attributeNames.ContainsKey))
        {
            return values;
        }

        var pairs = values.Select(kv => (attributeNames.TryGetValue(kv.Key, out var name) ? name : Output.Create(kv.Key))
            .Apply(key => KeyValuePair.Create(key, kv.Value)));
        return Output.All(pairs.ToArray()).Apply(all => all.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>
    /// An entry with Omni's id (written by `omni-roster export`) is imported, not created: the first
    /// `pulumi up` adopts it (`= import` in the preview) and fails rather than change anything in Omni
    /// if the entry differs from what Omni holds. Once in the state, the id is ignored.
    /// </summary>
    private static CustomResourceOptions? AdoptionOf(string? omniId) =>
        omniId is null ? null : new CustomResourceOptions { ImportId = omniId };

    // Roster.Parse already rejects unknown members; this guards a Roster built in code.
    private static Input<string> MemberId(Dictionary<string, Output<string>> userIds, RosterGroup group, string member) =>
        userIds.TryGetValue(member, out var id)
            ? id
            : throw new RosterException($"group `{group.Name}`: member `{member}` is not a user in the roster; `members` lists users' `name`s");

    private static Output<Dictionary<string, string>> ByName(Dictionary<string, Output<string>> ids) =>
        Output.All(ids.Select(kv => kv.Value.Apply(id => KeyValuePair.Create(kv.Key, id))).ToArray())
            .Apply(pairs => pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
}
