using Pulumi;
using Pulumi.Omni;

namespace OmniRoster;

/// <summary>Turns the roster into one omni:index:User per user and one omni:index:Group per group.</summary>
public static class RosterProgram
{
    public static Dictionary<string, object?> Define(Roster roster)
    {
        var userIds = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        foreach (var person in roster.Users)
        {
            userIds[person.Name] = new User(person.Name, UserArgsOf(person), AdoptionOf(person.Id)).Id;
        }

        var groupIds = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        foreach (var group in roster.Groups)
        {
            var args = new GroupArgs { DisplayName = group.DisplayName };
            if (group.Members is { } members)
            {
                // The users' Id outputs: the engine creates a group only after its members exist.
                args.MemberIds = members.Select(member => MemberId(userIds, group, member)).ToList();
            }

            groupIds[group.Name] = new Group(group.Name, args, AdoptionOf(group.Id)).Id;
        }

        return new Dictionary<string, object?>
        {
            ["userIds"] = ByName(userIds),
            ["userCount"] = roster.Users.Count,
            ["groupIds"] = ByName(groupIds),
        };
    }

    private static UserArgs UserArgsOf(RosterUser person)
    {
        var args = new UserArgs
        {
            UserName = person.UserName,
            DisplayName = person.DisplayName,
            Attributes = Roster.AttributeInputs(person),
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
