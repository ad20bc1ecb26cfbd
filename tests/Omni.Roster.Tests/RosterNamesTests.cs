using Omni.Roster;

namespace Omni.Roster.Tests;

/// <summary>Names derived from emails and group names: valid Pulumi names, the same input always giving the same name.</summary>
public sealed class RosterNamesTests
{
    [Theory]
    [InlineData("alice@example.com", "alice")]
    [InlineData("Alice.Martin@Example.com", "alice-martin")]
    [InlineData("o'brien+omni@example.com", "o-brien-omni")]
    [InlineData("Élodie.Müller@example.fr", "elodie-muller")]
    [InlineData("__x__@example.com", "x")]
    [InlineData("42@example.com", "42")]
    [InlineData("___@example.com", "user")]
    [InlineData("李@example.com", "user")]
    public void An_email_becomes_its_local_part_in_lower_case_with_single_hyphens(string email, string expected)
    {
        Assert.Equal(expected, RosterNames.FromEmail(email));
        Assert.Null(RosterNames.Problem(RosterNames.FromEmail(email)));
    }

    [Theory]
    [InlineData("alice@mail.example.com", "alice-mail-example-com")]
    [InlineData("A.B@X.org", "a-b-x-org")]
    public void With_the_domain_the_whole_email_is_used(string email, string expected) =>
        Assert.Equal(expected, RosterNames.FromEmailWithDomain(email));

    [Theory]
    [InlineData("Finance Analysts", "finance-analysts")]
    [InlineData("R&D — Platform (EU)", "r-d-platform-eu")]
    [InlineData("  ", "group")]
    public void A_group_name_becomes_a_slug(string displayName, string expected) =>
        Assert.Equal(expected, RosterNames.FromGroupName(displayName));

    [Theory]
    [InlineData("alice")]
    [InlineData("alice-martin-2")]
    [InlineData("42")]
    public void Valid_names_pass(string name) => Assert.Null(RosterNames.Problem(name));

    [Theory]
    [InlineData("Alice")]
    [InlineData("alice--martin")]
    [InlineData("-alice")]
    [InlineData("alice-")]
    [InlineData("alice martin")]
    [InlineData("")]
    public void Invalid_names_say_what_a_name_may_hold(string name) =>
        Assert.Contains("lower-case letters, digits and single hyphens", RosterNames.Problem(name), StringComparison.Ordinal);
}
