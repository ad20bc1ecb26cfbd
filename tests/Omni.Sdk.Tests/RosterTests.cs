using OmniRoster;

namespace Omni.Sdk.Tests;

/// <summary>examples/gitops: the roster file parses, and a broken roster says which entry and field to fix.</summary>
public sealed class RosterTests
{
    private static readonly string RosterFile = Path.Combine(RepositoryPaths.Root, "examples", "gitops", "users.yaml");

    [Fact]
    public void Example_roster_loads_with_unique_users_and_the_emulators_attribute_keys()
    {
        var roster = Roster.Load(RosterFile);

        Assert.True(roster.Users.Count >= 5, $"expected about five users, found {roster.Users.Count}");
        Assert.Equal(roster.Users.Count, roster.Users.Select(u => u.UserName.ToUpperInvariant()).Distinct().Count());
        string[] emulatorDefaults = ["region", "department", "level", "regions"];
        Assert.All(roster.Users.SelectMany(u => u.Attributes.Keys), key => Assert.Contains(key, emulatorDefaults));
        Assert.Contains(roster.Users, u => u.Active == false);
    }

    [Fact]
    public void Example_roster_has_groups_whose_members_are_its_users()
    {
        var roster = Roster.Load(RosterFile);

        Assert.True(roster.Groups.Count >= 2, $"expected at least two groups, found {roster.Groups.Count}");
        var userNames = roster.Users.Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(roster.Groups, group =>
        {
            Assert.NotEmpty(group.Members ?? []);
            Assert.All(group.Members!, member => Assert.Contains(member, userNames));
        });
    }

    [Fact]
    public void Groups_parse_with_members_and_without()
    {
        var roster = Roster.Parse("""
            users:
              - { name: alice, userName: alice@example.com, displayName: Alice }
              - { name: bob, userName: bob@example.com, displayName: Bob }
            groups:
              - name: analysts
                displayName: Analysts
                members: [bob, alice]
              - name: nobody
                displayName: Nobody
                members: []
              - name: managed-in-omni
                displayName: Managed in Omni
            """);

        Assert.Equal(["analysts", "nobody", "managed-in-omni"], roster.Groups.Select(g => g.Name));
        Assert.Equal(["bob", "alice"], roster.Groups[0].Members!);
        Assert.Empty(roster.Groups[1].Members!);
        Assert.Null(roster.Groups[2].Members);
    }

    [Fact]
    public void Invalid_groups_are_all_reported_with_the_group_and_the_name_to_fix()
    {
        var error = Assert.Throws<RosterException>(() => Roster.Parse($$"""
            users:
              - { name: alice, userName: alice@example.com, displayName: Alice }
            groups:
              - name: analysts
                displayName: Analysts
                members: [alice, zoe, alice]
              - name: alice
                displayName: ANALYSTS
              - name: long
                displayName: {{new string('x', 65)}}
              - displayName: ""
            """, "roster.yaml"));

        Assert.Contains("roster.yaml is not a valid roster", error.Message, StringComparison.Ordinal);
        Assert.Contains("groups[0] (analysts): member `zoe` is not a user in the roster", error.Message, StringComparison.Ordinal);
        Assert.Contains("groups[0] (analysts): member `alice` is listed twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("groups[1] (alice): `name` alice is used twice; names must be unique across users and groups", error.Message, StringComparison.Ordinal);
        Assert.Contains("groups[1] (alice): `displayName` ANALYSTS is listed twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("groups[2] (long): `displayName` has 65 characters; Omni allows at most 64", error.Message, StringComparison.Ordinal);
        Assert.Contains("groups[3]: `name` is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("groups[3]: `displayName` is required", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("member `alice` is not a user", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attribute_values_become_strings_and_string_lists()
    {
        var roster = Roster.Parse("""
            users:
              - name: alice
                userName: alice@example.com
                displayName: Alice
                attributes: { level: 3, admin: true, region: us-east, regions: [us, eu], cleared: null }
            """);

        var inputs = Roster.AttributeInputs(roster.Users[0]);

        Assert.Equal("3", inputs["level"]);
        Assert.Equal("true", inputs["admin"]);
        Assert.Equal("us-east", inputs["region"]);
        Assert.Equal(new[] { "us", "eu" }, Assert.IsType<string[]>(inputs["regions"]));
        Assert.False(inputs.ContainsKey("cleared"));
    }

    [Fact]
    public void Invalid_entries_are_all_reported_with_their_position_and_field()
    {
        var error = Assert.Throws<RosterException>(() => Roster.Parse("""
            users:
              - name: alice
                userName: alice@example.com
                displayName: Alice
              - name: alice
                userName: ALICE@example.com
                displayName: Alice again
              - name: bob
                userName: bob
                displayName: ""
                deletionMode: archive
            """, "roster.yaml"));

        Assert.Contains("roster.yaml is not a valid roster", error.Message, StringComparison.Ordinal);
        Assert.Contains("users[1] (alice): `name` alice is used twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("users[1] (alice): `userName` ALICE@example.com is listed twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("users[2] (bob): `userName` must be the user's email address", error.Message, StringComparison.Ordinal);
        Assert.Contains("users[2] (bob): `displayName` is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("users[2] (bob): `deletionMode` must be `delete` or `deactivate`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_and_bad_yaml_name_the_file_and_line()
    {
        var error = Assert.Throws<RosterException>(() => Roster.Parse("""
            users:
              - name: alice
                email: alice@example.com
            """, "roster.yaml"));

        Assert.StartsWith("roster.yaml:3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("email", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_roster_file_says_how_to_point_at_one()
    {
        var error = Assert.Throws<RosterException>(() => Roster.Load(Path.Combine(Path.GetTempPath(), $"no-roster-{Guid.NewGuid():N}.yaml")));

        Assert.Contains("roster file not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("`roster`", error.Message, StringComparison.Ordinal);
    }
}
