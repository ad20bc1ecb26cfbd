using System.Collections.Immutable;
using OmniRoster;
using Pulumi;
using Pulumi.Omni;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace Omni.Examples.Tests;

/// <summary>The example programs, run against the real Pulumi SDK with the engine mocked.</summary>
public sealed class ExampleProgramTests
{
    private static readonly TestOptions Up = new() { IsPreview = false };

    [Fact]
    public async Task Team_registers_two_users_with_defaults_and_attributes()
    {
        var mocks = new RecordingMocks();

        var resources = await Deployment.TestAsync<TeamStack>(mocks, Up);

        var users = resources.OfType<User>().ToList();
        Assert.Equal(2, users.Count);
        var alice = mocks.Registered["alice"];
        Assert.Equal("omni:index:User", alice.Type);
        Assert.Equal("alice@example.com", alice.Inputs["userName"]);
        Assert.Equal(true, alice.Inputs["active"]);
        Assert.Equal("delete", alice.Inputs["deletionMode"]);
        Assert.Equal(false, alice.Inputs["adoptExisting"]);
        var attributes = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(alice.Inputs["attributes"]);
        Assert.Equal(new[] { "department", "level", "region", "regions" }, attributes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("deactivate", mocks.Registered["bob"].Inputs["deletionMode"]);
    }

    [Fact]
    public async Task User_outputs_come_back_typed()
    {
        var resources = await Deployment.TestAsync<TeamStack>(new RecordingMocks(), Up);
        var alice = resources.OfType<User>().Single(u => u.GetResourceName() == "alice");

        Assert.Equal("alice-id", await OutputUtilities.GetValueAsync(alice.Id));
        Assert.Equal("Alice Martin", await OutputUtilities.GetValueAsync(alice.DisplayName));
        // ImmutableArray is a struct wrapper: compare its items, not the wrappers.
        Assert.Equal(new[] { "alice@example.com" }, (await OutputUtilities.GetValueAsync(alice.Emails)).AsEnumerable());
        Assert.Empty(await OutputUtilities.GetValueAsync(alice.Groups));
        Assert.False(await OutputUtilities.GetValueAsync(alice.Adopted));
    }

    [Fact]
    public async Task Team_puts_both_users_in_the_analysts_group_by_id()
    {
        var mocks = new RecordingMocks();

        await Deployment.TestAsync<TeamStack>(mocks, Up);

        var analysts = mocks.Registered["analysts"];
        Assert.Equal("omni:index:Group", analysts.Type);
        Assert.Equal("Analysts", analysts.Inputs["displayName"]);
        var memberIds = Assert.IsAssignableFrom<IEnumerable<object>>(analysts.Inputs["memberIds"]);
        Assert.Equal(new object[] { "alice-id", "bob-id" }, memberIds);
    }

    [Fact]
    public async Task Team_reads_alice_back_with_getUser_by_her_id()
    {
        var resources = await Deployment.TestAsync<TeamStack>(new RecordingMocks(), Up);
        var stack = resources.OfType<TeamStack>().Single();

        var lastLogin = await OutputUtilities.GetValueAsync((Output<string?>)stack.Exports["aliceLastLogin"]!);

        Assert.Equal("2026-01-02T03:04:05.000Z", lastLogin);
    }

    [Fact]
    public async Task Roster_becomes_one_user_per_entry()
    {
        var roster = Roster.Load(RosterStack.RosterFile);
        var mocks = new RecordingMocks();

        var resources = await Deployment.TestAsync<RosterStack>(mocks, Up);

        Assert.Equal(roster.Users.Count, resources.OfType<User>().Count());
        foreach (var person in roster.Users)
        {
            var (type, inputs) = mocks.Registered[person.Name];
            Assert.Equal("omni:index:User", type);
            Assert.Equal(person.UserName, inputs["userName"]);
            Assert.Equal(person.DisplayName, inputs["displayName"]);
            Assert.Equal(person.Active ?? true, inputs["active"]);
        }

        var stack = resources.OfType<RosterStack>().Single();
        var ids = await OutputUtilities.GetValueAsync((Output<Dictionary<string, string>>)stack.Exports["userIds"]!);
        Assert.Equal(roster.Users.Select(u => u.Name).Order(StringComparer.Ordinal), ids.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Roster_groups_hold_their_members_by_user_id()
    {
        var roster = Roster.Load(RosterStack.RosterFile);
        var mocks = new RecordingMocks();

        var resources = await Deployment.TestAsync<RosterStack>(mocks, Up);

        Assert.NotEmpty(roster.Groups);
        Assert.Equal(roster.Groups.Count, resources.OfType<Group>().Count());
        foreach (var group in roster.Groups)
        {
            var (type, inputs) = mocks.Registered[group.Name];
            Assert.Equal("omni:index:Group", type);
            Assert.Equal(group.DisplayName, inputs["displayName"]);
            // The mocks give each user the id "<name>-id": memberIds are the members' Id outputs.
            var memberIds = Assert.IsAssignableFrom<IEnumerable<object>>(inputs["memberIds"]);
            Assert.Equal(group.Members!.Select(m => (object)$"{m}-id"), memberIds);
        }

        var stack = resources.OfType<RosterStack>().Single();
        var ids = await OutputUtilities.GetValueAsync((Output<Dictionary<string, string>>)stack.Exports["groupIds"]!);
        Assert.Equal(roster.Groups.Select(g => g.Name).Order(StringComparer.Ordinal), ids.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Provider_api_key_is_a_secret_and_config_defaults_apply()
    {
        var args = new ProviderArgs { ApiKey = "org-key", BaseUrl = "http://127.0.0.1:8787" };

        Assert.True(await Output.IsSecretAsync(args.ApiKey!.Apply(k => k)));
        Assert.False(await Output.IsSecretAsync(args.BaseUrl!.Apply(u => u)));
        Assert.Equal(5, await OutputUtilities.GetValueAsync(args.MaxRetries!.Apply(v => v)));
        Assert.Equal(30, await OutputUtilities.GetValueAsync(args.RequestTimeoutSeconds!.Apply(v => v)));
    }
}
