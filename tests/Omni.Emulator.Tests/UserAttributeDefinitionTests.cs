using System.Text.Json.Nodes;
using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

/// <summary>Definitions are created, changed and deleted through the API, and SCIM values follow them.</summary>
public sealed class UserAttributeDefinitionTests
{
    private const string Path = "/api/v1/user-attributes";
    private const string Values = "urn:omni:params:1.0:UserAttribute";

    [SkippableFact]
    public async Task A_created_definition_is_listed_in_Omnis_shape_and_accepted_in_SCIM_values()
    {
        var schemas = OpenApiSchemas.LoadV1OrSkip();
        await using var emulator = await TestEmulator.StartAsync();

        var created = await Responses.ExpectAsync(await emulator.PostAsync(Path,
            """{"name": "cost_centre", "label": "Cost centre", "type": "Number", "multipleValues": false, "defaultValue": 10, "description": "Budget"}"""), 201);
        schemas.AssertValid("UserAttributesListResponse", new JsonObject { ["records"] = new JsonArray(created.DeepClone()) });
        Assert.Equal("10", created.Str("default_value"));
        Assert.False((bool)created["system"]!);
        Assert.True(Guid.TryParse(created.Str("id"), out _));

        var list = await Responses.ExpectAsync(await emulator.GetAsync(Path), 200);
        schemas.AssertValid("UserAttributesListResponse", list);
        Assert.Contains(list["records"]!.AsArray(), r => r.Str("name") == "cost_centre");

        var user = await emulator.CreateUserAsync("cc@example.com", "C", """{"cost_centre": 7.50}""");
        Assert.Equal("""{"cost_centre":"7.5"}""", user[Values]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"name": "REGION", "type": "String"}""", 409, "REGION")]
    [InlineData("""{"name": "omni_user_colour", "type": "String"}""", 400, "omni_")]
    [InlineData("""{"name": "x", "type": "String", "system": true}""", 400, "system")]
    [InlineData("""{"name": "has space", "type": "String"}""", 400, "name")]
    [InlineData("""{"type": "String"}""", 400, "name")]
    [InlineData("""{"name": "x", "type": "Date"}""", 400, "type")]
    [InlineData("""{"name": "x", "type": "Number", "default_value": "high"}""", 400, "default_value")]
    [InlineData("""{"name": "x", "type": "String", "default_value": ["a"]}""", 400, "default_value")]
    public async Task A_bad_or_duplicate_definition_is_refused_naming_the_problem(string body, int status, string named)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var message = await Responses.ExpectErrorAsync(await emulator.PostAsync(Path, body), status);
        Assert.Contains(named, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PUT_changes_only_the_given_fields_and_refuses_a_type_change_or_going_back_to_single_values()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await IdOfAsync(emulator, "region");

        var updated = await Responses.ExpectAsync(await emulator.PutAsync($"{Path}/{id}", """{"label": "Sales region", "description": null}"""), 200);
        Assert.Equal("Sales region", updated.Str("label"));
        Assert.Equal("region", updated.Str("name"));
        Assert.Null(updated["description"]);
        Assert.Equal("String", updated.Str("type"));

        Assert.Contains("type", await Responses.ExpectErrorAsync(await emulator.PutAsync($"{Path}/{id}", """{"type": "Number"}"""), 400),
            StringComparison.Ordinal);
        var regions = await IdOfAsync(emulator, "regions");
        Assert.Contains("multiple", await Responses.ExpectErrorAsync(await emulator.PutAsync($"{Path}/{regions}", """{"multiple_values": false}"""), 400),
            StringComparison.Ordinal);
        await Responses.ExpectErrorAsync(await emulator.PutAsync($"{Path}/{Guid.NewGuid()}", """{"label": "x"}"""), 404);
        Assert.Contains("read-only", await Responses.ExpectErrorAsync(await emulator.PutAsync($"{Path}/omni_user_email", """{"label": "x"}"""), 400),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renaming_or_turning_on_multiple_values_carries_every_users_value_along()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = (await emulator.CreateUserAsync("carry@example.com", "C", """{"region": "emea"}""")).Str("id");
        var id = await IdOfAsync(emulator, "region");

        await Responses.ExpectAsync(await emulator.PutAsync($"{Path}/{id}", """{"name": "sales_region", "multiple_values": true}"""), 200);

        var read = await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/users/{user}"), 200);
        Assert.Equal("""{"sales_region":["emea"]}""", read[Values]!.ToJsonString());
        await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/scim/v2/users/{user}",
            $$"""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "{{Values}}.region", "value": "x"}]}"""), 400);
    }

    [Fact]
    public async Task Deleting_a_definition_erases_every_users_value_and_a_second_delete_is_404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = (await emulator.CreateUserAsync("erase@example.com", "E", """{"region": "emea", "level": 2}""")).Str("id");
        var id = await IdOfAsync(emulator, "region");

        var deleted = await Responses.ExpectAsync(await emulator.DeleteAsync($"{Path}/{id}"), 200);
        Assert.True((bool)deleted["success"]!);

        var read = await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/users/{user}"), 200);
        Assert.Equal("""{"level":"2"}""", read[Values]!.ToJsonString());
        var records = (await Responses.ExpectAsync(await emulator.GetAsync(Path), 200))["records"]!.AsArray();
        Assert.DoesNotContain(records, r => r.Str("name") == "region");
        Assert.Contains("region", await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/scim/v2/users",
            $$"""{"userName": "late@example.com", "displayName": "L", "{{Values}}": {"region": "emea"} }"""), 400), StringComparison.Ordinal);
        await Responses.ExpectErrorAsync(await emulator.DeleteAsync($"{Path}/{id}"), 404);
    }

    [Fact]
    public async Task A_personal_access_token_reads_definitions_but_cannot_write_them()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await IdOfAsync(emulator, "region");
        using var pat = emulator.ClientWithToken(TestEmulator.Pat);

        await Responses.ExpectAsync(await TestEmulatorClient.SendAsync(pat, HttpMethod.Get, Path), 200);
        foreach (var (method, path, body) in new[]
        {
            (HttpMethod.Post, Path, """{"name": "x", "type": "String"}"""),
            (HttpMethod.Put, $"{Path}/{id}", """{"label": "x"}"""),
            (HttpMethod.Delete, $"{Path}/{id}", (string?)null),
        })
        {
            Assert.Contains("Organization Admin", await Responses.ExpectErrorAsync(await TestEmulatorClient.SendAsync(pat, method, path, body), 403),
                StringComparison.Ordinal);
        }

        Assert.Equal(id, await IdOfAsync(emulator, "region"));
    }

    [Fact]
    public async Task Definitions_written_through_the_API_survive_a_restart_and_the_seed_is_not_applied_again()
    {
        var folder = Directory.CreateTempSubdirectory("omni-emulator-attributes-");
        try
        {
            EmulatorOptions OnDisk(EmulatorOptions o) => o with { InMemory = false, DataDirectory = folder.FullName };
            await using (var first = await TestEmulator.StartAsync(OnDisk))
            {
                await Responses.ExpectAsync(await first.DeleteAsync($"{Path}/{await IdOfAsync(first, "region")}"), 200);
                await Responses.ExpectAsync(await first.PostAsync(Path, """{"name": "team", "type": "String"}"""), 201);
            }

            await using var second = await TestEmulator.StartAsync(OnDisk);
            var names = (await Responses.ExpectAsync(await second.GetAsync(Path), 200))["records"]!.AsArray().Select(r => r.Str("name")).ToList();
            Assert.Contains("team", names);
            Assert.DoesNotContain("region", names);
            await second.CreateUserAsync("team@example.com", "T", """{"team": "platform"}""");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> IdOfAsync(TestEmulatorClient emulator, string name) =>
        (await Responses.ExpectAsync(await emulator.GetAsync(Path), 200))["records"]!.AsArray().Single(r => r.Str("name") == name).Str("id");
}
