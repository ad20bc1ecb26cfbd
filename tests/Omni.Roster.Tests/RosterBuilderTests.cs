using Omni.Client;
using OmniRoster;
using static Omni.Roster.Tests.Snapshots;

namespace Omni.Roster.Tests;

/// <summary>What Omni holds → the roster: names stable and unique, every entry adoptable with no change.</summary>
public sealed class RosterBuilderTests
{
    private static OmniRoster.Roster Build(OrganisationSnapshot snapshot, ExportOptions? options = null, OmniRoster.Roster? previous = null) =>
        new RosterBuilder(options ?? Options(), previous).Build(snapshot);

    [Fact]
    public void Names_do_not_depend_on_the_order_Omni_lists_users_in()
    {
        ScimUser[] users = [User("alice@example.com"), User("alice@other.org"), User("bob@example.com"), User("Carol.Diaz@example.com")];

        var forward = Build(Of(users));
        var backward = Build(Of(users.Reverse()));

        string[] expected = ["alice-example-com", "alice-other-org", "bob", "carol-diaz"];
        Assert.Equal(expected, forward.Users.Select(u => u.Name));
        Assert.Equal(expected, backward.Users.Select(u => u.Name));
        Assert.Equal(forward.Users.Select(u => u.Id), backward.Users.Select(u => u.Id));
    }

    [Fact]
    public void Each_entry_carries_its_Omni_id_and_values_as_Omni_holds_them()
    {
        var alice = User("Alice@Example.com", "u-1", attributes: new Dictionary<string, AttributeValue>
        {
            ["region"] = AttributeValue.Of("3"),
            ["level"] = AttributeValue.Of("3.5"),
            ["regions"] = AttributeValue.Of(["us", "eu"]),
            ["omni_user_timezone"] = AttributeValue.Of("UTC"),
        });

        var roster = Build(Of([alice]));

        var entry = Assert.Single(roster.Users);
        Assert.Equal(("alice", "u-1", "Alice@Example.com", "Display Alice@Example.com"), (entry.Name, entry.Id, entry.UserName, entry.DisplayName));
        Assert.Null(entry.Active);
        Assert.Equal("3", entry.Attributes["region"]); // a String attribute stays a string, even when it looks like a number
        Assert.Equal(3.5m, entry.Attributes["level"]); // a Number attribute reads `level: 3.5`
        Assert.Equal(["us", "eu"], Assert.IsType<List<object?>>(entry.Attributes["regions"]));
        Assert.False(entry.Attributes.ContainsKey("omni_user_timezone"));
    }

    [Fact]
    public void Definitions_are_written_only_when_asked_each_as_Omni_holds_it_without_system_attributes()
    {
        UserAttributeDefinition[] definitions =
        [
            new("9", "team", "Team", "STRING", false, "Which team", false) { DefaultValue = AttributeValue.Of("none") },
            new("2", "level", "level", "Number", false, null, false) { DefaultValue = AttributeValue.Of("3") },
            new("3", "regions", "Regions", "String", true, "", false) { DefaultValue = AttributeValue.Of(["us", "eu"]) },
            new("", "omni_user_timezone", "Timezone", "String", false, null, true),
            new("5", "omni_not_flagged", "Legacy", "String", false, null, false),
        ];
        var snapshot = new OrganisationSnapshot([User("alice@example.com")], [], definitions);

        Assert.Null(Build(snapshot).Attributes);
        var written = Build(snapshot, Options(definitions: true)).Attributes!;

        Assert.Equal(["level", "regions", "team"], written.Select(a => a.Name));
        var (level, regions, team) = (written[0], written[1], written[2]);
        Assert.Equal(("2", "Number", "level", null, null), (level.Id, level.Type, level.Label, level.MultipleValues, level.Description));
        Assert.Equal(3m, level.DefaultValue); // a Number default reads `defaultValue: 3`
        Assert.Equal(("3", "String", true, ""), (regions.Id, regions.Type, regions.MultipleValues, regions.Description));
        Assert.Equal(["us", "eu"], Assert.IsType<List<object?>>(regions.DefaultValue));
        Assert.Equal(("9", "String", "Team", "Which team", "none"), (team.Id, team.Type, team.Label, team.Description, team.DefaultValue));
    }

    [Fact]
    public void A_previous_roster_that_manages_definitions_keeps_them_without_the_flag_and_says_so()
    {
        var previous = new OmniRoster.Roster { Attributes = [new RosterAttribute { Name = "region", Type = "String" }] };
        var builder = new RosterBuilder(Options(), previous);

        var roster = builder.Build(Of([User("alice@example.com")]));

        Assert.Equal(["level", "region", "regions"], roster.Attributes!.Select(a => a.Name));
        Assert.Contains(builder.Notes, n => n.Contains("written again as with --definitions", StringComparison.Ordinal));
        Assert.Null(new RosterBuilder(Options(), new OmniRoster.Roster()).Build(Of([User("alice@example.com")])).Attributes);
    }

