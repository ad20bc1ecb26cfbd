using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

/// <summary>Attribute values are validated against the definitions and stored the way Omni stores them.</summary>
public sealed class UserAttributeTests
{
    private const string Attributes = "urn:omni:params:1.0:UserAttribute";

    [Theory]
    [InlineData("""{"level": 3}""", """{"level":"3"}""")]
    [InlineData("""{"level": 3.50}""", """{"level":"3.5"}""")]
    [InlineData("""{"level": "42"}""", """{"level":"42"}""")]
    [InlineData("""{"level": 1e3}""", """{"level":"1000"}""")]
    [InlineData("""{"region": 7}""", """{"region":"7"}""")]
    [InlineData("""{"good_blob": true}""", """{"good_blob":"true"}""")]
    [InlineData("""{"good_blob": false}""", """{"good_blob":"false"}""")]
    [InlineData("""{"regions": ["us", "eu"]}""", """{"regions":["us","eu"]}""")]
    [InlineData("""{"regions": [1, 2.5]}""", """{"regions":["1","2.5"]}""")]
    [InlineData("""{"regions": "us"}""", """{"regions":["us"]}""")]
    [InlineData("""{"region": null, "department": "", "regions": []}""", "{}")]
    public async Task Values_are_stored_and_returned_as_strings_or_lists_of_strings(string sent, string stored)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var created = await emulator.CreateUserAsync("typed@example.com", "T", sent);
        Assert.Equal(stored, created[Attributes]!.ToJsonString());
        var read = await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/users/{created.Str("id")}"), 200);
        Assert.Equal(stored, read[Attributes]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"favourite_colour": "blue"}""", "favourite_colour")]
    [InlineData("""{"omni_user_timezone": "UTC"}""", "omni_user_timezone")]
    [InlineData("""{"omni_is_org_admin": "true"}""", "omni_is_org_admin")]
    [InlineData("""{"level": "high"}""", "level")]
    [InlineData("""{"level": true}""", "level")]
    [InlineData("""{"region": ["a", "b"]}""", "region")]
    [InlineData("""{"region": {"nested": 1}}""", "region")]
    [InlineData("""{"regions": [["nested"]]}""", "regions[0]")]
    public async Task Unknown_system_or_mistyped_attributes_are_400_naming_the_key(string sent, string key)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var message = await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/scim/v2/users",
            $$"""{"userName": "bad.attr@example.com", "displayName": "B", "{{Attributes}}": {{sent}}}"""), 400);
        Assert.Contains($"'{key}'", message, StringComparison.Ordinal);
        Assert.Equal(0, (int)(await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/users"), 200))["totalResults"]!);
    }

    [Fact]
    public async Task The_attribute_object_must_be_an_object()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var message = await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/scim/v2/users",
            $$"""{"userName": "a@example.com", "displayName": "A", "{{Attributes}}": ["region"]}"""), 400);
        Assert.Contains(Attributes, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Definitions_are_listed_with_system_attributes_read_only_and_without_an_id()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var records = (await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/user-attributes"), 200))["records"]!.AsArray();

        var byName = records.ToDictionary(r => r.Str("name"));
        Assert.Equal("Number", byName["level"].Str("type"));
        Assert.True((bool)byName["regions"]!["multiple_values"]!);
        Assert.False((bool)byName["region"]!["system"]!);
        Assert.NotEqual("", byName["region"].Str("id"));
        foreach (var system in new[] { "omni_user_id", "omni_user_email", "omni_user_name", "omni_user_timezone", "omni_is_org_admin", "omni_user_groups" })
        {
            Assert.True((bool)byName[system]!["system"]!, system);
            Assert.Equal("", byName[system].Str("id"));
        }
    }

    [Fact]
    public async Task Definitions_can_come_from_a_file_given_by_the_attributes_option()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, """
                {"records": [{"id": "c0ffee00-0000-4000-8000-000000000001", "name": "cost_centre", "label": "Cost centre",
                  "type": "Number", "multiple_values": false, "default_value": null, "description": null, "system": false}]}
                """);
            await using var emulator = await TestEmulator.StartAsync(o => o with { AttributesFile = file });

            var records = (await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/user-attributes"), 200))["records"]!.AsArray();
            Assert.Equal(["cost_centre"], records.Select(r => r.Str("name")));
            var user = await emulator.CreateUserAsync("cc@example.com", "C", """{"cost_centre": 12}""");
            Assert.Equal("""{"cost_centre":"12"}""", user[Attributes]!.ToJsonString());
            await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/scim/v2/users",
                $$"""{"userName": "r@example.com", "displayName": "R", "{{Attributes}}": {"region": "emea"} }"""), 400);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("""{"records": [{"name": "x", "type": "Date"}]}""", "type")]
    [InlineData("""{"records": [{"name": "", "type": "String"}]}""", "name")]
    [InlineData("""{"records": [{"name": "x", "type": "String"}, {"name": "x", "type": "Number"}]}""", "twice")]
    [InlineData("""{"other": []}""", "records")]
    [InlineData("""not json""", "not valid JSON")]
    public async Task A_bad_attributes_file_stops_the_start_with_a_message_naming_the_problem(string content, string named)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, content);
            var error = await Assert.ThrowsAsync<ArgumentException>(() => TestEmulator.StartAsync(o => o with { AttributesFile = file }));
            Assert.Contains("--attributes", error.Message, StringComparison.Ordinal);
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
