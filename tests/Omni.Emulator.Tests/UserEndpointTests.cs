using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

public sealed partial class UserEndpointTests
{
    private const string CreateUserPageBody = """
        {
          "displayName": "Blob Ross",
          "userName": "blob.ross@example.com",
          "urn:omni:params:1.0:UserAttribute": {
            "good_blob": true
          }
        }
        """;

    [Fact]
    public async Task Create_answers_201_with_a_uuid_id_emails_groups_meta_and_the_core_schema()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = await Responses.ExpectAsync(await emulator.PostAsync("/api/scim/v2/users", CreateUserPageBody), 201);

        Assert.True(Guid.TryParseExact(user.Str("id"), "D", out _), user.Str("id"));
        Assert.Equal("blob.ross@example.com", user.Str("userName"));
        Assert.Equal("Blob Ross", user.Str("displayName"));
        Assert.True((bool)user["active"]!);
        Assert.Equal("""[{"primary":true,"value":"blob.ross@example.com"}]""", user["emails"]!.ToJsonString());
        Assert.Equal("[]", user["groups"]!.ToJsonString());
        Assert.Equal("""["urn:ietf:params:scim:schemas:core:2.0:User"]""", user["schemas"]!.ToJsonString());
        Assert.Equal("User", user["meta"].Str("resourceType"));
        Assert.Matches(IsoMilliseconds(), user["meta"].Str("created"));
        Assert.Equal(user["meta"].Str("created"), user["meta"].Str("lastModified"));
        Assert.Equal("""{"good_blob":"true"}""", user["urn:omni:params:1.0:UserAttribute"]!.ToJsonString());
        Assert.Equal("""{"lastLogin":null}""", user["urn:omni:params:scim:schemas:extension:user:2.0"]!.ToJsonString());
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData("no-domain@")]
    [InlineData("")]
    public async Task Create_refuses_a_userName_that_is_not_an_email_naming_the_field(string userName)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var message = await Responses.ExpectErrorAsync(
            await emulator.PostAsync("/api/scim/v2/users", $$"""{"userName": "{{userName}}", "displayName": "X"}"""), 400);
        Assert.StartsWith("userName:", message);
    }

    [Theory]
    [InlineData("""{"userName": "a@example.com"}""", "displayName")]
    [InlineData("""{"userName": "a@example.com", "displayName": 5}""", "displayName")]
    [InlineData("""{"displayName": "A"}""", "userName")]
    [InlineData("""[1, 2]""", "Invalid request body")]
    [InlineData("""{"userName": """, "Invalid request body")]
    public async Task Create_refuses_a_malformed_body_with_400_naming_the_problem(string body, string named)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var message = await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/scim/v2/users", body), 400);
        Assert.Contains(named, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_email_in_any_letter_case_is_409()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateUserAsync("blob.ross@example.com");
        foreach (var email in new[] { "blob.ross@example.com", "BLOB.ROSS@EXAMPLE.COM", "Blob.Ross@Example.com" })
        {
            var message = await Responses.ExpectErrorAsync(
                await emulator.PostAsync("/api/scim/v2/Users", $$"""{"userName": "{{email}}", "displayName": "Dup"}"""), 409);
            Assert.Equal("User with this email already exists", message);
        }
    }

    [Fact]
    public async Task Get_answers_200_with_the_Omni_schemas_and_404_for_an_unknown_id()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("get.me@example.com")).Str("id");

        foreach (var casing in new[] { "users", "Users" })
        {
            var user = await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/{casing}/{id}"), 200);
            Assert.Equal(id, user.Str("id"));
            Assert.Equal(
                """["urn:ietf:params:scim:schemas:core:2.0:User","urn:omni:params:1.0:UserAttribute","urn:omni:params:scim:schemas:extension:user:2.0"]""",
                user["schemas"]!.ToJsonString());
        }

        using var missing = await emulator.GetAsync($"/api/scim/v2/users/{Guid.NewGuid()}");
        Assert.Equal("""{"error":"404","message":"User not found"}""", await missing.Content.ReadAsStringAsync());
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Equal("User not found", await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/scim/v2/users/not-a-uuid"), 404));
    }

    [Fact]
    public async Task Put_replaces_the_user_and_resets_omitted_optional_fields()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("put.me@example.com", "Before", """{"region": "emea", "level": 3}""")).Str("id");
        await Responses.ExpectAsync(await emulator.PatchAsync($"/api/scim/v2/users/{id}", Patch("""{"op": "replace", "path": "active", "value": false}""")), 200);

        var replaced = await Responses.ExpectAsync(await emulator.PutAsync($"/api/scim/v2/Users/{id}",
            """{"userName": "put.me@example.com", "displayName": "After"}"""), 200);

        Assert.Equal("After", replaced.Str("displayName"));
        Assert.True((bool)replaced["active"]!);
        Assert.Equal("{}", replaced["urn:omni:params:1.0:UserAttribute"]!.ToJsonString());
        var stored = await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/users/{id}"), 200);
        Assert.Equal("{}", stored["urn:omni:params:1.0:UserAttribute"]!.ToJsonString());
        Assert.True((bool)stored["active"]!);
    }

    [Fact]
    public async Task Put_sets_every_field_it_is_given_and_keeps_the_displayName_when_omitted()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("put.all@example.com", "Keep Me")).Str("id");
        var replaced = await Responses.ExpectAsync(await emulator.PutAsync($"/api/scim/v2/users/{id}", """
            {"userName": "Put.All@example.com", "active": false,
             "urn:omni:params:1.0:UserAttribute": {"department": "Finance"},
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "7"}}
            """), 200);
        Assert.Equal("Put.All@example.com", replaced.Str("userName"));
        Assert.Equal("Keep Me", replaced.Str("displayName"));
        Assert.False((bool)replaced["active"]!);
        Assert.Equal("""{"department":"Finance"}""", replaced["urn:omni:params:1.0:UserAttribute"]!.ToJsonString());
        Assert.Equal("""["urn:ietf:params:scim:schemas:core:2.0:User"]""", replaced["schemas"]!.ToJsonString());
    }

    [Fact]
    public async Task Put_answers_404_for_an_unknown_id_400_for_a_bad_body_and_409_for_a_taken_email()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("first@example.com")).Str("id");
        await emulator.CreateUserAsync("second@example.com");

        Assert.Equal("User not found", await Responses.ExpectErrorAsync(
            await emulator.PutAsync($"/api/scim/v2/users/{Guid.NewGuid()}", """{"userName": "x@example.com"}"""), 404));
        Assert.StartsWith("userName:", await Responses.ExpectErrorAsync(
            await emulator.PutAsync($"/api/scim/v2/users/{id}", """{"displayName": "No Email"}"""), 400));
        Assert.StartsWith("active:", await Responses.ExpectErrorAsync(
            await emulator.PutAsync($"/api/scim/v2/users/{id}", """{"userName": "first@example.com", "active": "maybe"}"""), 400));
        Assert.Equal("User with this email already exists", await Responses.ExpectErrorAsync(
            await emulator.PutAsync($"/api/scim/v2/users/{id}", """{"userName": "SECOND@example.com"}"""), 409));
    }

    [Fact]
    public async Task Delete_answers_204_then_the_user_is_404_and_a_second_delete_is_404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("gone@example.com")).Str("id");

        using var deleted = await emulator.DeleteAsync($"/api/scim/v2/Users/{id}");
        Assert.Equal(204, (int)deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());
        await Responses.ExpectErrorAsync(await emulator.GetAsync($"/api/scim/v2/users/{id}"), 404);
        Assert.Equal("User not found", await Responses.ExpectErrorAsync(await emulator.DeleteAsync($"/api/scim/v2/users/{id}"), 404));
        // The email is free again: a re-created user is a new user with a new id.
        var again = await emulator.CreateUserAsync("gone@example.com");
        Assert.NotEqual(id, again.Str("id"));
    }

    [Fact]
    public async Task Deleting_a_user_removes_it_from_its_groups()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var leaving = (await emulator.CreateUserAsync("leaving@example.com")).Str("id");
        var staying = (await emulator.CreateUserAsync("staying@example.com")).Str("id");
        var group = (await emulator.CreateGroupAsync("Team", leaving, staying)).Str("id");

        await Responses.ExpectAsync(await emulator.DeleteAsync($"/api/scim/v2/users/{leaving}"), 204);

        var members = (await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/groups/{group}"), 200))["members"]!.AsArray();
        Assert.Equal([staying], members.Select(m => m.Str("value")));
    }

    [Fact]
    public async Task A_user_lists_its_groups_by_short_id_and_name()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("grouped@example.com")).Str("id");
        var group = await emulator.CreateGroupAsync("Analysts", id);

        var user = await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/users/{id}"), 200);
        Assert.Equal($$"""[{"display":"Analysts","value":"{{group.Str("id")}}"}]""", user["groups"]!.ToJsonString());
    }

    [Fact]
    public async Task Login_recorded_through_the_admin_api_shows_as_lastLogin()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var created = await emulator.CreateUserAsync("logged.in@example.com");
        var id = created.Str("id");
        await Responses.ExpectAsync(await emulator.SendAsync(HttpMethod.Post, $"/__emulator/users/{id}/login"), 200);
        var user = await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/users/{id}"), 200);
        Assert.Matches(IsoMilliseconds(), user["urn:omni:params:scim:schemas:extension:user:2.0"].Str("lastLogin"));
        Assert.Equal(created["meta"].Str("lastModified"), user["meta"].Str("lastModified"));
        await Responses.ExpectErrorAsync(await emulator.SendAsync(HttpMethod.Post, $"/__emulator/users/{Guid.NewGuid()}/login"), 404);
    }

    internal static string Patch(params string[] operations) =>
        $$"""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{{string.Join(",", operations)}}]}""";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    internal static partial Regex IsoMilliseconds();
}
