using Pulumi;
using Pulumi.Omni;

namespace OmniExample;

/// <summary>
/// Two users of the Omni organisation, their group, a user-attribute definition and model roles for a user
/// and the group; kept apart from Program.cs so tests can run it under mocks.
/// </summary>
public static class Team
{
    public static Dictionary<string, object?> Define()
    {
        // A user-attribute definition. Destroying or replacing it erases every user's value of it.
        var costCenter = new UserAttribute("costCenter", new UserAttributeArgs
        {
            Name = "cost_center",
            Label = "Cost center",
            Type = "String",
            Description = "The finance cost center a user books to.",
        });

        var alice = new User("alice", new UserArgs
        {
            UserName = "alice@example.com",
            DisplayName = "Alice Martin",
            // Values are stored by Omni as strings (or lists of strings); numbers and bools are
            // normalised the same way, so `3` here shows no diff against Omni's "3" on refresh.
            // Keyed by costCenter's name output, so the engine creates the definition before Alice.
            Attributes = costCenter.Name.Apply(costCenterKey => new Dictionary<string, object>
            {
                ["region"] = "us-east",
                ["department"] = "Finance",
                ["level"] = 3,
                ["regions"] = new[] { "us", "eu" },
                [costCenterKey] = "CC-100",
            }),
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

        // Model roles take a model's id; getModels finds the organisation's shared models.
        var salesModelId = GetModels.Invoke(new GetModelsInvokeArgs { ModelKind = "SHARED" }).Apply(result =>
            result.Models.IsDefaultOrEmpty
                ? throw new InvalidOperationException("Omni has no SHARED model: create one, or set modelId to a model's id.")
                : result.Models[0].Id);

        // Alice queries the shared model. Omni cannot delete a role: destroying this restores the direct
        // role she had before (NO_ACCESS when she had none), as previousRoleName records.
        var aliceOnSales = new UserModelRole("aliceOnSales", new UserModelRoleArgs
        {
            UserId = alice.Id,
            ModelId = salesModelId,
            RoleName = "QUERIER",
        });

        // Every analyst may view the shared model.
        var analystsOnSales = new GroupModelRole("analystsOnSales", new GroupModelRoleArgs
        {
            GroupId = analysts.Id,
            ModelId = salesModelId,
            RoleName = "VIEWER",
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
            ["costCenterId"] = costCenter.Id,
            ["alicePreviousRole"] = aliceOnSales.PreviousRoleName,
            ["analystsRoleId"] = analystsOnSales.Id,
        };
    }
}
