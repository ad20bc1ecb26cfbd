using OmniRoster;

namespace Omni.Roster.Tests;

/// <summary>The roster's optional `id` (what the program turns into the import option) and its checks.</summary>
public sealed class RosterIdTests
{
    [Fact]
    public void An_id_is_optional_and_read_for_users_and_groups()
    {
        var roster = OmniRoster.Roster.Parse("""
            users:
              - { name: alice, id: 0b6c2f9e-1111-4c5e-9f60-7a8b9c0d1e21, userName: alice@example.com, displayName: Alice }
              - { name: bob, userName: bob@example.com, displayName: Bob }
            groups:
              - { name: analysts, id: mEhXj6ZI, displayName: Analysts, members: [alice, bob] }
            """);

        Assert.Equal("0b6c2f9e-1111-4c5e-9f60-7a8b9c0d1e21", roster.Users[0].Id);
        Assert.Null(roster.Users[1].Id);
        Assert.Equal("mEhXj6ZI", roster.Groups[0].Id);
    }

    [Fact]
    public void A_blank_or_spaced_id_and_an_id_used_twice_are_reported_with_the_entry_and_the_fix()
    {
        var error = Assert.Throws<RosterException>(() => OmniRoster.Roster.Parse("""
            users:
              - { name: alice, id: "", userName: alice@example.com, displayName: Alice }
              - { name: bob, id: "u 2", userName: bob@example.com, displayName: Bob }
              - { name: carol, id: u-3, userName: carol@example.com, displayName: Carol }
              - { name: dan, id: u-3, userName: dan@example.com, displayName: Dan }
            groups:
              - { name: a, id: g-1, displayName: A }
              - { name: b, id: g-1, displayName: B }
              - { name: c, id: u-3, displayName: C }
            """, "users.yaml"));

        Assert.Contains("users[0] (alice): `id` must be Omni's id of the existing entry (no spaces), got ``; remove `id` to have Pulumi create it instead", error.Message, StringComparison.Ordinal);
        Assert.Contains("users[1] (bob): `id` must be Omni's id", error.Message, StringComparison.Ordinal);
        Assert.Contains("users[3] (dan): `id` u-3 is used by another entry too", error.Message, StringComparison.Ordinal);
        Assert.Contains("groups[1] (b): `id` g-1 is used by another entry too", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("groups[2]", error.Message, StringComparison.Ordinal); // users and groups are different kinds of ids
        Assert.DoesNotContain("users[2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_attribute_definition_takes_an_id_too_checked_among_the_definitions()
    {
        var roster = OmniRoster.Roster.Parse("""
            attributes:
              - { name: region, id: "7", type: String }
              - { name: level, type: Number }
            users: []
            """);
        Assert.Equal(["7", null], roster.Attributes!.Select(a => a.Id));

        var error = Assert.Throws<RosterException>(() => OmniRoster.Roster.Parse("""
            attributes:
              - { name: region, id: "7", type: String }
              - { name: level, id: "7", type: Number }
              - { name: team, id: " ", type: String }
            users:
              - { name: alice, id: "7", userName: alice@example.com, displayName: Alice }
            """, "users.yaml"));
        Assert.Contains("attributes[1] (level): `id` 7 is used by another entry too", error.Message, StringComparison.Ordinal);
        Assert.Contains("attributes[2] (team): `id` must be Omni's id of the existing entry (no spaces)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("users[0]", error.Message, StringComparison.Ordinal); // a user's id is another kind of id
    }
}
