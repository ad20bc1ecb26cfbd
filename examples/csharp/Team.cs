using Pulumi;
using Pulumi.Omni;

namespace OmniExample;

/// <summary>Two users of the Omni organisation and their group; kept apart from Program.cs so tests can run it under mocks.</summary>
public static class Team
{
    public static Dictionary<string, object?> Define()
    {
        var alice = new User("alice", new UserArgs
        {
            UserName = "alice@example.com",
            DisplayName = "Alice Martin",
            // Values are stored by Omni as strings (or lists of strings); numbers and bools are
            // normalised the same way, so `3` here shows no diff against Omni's "3" on refresh.
            Attributes = new Dictionary<string, object>
            {
                ["region"] = "us-east",
                ["department"] = "Finance",
                ["level"] = 3,
                ["regions"] = new[] { "us", "eu" },
            },
        });

        var bob = new User("bob", new UserArgs
        {
            UserName = "bob@example.com",
            DisplayName = "Bob Okafor",
            // Leaving the team deactivates Bob instead of deleting him and his content.
            DeletionMode = "deactivate",
            Attributes = new Dictionary<string, object>
            {
                ["department"] = "Engineering",
                ["level"] = 2,
            },
        });

        // Authoritative membership: the group holds exactly these users, in any order.
        var analysts = new Group("analysts", new GroupArgs
        {
            DisplayName = "Analysts",
            MemberIds = { alice.Id, bob.Id },
        });

        // A function, not a resource: Alice as Omni holds her, with what Pulumi does not manage (lastLogin).
        var aliceInOmni = GetUser.Invoke(new GetUserInvokeArgs { Id = alice.Id });

        return new Dictionary<string, object?>
        {
            ["aliceId"] = alice.Id,
            ["aliceLastLogin"] = aliceInOmni.Apply(user => user.LastLogin),
            ["aliceGroups"] = alice.Groups,
            ["bobId"] = bob.Id,
            ["analystsMembers"] = analysts.Members,
        };
    }
}
