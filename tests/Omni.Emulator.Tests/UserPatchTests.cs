using Omni.Emulator.Tests.Infrastructure;
using static Omni.Emulator.Tests.UserEndpointTests;

namespace Omni.Emulator.Tests;

public sealed class UserPatchTests
{
    private const string Attributes = "urn:omni:params:1.0:UserAttribute";

    [Theory]
    [InlineData("replace")]
    [InlineData("Replace")]
    [InlineData("add")]
    [InlineData("Add")]
    public async Task Patch_with_a_path_sets_active_displayName_and_userName_for_any_op_case(string op)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("patch.me@example.com", "Before")).Str("id");

        var user = await Responses.ExpectAsync(await emulator.PatchAsync($"/api/scim/v2/Users/{id}", Patch(
            $$"""{"op": "{{op}}", "path": "active", "value": false}""",
            $$"""{"op": "{{op}}", "path": "displayName", "value": "After"}""",
            $$"""{"op": "{{op}}", "path": "userName", "value": "patched@example.com"}""")), 200);

        Assert.False((bool)user["active"]!);
        Assert.Equal("After", user.Str("displayName"));
        Assert.Equal("patched@example.com", user.Str("userName"));
        Assert.Equal("patched@example.com", user["emails"]![0].Str("value"));
        var stored = await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/users/{id}"), 200);
        Assert.Equal(user.ToJsonString(), stored.ToJsonString());
    }

    [Fact]
    public async Task Patch_accepts_active_as_a_string_the_way_Entra_sends_it()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("entra@example.com")).Str("id");
        var user = await Responses.ExpectAsync(await emulator.PatchAsync($"/api/scim/v2/users/{id}",
            Patch("""{"op": "Replace", "path": "active", "value": "False"}""")), 200);
        Assert.False((bool)user["active"]!);
    }

    [Fact]
    public async Task Patch_without_a_path_merges_attributes_over_the_existing_ones_and_null_clears()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("merge@example.com", "M",
            """{"region": "emea", "department": "Sales", "level": 1}""")).Str("id");

        var user = await Responses.ExpectAsync(await emulator.PatchAsync($"/api/scim/v2/users/{id}", Patch($$$"""
            {"op": "replace", "value": {"displayName": "Merged", "{{{Attributes}}}": {"region": "us-east", "level": null, "regions": ["us", "eu"]} } }
            """)), 200);

        Assert.Equal("Merged", user.Str("displayName"));
        Assert.Equal("""{"region":"us-east","department":"Sales","regions":["us","eu"]}""", user[Attributes]!.ToJsonString());
    }

    [Theory]
    [InlineData("urn:omni:params:1.0:UserAttribute.region")]
    [InlineData("urn:omni:params:1.0:UserAttribute:region")]
    public async Task Patch_reaches_one_attribute_by_a_dotted_or_colon_path(string path)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("dotted@example.com", "D", """{"region": "emea", "department": "Ops"}""")).Str("id");

        var set = await Responses.ExpectAsync(await emulator.PatchAsync($"/api/scim/v2/users/{id}",
            Patch($$"""{"op": "replace", "path": "{{path}}", "value": "apac"}""")), 200);
        Assert.Equal("""{"region":"apac","department":"Ops"}""", set[Attributes]!.ToJsonString());

        var removed = await Responses.ExpectAsync(await emulator.PatchAsync($"/api/scim/v2/users/{id}",
            Patch($$"""{"op": "remove", "path": "{{path}}", "value": null}""")), 200);
        Assert.Equal("""{"department":"Ops"}""", removed[Attributes]!.ToJsonString());
    }

    [Fact]
    public async Task Patch_with_the_attribute_object_path_merges_and_remove_clears_them_all()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("object.path@example.com", "O", """{"region": "emea"}""")).Str("id");

        var merged = await Responses.ExpectAsync(await emulator.PatchAsync($"/api/scim/v2/users/{id}",
            Patch($$$"""{"op": "add", "path": "{{{Attributes}}}", "value": {"department": "Legal"}}""")), 200);
        Assert.Equal("""{"region":"emea","department":"Legal"}""", merged[Attributes]!.ToJsonString());

        var cleared = await Responses.ExpectAsync(await emulator.PatchAsync($"/api/scim/v2/users/{id}",
            Patch($$"""{"op": "remove", "path": "{{Attributes}}"}""")), 200);
        Assert.Equal("{}", cleared[Attributes]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"Operations": [{"op": "replace", "path": "active", "value": false}]}""", "schemas")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "Operations": [{"op": "replace", "path": "active", "value": false}]}""", "schemas")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": []}""", "Operations")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "move", "path": "active", "value": false}]}""", "op must be")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "nickName", "value": "x"}]}""", "nickName")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "value": {"title": "x"}}]}""", "title")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "value": "x"}]}""", "object value")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "remove", "path": "displayName"}]}""", "displayName")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "active", "value": 3}]}""", "active")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "userName", "value": "nope"}]}""", "userName")]
    public async Task Invalid_patch_operations_are_400_naming_the_problem(string body, string named)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("invalid.patch@example.com")).Str("id");
        var message = await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/scim/v2/users/{id}", body), 400);
        Assert.Contains(named, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_patch_changes_nothing_even_when_earlier_operations_were_valid()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var before = await emulator.CreateUserAsync("atomic@example.com", "Atomic");
        var id = before.Str("id");

        await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/scim/v2/users/{id}", Patch(
            """{"op": "replace", "path": "displayName", "value": "Changed"}""",
            """{"op": "replace", "path": "urn:omni:params:1.0:UserAttribute.unknown_key", "value": "x"}""")), 400);

        var after = await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/users/{id}"), 200);
        Assert.Equal("Atomic", after.Str("displayName"));
        Assert.Equal(before["meta"].Str("lastModified"), after["meta"].Str("lastModified"));
    }

    [Fact]
    public async Task Patch_answers_404_for_an_unknown_user_and_409_when_taking_another_users_email()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("one@example.com")).Str("id");
        await emulator.CreateUserAsync("two@example.com");

        Assert.Equal("User not found", await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/scim/v2/users/{Guid.NewGuid()}",
            Patch("""{"op": "replace", "path": "active", "value": false}""")), 404));
        Assert.Equal("User with this email already exists", await Responses.ExpectErrorAsync(await emulator.PatchAsync(
            $"/api/scim/v2/users/{id}", Patch("""{"op": "replace", "path": "userName", "value": "Two@Example.com"}""")), 409));
    }
}
