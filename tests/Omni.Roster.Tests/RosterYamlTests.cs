using System.Text.Json;
using OmniRoster;

namespace Omni.Roster.Tests;

/// <summary>What the export writes reads back, through the gitops program's own reader, as exactly what was built.</summary>
public sealed class RosterYamlTests
{
    private static readonly string[] Awkward =
    [
        "plain words", "R&D: core", "# not a comment", "- not a list", "true", "null", "~", "yes", "3", "1e3", "0x10",
        "2024-01-01", " leading space", "trailing space ", "quote \" and back\\slash", "it's", "[flow]", "{map}", "a: b",
        "tab\there", "line\nbreak", "Zoë 李", "@handle", "*alias", "&anchor", "!tag", "%directive", "`tick`", "",
    ];

    [Fact]
    public void Every_awkward_string_reads_back_unchanged()
    {
        var roster = new OmniRoster.Roster
        {
            Users = [.. Awkward.Select((text, i) => new RosterUser
            {
                Name = $"user-{i}",
                Id = $"id-{i}",
                UserName = $"u{i}@example.com",
                DisplayName = text.Length == 0 ? "x" : text,
                Attributes = new Dictionary<string, object?> { ["region"] = text, ["regions"] = new List<object?> { text, "b" } },
            })],
            Groups = [new RosterGroup { Name = "g", Id = "gid", DisplayName = "Group: one", Members = ["user-0", "user-1"] }],
        };

        var yaml = RosterYaml.Write(roster, "header line\nsecond line");
        var read = OmniRoster.Roster.Parse(yaml);

        Assert.StartsWith("# header line\n# second line\nusers:\n", yaml, StringComparison.Ordinal);
        Assert.Equal(roster.Users.Count, read.Users.Count);
        for (var i = 0; i < roster.Users.Count; i++)
        {
            var (wrote, got) = (roster.Users[i], read.Users[i]);
            Assert.Equal((wrote.Name, wrote.Id, wrote.UserName, wrote.DisplayName), (got.Name, got.Id, got.UserName, got.DisplayName));
            Assert.Equal(JsonSerializer.Serialize(OmniRoster.Roster.AttributeInputs(wrote)), JsonSerializer.Serialize(OmniRoster.Roster.AttributeInputs(got)));
        }

        var group = Assert.Single(read.Groups);
        Assert.Equal(("g", "gid", "Group: one"), (group.Name, group.Id, group.DisplayName));
        Assert.Equal(["user-0", "user-1"], group.Members!);
    }

    [Fact]
    public void Numbers_inactive_users_and_empty_groups_are_written_the_way_the_example_roster_reads()
    {
        var roster = new OmniRoster.Roster
        {
            Users = [new RosterUser { Name = "erin", Id = "e-1", UserName = "erin@example.com", DisplayName = "Erin Costa", Active = false,
                Attributes = new Dictionary<string, object?> { ["level"] = 3m, ["regions"] = new List<object?> { "us", "eu" } } }],
            Groups = [new RosterGroup { Name = "nobody", Id = "n-1", DisplayName = "Nobody", Members = [] },
                new RosterGroup { Name = "open", Id = "o-1", DisplayName = "Open" }],
        };

        var yaml = RosterYaml.Write(roster, "h");

        Assert.Contains("    active: false\n", yaml, StringComparison.Ordinal);
        Assert.Contains("      level: 3\n", yaml, StringComparison.Ordinal);
        Assert.Contains("      regions: [us, eu]\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    members: []\n", yaml, StringComparison.Ordinal);
        var read = OmniRoster.Roster.Parse(yaml);
        Assert.Empty(read.Groups[0].Members!);
        Assert.Null(read.Groups[1].Members);
    }

    [Fact]
    public void Definitions_are_written_before_the_users_and_read_back_unchanged()
    {
        var roster = new OmniRoster.Roster
        {
            Attributes =
            [
                new RosterAttribute { Name = "level", Id = "2", Type = "Number", Label = "Level: seniority", Description = "", DefaultValue = 3m },
                new RosterAttribute { Name = "regions", Id = "3", Type = "String", MultipleValues = true, DefaultValue = new List<object?> { "us", "eu" } },
            ],
            Users = [new RosterUser { Name = "erin", Id = "e-1", UserName = "erin@example.com", DisplayName = "Erin",
                Attributes = new Dictionary<string, object?> { ["level"] = 3m, ["regions"] = new List<object?> { "us" } } }],
        };

        var yaml = RosterYaml.Write(roster, "h");
        var read = OmniRoster.Roster.Parse(yaml);

        Assert.True(yaml.IndexOf("attributes:\n", StringComparison.Ordinal) < yaml.IndexOf("users:\n", StringComparison.Ordinal));
        Assert.Contains("    defaultValue: [us, eu]\n", yaml, StringComparison.Ordinal);
        var (level, regions) = (read.Attributes![0], read.Attributes[1]);
        Assert.Equal(("level", "2", "Number", "Level: seniority", null, "", "3"),
            (level.Name, level.Id, level.Type, level.Label, level.MultipleValues, level.Description, level.DefaultValue));
        Assert.Equal(("regions", "3", true), (regions.Name, regions.Id, regions.MultipleValues));
        Assert.Equal(["us", "eu"], Assert.IsAssignableFrom<IEnumerable<object>>(regions.DefaultValue));
    }

    [Fact]
    public void An_empty_organisation_is_an_empty_valid_roster()
    {
        var read = OmniRoster.Roster.Parse(RosterYaml.Write(new OmniRoster.Roster(), "h"));

        Assert.Empty(read.Users);
        Assert.Empty(read.Groups);
    }
}