    [Fact]
    public void Names_that_still_collide_fail_with_both_emails_and_the_fix()
    {
        var error = Assert.Throws<ExportException>(() => Build(Of([User("a.b@example.com"), User("a-b@example.com")])));

        Assert.Contains("`a-b-example-com`: user a-b@example.com, user a.b@example.com", error.Message, StringComparison.Ordinal);
        Assert.Contains("--name EMAIL=NAME", error.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. --name a-b@example.com=a-b-example-com-2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chosen_name_settles_a_collision_and_the_other_entry_keeps_the_derived_name()
    {
        var roster = Build(Of([User("a.b@example.com"), User("a-b@example.com")]),
            Options(names: new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["A.B@example.com"] = "ab" }));

        Assert.Equal(["a-b", "ab"], roster.Users.Select(u => u.Name));
    }

    [Fact]
    public void Emails_that_differ_only_in_case_fail_naming_both_and_the_fix()
    {
        var error = Assert.Throws<ExportException>(() => Build(Of([User("alice@example.com", "u-1"), User("ALICE@example.com", "u-2")])));

        Assert.Contains("differ only in letter case", error.Message, StringComparison.Ordinal);
        Assert.Contains("alice@example.com (id u-1) and ALICE@example.com (id u-2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix: in Omni, delete the user", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_named_like_a_user_gets_a_group_suffix_and_lists_members_by_name()
    {
        var bob = User("engineering@example.com");
        var alice = User("alice@example.com");

        var roster = Build(Of([bob, alice], Group("Engineering", bob, alice), Group("Nobody")));

        var engineering = roster.Groups.Single(g => g.DisplayName == "Engineering");
        Assert.Equal("engineering-group", engineering.Name);
        Assert.Equal(["alice", "engineering"], engineering.Members!);
        Assert.Equal("g-Engineering", engineering.Id);
        Assert.Empty(roster.Groups.Single(g => g.DisplayName == "Nobody").Members!);
    }

    [Fact]
    public void Inactive_users_are_left_out_unless_asked_and_their_groups_leave_membership_to_Omni()
    {
        var active = User("alice@example.com");
        var gone = User("zoe@example.com", active: false);
        var snapshot = Of([active, gone], Group("Analysts", active, gone));

        var builder = new RosterBuilder(Options(), null);
        var without = builder.Build(snapshot);
        var with = Build(snapshot, Options(includeInactive: true));

        Assert.Equal(["alice"], without.Users.Select(u => u.Name));
        Assert.Null(without.Groups.Single().Members);
        Assert.Contains(builder.Notes, n => n.Contains("left out 1 inactive user(s)", StringComparison.Ordinal) && n.Contains("zoe@example.com", StringComparison.Ordinal));
        Assert.Contains(builder.Notes, n => n.Contains("analysts", StringComparison.Ordinal) && n.Contains("membership is left to Omni", StringComparison.Ordinal));

        Assert.Equal(["alice", "zoe"], with.Users.Select(u => u.Name));
        Assert.False(with.Users.Single(u => u.Name == "zoe").Active);
        Assert.Equal(["alice", "zoe"], with.Groups.Single().Members!);
    }

    [Fact]
    public void Users_without_an_email_such_as_embed_users_are_left_out_with_a_note()
    {
        var builder = new RosterBuilder(Options(), null);

        var roster = builder.Build(Of([User("alice@example.com"), User("embed-user-123")]));

        Assert.Equal(["alice"], roster.Users.Select(u => u.Name));
        Assert.Contains(builder.Notes, n => n.Contains("not an email", StringComparison.Ordinal) && n.Contains("embed-user-123", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_of_the_previous_roster_are_kept_by_id_or_by_email_in_any_case()
    {
        var previous = OmniRoster.Roster.Parse("""
            users:
              - { name: the-boss, id: u-1, userName: alice@example.com, displayName: A }
              - { name: robert, userName: bob@example.com, displayName: B }
            groups:
              - { name: money, displayName: finance }
            """);
        var alice = User("alice@example.com", "u-1");
        var bob = User("Bob@Example.com", "u-2");
        var builder = new RosterBuilder(Options(), previous);

        var roster = builder.Build(Of([alice, bob, User("carol@example.com")], Group("Finance", alice)));

        Assert.Equal(["carol", "robert", "the-boss"], roster.Users.Select(u => u.Name));
        Assert.Equal("money", roster.Groups.Single().Name);
        Assert.Contains(builder.Notes, n => n.Contains("robert: the roster had bob@example.com, Omni holds Bob@Example.com (another letter case)", StringComparison.Ordinal));
    }
}
