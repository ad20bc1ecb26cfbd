using System.Text.Json;
using OmniRoster;

namespace Omni.Roster.Tests;

/// <summary>`pulumi import --file`: {"resources": [{"type", "name", "id"}]}, one per roster entry, by the roster's names.</summary>
public sealed class ImportFileTests
{
    [Fact]
    public void Every_entry_is_one_resource_with_the_type_token_the_roster_name_and_the_Omni_id()
    {
        var roster = new OmniRoster.Roster
        {
            Users = [new RosterUser { Name = "alice", Id = "u-1", UserName = "alice@example.com", DisplayName = "A" },
                new RosterUser { Name = "bob", Id = "u-2", UserName = "bob@example.com", DisplayName = "B" }],
            Groups = [new RosterGroup { Name = "analysts", Id = "mEhXj6ZI", DisplayName = "Analysts", Members = ["alice"] }],
        };

        using var json = JsonDocument.Parse(ImportFile.Write(roster));

        var root = json.RootElement;
        Assert.Equal(["resources"], root.EnumerateObject().Select(p => p.Name));
        var resources = root.GetProperty("resources").EnumerateArray()
            .Select(r => (Type: r.GetProperty("type").GetString(), Name: r.GetProperty("name").GetString(), Id: r.GetProperty("id").GetString(), Fields: r.EnumerateObject().Count()))
            .ToList();
        Assert.Equal(
            [("omni:index:User", "alice", "u-1", 3), ("omni:index:User", "bob", "u-2", 3), ("omni:index:Group", "analysts", "mEhXj6ZI", 3)],
            resources);
    }

    [Fact]
    public void Exported_definitions_come_first_so_they_are_generated_before_the_users_that_use_them()
    {
        var roster = new OmniRoster.Roster
        {
            Attributes = [new RosterAttribute { Name = "region", Id = "7", Type = "String" }],
            Users = [new RosterUser { Name = "alice", Id = "u-1", UserName = "alice@example.com", DisplayName = "A" }],
        };

        using var json = JsonDocument.Parse(ImportFile.Write(roster));

        Assert.Equal([("omni:index:UserAttribute", "region", "7"), ("omni:index:User", "alice", "u-1")],
            json.RootElement.GetProperty("resources").EnumerateArray()
                .Select(r => (r.GetProperty("type").GetString(), r.GetProperty("name").GetString(), r.GetProperty("id").GetString())));
    }

    [Fact]
    public void An_entry_without_an_id_cannot_be_imported() =>
        Assert.Throws<InvalidOperationException>(() => ImportFile.Write(new OmniRoster.Roster
        {
            Users = [new RosterUser { Name = "new", UserName = "new@example.com", DisplayName = "N" }],
        }));
}
