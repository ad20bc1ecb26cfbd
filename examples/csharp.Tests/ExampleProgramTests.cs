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
        Assert.Equal(new[] { "cost_center", "department", "level", "region", "regions" }, attributes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("CC-100", attributes["cost_center"]);
        Assert.Equal("deactivate", mocks.Registered["bob"].Inputs["deletionMode"]);
    }

    [Fact]
    public async Task Team_defines_the_cost_center_attribute_that_alice_is_keyed_by()
    {
        var mocks = new RecordingMocks();

        var resources = await Deployment.TestAsync<TeamStack>(mocks, Up);

        var (type, inputs) = mocks.Registered["costCenter"];
        Assert.Equal("omni:index:UserAttribute", type);
        Assert.Equal("cost_center", inputs["name"]);
        Assert.Equal("String", inputs["type"]);
        Assert.Equal("Cost center", inputs["label"]);
        Assert.Equal(false, inputs["multipleValues"]);
        var costCenter = resources.OfType<UserAttribute>().Single();
        Assert.Equal("cost_center", await OutputUtilities.GetValueAsync(costCenter.Name));
    }

    [Fact]
    public async Task Team_gives_alice_and_the_analysts_a_role_on_the_shared_model_from_getModels()
    {
        var mocks = new RecordingMocks();

        await Deployment.TestAsync<TeamStack>(mocks, Up);

        var (userRoleType, userRole) = mocks.Registered["aliceOnSales"];
        Assert.Equal("omni:index:UserModelRole", userRoleType);
        Assert.Equal("alice-id", userRole["userId"]);
        Assert.Equal("model-shared", userRole["modelId"]);
        Assert.Equal("QUERIER", userRole["roleName"]);
        Assert.False(userRole.ContainsKey("connectionId"));
        var (groupRoleType, groupRole) = mocks.Registered["analystsOnSales"];
        Assert.Equal("omni:index:GroupModelRole", groupRoleType);
        Assert.Equal("analysts-id", groupRole["groupId"]);
        Assert.Equal("model-shared", groupRole["modelId"]);
        Assert.Equal("VIEWER", groupRole["roleName"]);
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
    public async Task Roster_attributes_become_user_attributes_and_users_are_keyed_by_their_names()
    {
        var roster = Roster.Load(RosterStack.RosterFile);
        var mocks = new RecordingMocks();

        var resources = await Deployment.TestAsync<RosterStack>(mocks, Up);

        Assert.NotNull(roster.Attributes);
        Assert.Equal(roster.Attributes!.Count, resources.OfType<UserAttribute>().Count());
        foreach (var definition in roster.Attributes)
        {
            var (type, inputs) = mocks.Registered[definition.Name];
            Assert.Equal("omni:index:UserAttribute", type);
            Assert.Equal(definition.Name, inputs["name"]);
            Assert.Equal(definition.Type, inputs["type"]);
            Assert.Equal(definition.MultipleValues ?? false, inputs["multipleValues"]);
        }

        // The keys come from the definitions' name outputs (the mocks echo the inputs): the same keys, every value kept.
        foreach (var person in roster.Users)
        {
            var attributes = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(mocks.Registered[person.Name].Inputs["attributes"]);
            Assert.Equal(Roster.AttributeInputs(person).Keys.Order(StringComparer.Ordinal), attributes.Keys.Order(StringComparer.Ordinal));
        }

        var alice = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(mocks.Registered["alice"].Inputs["attributes"]);
        Assert.Equal("3", alice["level"]);
        // A list arrives as an ImmutableArray: compare its items, not the wrapper.
        Assert.Equal(new object[] { "us", "eu" }, Assert.IsAssignableFrom<IEnumerable<object>>(alice["regions"]));
    }

    [Fact]
    public async Task Roster_roles_are_on_the_model_or_connection_named_for_the_user_or_group_id()
    {
        var mocks = new RecordingMocks();

        var resources = await Deployment.TestAsync<RosterStack>(mocks, Up);

        Assert.Equal(2, resources.OfType<UserModelRole>().Count());
        Assert.Equal(2, resources.OfType<GroupModelRole>().Count());
        var alice = mocks.Registered["alice-on-emulator-shared-model"];
        Assert.Equal("omni:index:UserModelRole", alice.Type);
        Assert.Equal("alice-id", alice.Inputs["userId"]);
        Assert.Equal("model-shared", alice.Inputs["modelId"]);
        Assert.Equal("QUERIER", alice.Inputs["roleName"]);
        var dan = mocks.Registered["dan-on-connection-emulator-warehouse"];
        Assert.Equal(RecordingMocks.ConnectionId, dan.Inputs["connectionId"]);
        Assert.False(dan.Inputs.ContainsKey("modelId"));
        Assert.Equal("CONNECTION_ADMIN", dan.Inputs["roleName"]);
        var engineering = mocks.Registered["engineering-on-emulator-shared-model"];
        Assert.Equal("omni:index:GroupModelRole", engineering.Type);
        Assert.Equal("engineering-id", engineering.Inputs["groupId"]);
        Assert.Equal("model-shared", engineering.Inputs["modelId"]);
        Assert.Equal("MODELER", engineering.Inputs["roleName"]);

        var stack = resources.OfType<RosterStack>().Single();
        var roleIds = await OutputUtilities.GetValueAsync((Output<Dictionary<string, string>>)stack.Exports["roleIds"]!);
        Assert.Equal("engineering-on-emulator-shared-model-id", roleIds["engineering-on-emulator-shared-model"]);
    }

    [Fact]
    public void Roster_role_on_an_unknown_model_names_the_entry_and_the_fix()
    {
        var models = RecordingMocks.Models.Select(m => (m.Id, (string?)m.Name));

        var error = Assert.Throws<RosterException>(() => Roster.ResolveTarget(models, "Sales", "model", "users[0] (alice): roles[0]"));

        Assert.Equal("users[0] (alice): roles[0]: no model named `Sales` in Omni; use a model's exact name or its id "
            + "(models: Emulator Warehouse, Emulator Shared Model)", error.Message);
        Assert.Equal("model-shared", Roster.ResolveTarget(models, "emulator shared model", "model", "users[0] (alice): roles[0]"));
    }

    [Fact]
    public void Roster_rejects_undefined_attribute_keys_and_malformed_roles()
    {
        const string yaml = """
            attributes:
              - { name: region, type: String }
            users:
              - name: a
                userName: a@example.com
                displayName: A
                attributes: { regoin: x }
                roles:
                  - { model: Sales, connection: Warehouse, role: VIEWER }
                  - { model: Finance, role: read only }
            """;

        var error = Assert.Throws<RosterException>(() => Roster.Parse(yaml));

        Assert.Contains("users[0] (a): attribute `regoin` is not defined in `attributes:`; add a definition ({ name: regoin, type: String }) or fix the key (defined: region)", error.Message);
        Assert.Contains("users[0] (a): roles[0]: set exactly one of `model` (a model's name or id) and `connection` (a connection's name or id)", error.Message);
        Assert.Contains("users[0] (a): roles[1]: `role` `read only` is not a role name", error.Message);
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
