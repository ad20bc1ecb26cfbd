using System.Text.Json.Nodes;
using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

/// <summary>Every connection, model and model-role body the emulator returns satisfies its schema in Omni's openapi.json.</summary>
public sealed class CatalogSchemaConformanceTests
{
    private static async Task<JsonObject> ValidAsync(OpenApiSchemas schemas, string method, string path, int status, HttpResponseMessage response)
    {
        var body = await Responses.ExpectAsync(response, status);
        schemas.AssertValidResponse(method, path, status, body);
        return body;
    }

    [SkippableFact]
    public async Task Connection_environment_and_schedule_bodies_match_their_schemas()
    {
        var schemas = OpenApiSchemas.LoadV1OrSkip();
        await using var emulator = await TestEmulator.StartAsync();
        var created = await ValidAsync(schemas, "POST", "/api/v1/connections", 201, await emulator.PostAsync("/api/v1/connections",
            """{"name": "Reporting", "dialect": "mssql", "passwordUnencrypted": "p", "defaultSchema": "dbo", "host": "h", "port": 1433}"""));
        var id = created.Str("data");
        var other = (await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/connections",
            """{"name": "other", "dialect": "mssql", "passwordUnencrypted": "p", "defaultSchema": "dbo"}"""), 201)).Str("data");
        await Responses.ExpectAsync(await emulator.PatchAsync($"/api/v1/connections/{id}",
            """{"environmentUserAttribute": {"attributeName": "region", "defaultValues": ["us"]}}"""), 200);

        await ValidAsync(schemas, "GET", "/api/v1/connections", 200, await emulator.GetAsync("/api/v1/connections?includeDeleted=true"));
        await ValidAsync(schemas, "PATCH", "/api/v1/connections/{id}", 200, await emulator.PatchAsync($"/api/v1/connections/{id}", """{"baseRole": "VIEWER"}"""));
        // GET by id has no OAS schema; its connection is the list's item schema.
        var single = await Responses.ExpectAsync(await emulator.GetAsync($"/api/v1/connections/{id}"), 200);
        schemas.AssertValidResponse("GET", "/api/v1/connections", 200, new JsonObject { ["connections"] = new JsonArray(single["connection"]!.DeepClone()) });

        var environments = await ValidAsync(schemas, "POST", "/api/v1/connection-environments", 201, await emulator.PostAsync(
            "/api/v1/connection-environments", $$"""{"baseConnectionId": "{{id}}", "environmentConnectionIds": ["{{other}}"]}"""));
        var environmentId = environments["connectionEnvironments"]![0].Str("id");
        await ValidAsync(schemas, "GET", "/api/v1/connection-environments", 200, await emulator.GetAsync("/api/v1/connection-environments"));
        await ValidAsync(schemas, "PUT", "/api/v1/connection-environments/{id}", 200,
            await emulator.PutAsync($"/api/v1/connection-environments/{environmentId}", """{"userAttributeValues": ["eu"]}"""));
        await ValidAsync(schemas, "DELETE", "/api/v1/connection-environments/{id}", 200,
            await emulator.DeleteAsync($"/api/v1/connection-environments/{environmentId}"));

        const string Schedules = "/api/v1/connections/{connectionId}/schedules";
        const string Schedule = "/api/v1/connections/{connectionId}/schedules/{scheduleId}";
        var schedule = await ValidAsync(schemas, "POST", Schedules, 201,
            await emulator.PostAsync($"/api/v1/connections/{id}/schedules", """{"schedule": "0 2 * * ? *", "timezone": "Europe/Paris"}"""));
        var scheduleId = schedule.Str("scheduleId");
        await ValidAsync(schemas, "GET", Schedules, 200, await emulator.GetAsync($"/api/v1/connections/{id}/schedules"));
        await ValidAsync(schemas, "GET", Schedule, 200, await emulator.GetAsync($"/api/v1/connections/{id}/schedules/{scheduleId}"));
        await ValidAsync(schemas, "PUT", Schedule, 200,
            await emulator.PutAsync($"/api/v1/connections/{id}/schedules/{scheduleId}", """{"schedule": "15 4 ? * MON *", "timezone": "UTC"}"""));
        await ValidAsync(schemas, "DELETE", Schedule, 200, await emulator.DeleteAsync($"/api/v1/connections/{id}/schedules/{scheduleId}"));
    }

    [SkippableFact]
    public async Task Model_and_git_bodies_match_their_schemas()
    {
        var schemas = OpenApiSchemas.LoadV1OrSkip();
        await using var emulator = await TestEmulator.StartAsync();
        var connection = await emulator.CreateConnectionAsync();
        var created = await ValidAsync(schemas, "POST", "/api/v1/models", 200, await emulator.PostAsync("/api/v1/models",
            $$"""{"connectionId": "{{connection}}", "modelKind": "SHARED", "modelName": "Finance"}"""));
        var id = created["model"].Str("id");
        await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/models",
            $$"""{"connectionId": "{{connection}}", "modelKind": "BRANCH", "modelName": "b", "baseModelId": "{{id}}"}"""), 200);

        schemas.AssertValid("ModelsListResponse", await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/models?pageSize=2&include=activeBranches"), 200));
        schemas.AssertValid("ModelsUpdateResponse", await Responses.ExpectAsync(await emulator.PatchAsync($"/api/v1/models/{id}", """{"name": "Fin"}"""), 200));
        schemas.AssertValid("ModelsGitCreateResponse", await Responses.ExpectAsync(await emulator.PostAsync($"/api/v1/models/{id}/git",
            """{"cloneUrl": "git@github.com:acme/m.git"}"""), 201));
        schemas.AssertValid("ModelsGitGetResponse", await Responses.ExpectAsync(await emulator.GetAsync($"/api/v1/models/{id}/git?include=webhookSecret"), 200));
        schemas.AssertValid("ModelsGitUpdateResponse", await Responses.ExpectAsync(await emulator.PatchAsync($"/api/v1/models/{id}/git",
            """{"authMethod": "https_token", "cloneUrl": "https://github.com/acme/m.git", "token": "t0k"}"""), 200));
        schemas.AssertValid("ModelsGitDeleteResponse", await Responses.ExpectAsync(await emulator.DeleteAsync($"/api/v1/models/{id}/git"), 200));
        schemas.AssertValid("SuccessResponse", await Responses.ExpectAsync(await emulator.DeleteAsync($"/api/v1/models/{id}"), 200));
    }

    [SkippableFact]
    public async Task Model_role_bodies_match_their_schemas()
    {
        var schemas = OpenApiSchemas.LoadV1OrSkip();
        await using var emulator = await TestEmulator.StartAsync();
        var connection = Storage.CatalogSeed.ConnectionId("Emulator Warehouse");
        var model = (await emulator.ModelsAsync("&modelKind=SHARED")).Single().Str("id");
        var user = (await emulator.CreateUserAsync("sc@example.com")).Str("id");
        var group = (await emulator.CreateGroupAsync("Schema Group", user)).Str("id");

        schemas.AssertValid("UsersAssignModelRoleResponse", await Responses.ExpectAsync(await emulator.PostAsync($"/api/v1/users/{user}/model-roles",
            $$"""{"modelId": "{{model}}", "roleName": "QUERIER"}"""), 200));
        schemas.AssertValid("UsersAssignModelRoleResponse", await Responses.ExpectAsync(await emulator.PostAsync($"/api/v1/users/{user}/model-roles",
            $$"""{"connectionId": "{{connection}}", "roleName": "CONNECTION_ADMIN"}"""), 200));
        schemas.AssertValid("UserGroupsAssignModelRoleResponse", await Responses.ExpectAsync(await emulator.PostAsync($"/api/v1/user-groups/{group}/model-roles",
            $$"""{"modelId": "{{model}}", "roleName": "MODELER"}"""), 200));

        var userRoles = await Responses.ExpectAsync(await emulator.GetAsync($"/api/v1/users/{user}/model-roles"), 200);
        Assert.Equal(["BASE", "GROUP", "USER"], userRoles["results"]!.AsArray().Select(r => r!["from"].Str("type")).Distinct().Order());
        schemas.AssertValid("UsersGetModelRolesResponse", userRoles);
        schemas.AssertValid("UserGroupsGetModelRolesResponse", await Responses.ExpectAsync(await emulator.GetAsync($"/api/v1/user-groups/{group}/model-roles"), 200));
    }

    [SkippableFact]
    public async Task The_v1_validator_rejects_a_body_that_breaks_the_schema()
    {
        var schemas = OpenApiSchemas.LoadV1OrSkip();
        await using var emulator = await TestEmulator.StartAsync();
        var list = await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/connections"), 200);
        list["connections"]![0]!.AsObject().Remove("deletedAt");
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => schemas.AssertValidResponse("GET", "/api/v1/connections", 200, list));
        var created = new JsonObject { ["data"] = "not-a-uuid", ["success"] = true };
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => schemas.AssertValidResponse("POST", "/api/v1/connections", 201, created));
    }
}
