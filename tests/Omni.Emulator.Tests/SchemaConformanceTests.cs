using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

/// <summary>Every body the emulator returns satisfies the matching schema of Omni's OpenAPI document.</summary>
public sealed class SchemaConformanceTests
{
    [SkippableFact]
    public async Task User_bodies_match_ScimUserResponse_and_ScimUsersListResponse()
    {
        var schemas = OpenApiSchemas.LoadOrSkip();

        await using var emulator = await TestEmulator.StartAsync();
        var created = await emulator.CreateUserAsync("schema.user@example.com", "Schema User",
            """{"region": "emea", "level": 2, "regions": ["a", "b"]}""");
        schemas.AssertValid("ScimUserResponse", created);
        var id = created.Str("id");
        var group = await emulator.CreateGroupAsync("Schema Group", id);

        schemas.AssertValid("ScimUserResponse", await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/Users/{id}"), 200));
        schemas.AssertValid("ScimUsersListResponse", await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/Users"), 200));
        schemas.AssertValid("ScimUserResponse", await Responses.ExpectAsync(await emulator.PatchAsync($"/api/scim/v2/Users/{id}",
            """{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "active", "value": false}]}"""), 200));
        schemas.AssertValid("ScimUserResponse", await Responses.ExpectAsync(await emulator.PutAsync($"/api/scim/v2/Users/{id}",
            """{"userName": "schema.user@example.com", "displayName": "Renamed"}"""), 200));
        Assert.NotNull(group["members"]);
    }

    [SkippableFact]
    public async Task Group_bodies_match_ScimGroupResponse_and_ScimGroupsListResponse()
    {
        var schemas = OpenApiSchemas.LoadOrSkip();

        await using var emulator = await TestEmulator.StartAsync();
        var user = await emulator.CreateUserAsync("member@example.com");
        var group = await emulator.CreateGroupAsync("Engineering", user.Str("id"));
        schemas.AssertValid("ScimGroupResponse", group);
        var id = group.Str("id");

        schemas.AssertValid("ScimGroupResponse", await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/Groups/{id}"), 200));
        schemas.AssertValid("ScimGroupResponse",
            await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/Groups/{id}?excludedAttributes=members"), 200));
        schemas.AssertValid("ScimGroupsListResponse", await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/Groups"), 200));
        schemas.AssertValid("ScimGroupResponse", await Responses.ExpectAsync(await emulator.PutAsync($"/api/scim/v2/Groups/{id}",
            """{"displayName": "Platform", "members": []}"""), 200));
        schemas.AssertValid("ScimGroupResponse", await Responses.ExpectAsync(await emulator.PatchAsync($"/api/scim/v2/Groups/{id}",
            $$"""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "add", "path": "members", "value": [{"value": "{{user.Str("id")}}"}]}]}"""), 200));
    }

    [SkippableFact]
    public async Task User_attribute_definitions_match_UserAttributesListResponse()
    {
        var schemas = OpenApiSchemas.LoadOrSkip();

        await using var emulator = await TestEmulator.StartAsync();
        schemas.AssertValid("UserAttributesListResponse", await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/user-attributes"), 200));
    }

    [SkippableFact]
    public async Task The_validator_rejects_a_body_that_breaks_the_schema()
    {
        var schemas = OpenApiSchemas.LoadOrSkip();

        // Guards the guard: a user without the required id must fail validation, or the tests above prove nothing.
        await using var emulator = await TestEmulator.StartAsync();
        var user = await emulator.CreateUserAsync("broken@example.com");
        user.Remove("id");
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => schemas.AssertValid("ScimUserResponse", user));
        user["id"] = "not-a-uuid";
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => schemas.AssertValid("ScimUserResponse", user));
    }
}
