using Pulumi;
using Pulumi.Omni;

namespace OmniRoster;

/// <summary>Turns the roster into one omni:index:User per entry.</summary>
public static class RosterProgram
{
    public static Dictionary<string, object?> Define(Roster roster)
    {
        var ids = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        foreach (var person in roster.Users)
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

            ids[person.Name] = new User(person.Name, args).Id;
        }

        return new Dictionary<string, object?>
        {
            ["userIds"] = Output.All(ids.Select(kv => kv.Value.Apply(id => KeyValuePair.Create(kv.Key, id))).ToArray())
                .Apply(pairs => pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)),
            ["userCount"] = roster.Users.Count,
        };
    }
}
