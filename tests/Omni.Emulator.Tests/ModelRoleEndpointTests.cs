using System.Text.Json.Nodes;
using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

public sealed class ModelRoleEndpointTests
{
    private static async Task<JsonArray> UserRolesAsync(TestEmulator emulator, string userId, string query = "") =>
        (await Responses.ExpectAsync(await emulator.GetAsync($"/api/v1/users/{userId}/model-roles{query}"), 200))["results"]!.AsArray();

    [Fact]
    public async Task A_user_sees_direct_group_and_base_rows_and_the_most_permissive_one_resolves()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var connection = await emulator.CreateConnectionAsync(extraJson: """, "baseRole": "VIEWER" """);
        var model = await emulator.CreateSharedModelAsync(connection);
        var user = (await emulator.CreateUserAsync("ana@example.com")).Str("id");
        var group = await emulator.CreateGroupAsync("Analysts", user);
        var groupId = group.Str("id");

        var assigned = await Responses.ExpectAsync(await emulator.PostAsync($"/api/v1/users/{user}/model-roles",
            $$"""{"modelId": "{{model}}", "roleName": "QUERIER"}"""), 200);
        Assert.Equal(connection, assigned.Str("connectionId")); // inferred from the model
        Assert.Equal(user, assigned.Str("membershipId"));
        await Responses.ExpectAsync(await emulator.PostAsync($"/api/v1/user-groups/{groupId}/model-roles",
            $$"""{"modelId": "{{model}}", "roleName": "MODELER"}"""), 200);

        var rows = await UserRolesAsync(emulator, user, $"?modelId={model}");
        Assert.Equal(3, rows.Count);
        var modeler = rows.Single(r => r!["from"].Str("type") == "GROUP");
        Assert.Equal("MODELER", modeler.Str("roleName"));
        Assert.Equal(350, (int)modeler!["priority"]!);
        Assert.True((bool)modeler["resolved"]!);
        Assert.Equal(groupId, modeler["from"].Str("miniUuid"));
        Assert.Equal("Analysts", modeler["from"].Str("name"));
        Assert.Equal(0, (int)modeler["from"]!["depth"]!);
        var direct = rows.Single(r => r!["from"].Str("type") == "USER");
        Assert.Equal(250, (int)direct!["priority"]!);
        Assert.False((bool)direct["resolved"]!);
        Assert.Equal("VIEWER", rows.Single(r => r!["from"].Str("type") == "BASE").Str("roleName"));

        // POST upserts: the user's role on the model is replaced, not added.
        await Responses.ExpectAsync(await emulator.PostAsync($"/api/v1/users/{user}/model-roles",
            $$"""{"modelId": "{{model}}", "connectionId": "{{connection}}", "roleName": "NO_ACCESS"}"""), 200);
        rows = await UserRolesAsync(emulator, user, $"?modelId={model}");
        Assert.Equal("NO_ACCESS", Assert.Single(rows, r => r!["from"].Str("type") == "USER").Str("roleName"));

        var groupRows = (await Responses.ExpectAsync(await emulator.GetAsync($"/api/v1/user-groups/{groupId}/model-roles"), 200));
        Assert.Equal(groupId, groupRows.Str("userGroupId"));
        var only = Assert.Single(groupRows["results"]!.AsArray());
        Assert.Equal("MODELER", only.Str("roleName"));
        Assert.Null(only!["resolved"]);
    }

    [Fact]
    public async Task A_base_role_outranks_a_direct_NO_ACCESS_and_a_connection_admin_role_decides_every_model()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var connection = await emulator.CreateConnectionAsync(extraJson: """, "baseRole": "RESTRICTED_QUERIER" """);
        var model = await emulator.CreateSharedModelAsync(connection);
        var user = (await emulator.CreateUserAsync("bo@example.com")).Str("id");

        await Responses.ExpectAsync(await emulator.PostAsync($"/api/v1/users/{user}/model-roles",
            $$"""{"modelId": "{{model}}", "roleName": "NO_ACCESS"}"""), 200);
        var rows = await UserRolesAsync(emulator, user, $"?modelId={model}");
        var resolved = Assert.Single(rows, r => (bool)r!["resolved"]!)!;
        Assert.Equal("BASE", resolved["from"].Str("type"));
        Assert.Equal(150, (int)resolved["priority"]!);

        Assert.StartsWith("modelId: Required", await Responses.ExpectErrorAsync(await emulator.PostAsync($"/api/v1/users/{user}/model-roles",
            $$"""{"connectionId": "{{connection}}", "roleName": "VIEWER"}"""), 400), StringComparison.Ordinal);
        var assigned = await Responses.ExpectAsync(await emulator.PostAsync($"/api/v1/users/{user}/model-roles",
            $$"""{"connectionId": "{{connection}}", "roleName": "CONNECTION_ADMIN"}"""), 200);
        var schema = await emulator.SchemaModelOfAsync(connection);
        Assert.Equal(schema, assigned.Str("modelId"));

        rows = await UserRolesAsync(emulator, user, $"?modelId={model}");
        resolved = Assert.Single(rows, r => (bool)r!["resolved"]!)!;
        Assert.Equal("CONNECTION_ADMIN", resolved.Str("roleName"));
        Assert.Equal(schema, resolved.Str("modelId"));
        Assert.Equal("USER", resolved["from"].Str("type"));
        var all = await UserRolesAsync(emulator, user, $"?connectionId={connection}");
        Assert.Equal(2, all.Count(r => r!["from"].Str("type") == "BASE")); // one per model of the connection
    }

    [Fact]
    public async Task Custom_roles_are_accepted_by_name_and_unknown_ones_refused()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o with
        {
            CustomModelRoles = new Dictionary<string, string> { ["Viewer No Download"] = "VIEWER" },
        });
        var model = (await emulator.ModelsAsync("&modelKind=SHARED")).Single().Str("id");
        var group = (await emulator.CreateGroupAsync("Readers")).Str("id");
        var assigned = await Responses.ExpectAsync(await emulator.PostAsync($"/api/v1/user-groups/{group}/model-roles",
            $$"""{"modelId": "{{model}}", "roleName": "viewer no download"}"""), 200);
        Assert.Equal("Viewer No Download", assigned.Str("roleName"));
        var row = Assert.Single((await Responses.ExpectAsync(await emulator.GetAsync($"/api/v1/user-groups/{group}/model-roles"), 200))["results"]!.AsArray());
        Assert.Equal("VIEWER", row.Str("baseRole"));
        Assert.Equal(50, (int)row!["priority"]!);
        Assert.Contains("Viewer No Download", await Responses.ExpectErrorAsync(await emulator.PostAsync($"/api/v1/user-groups/{group}/model-roles",
            $$"""{"modelId": "{{model}}", "roleName": "SUPERUSER"}"""), 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_users_groups_models_and_connections_are_404_and_bodies_are_checked()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var model = (await emulator.ModelsAsync("&modelKind=SHARED")).Single().Str("id");
        var user = (await emulator.CreateUserAsync("cy@example.com")).Str("id");
        var group = (await emulator.CreateGroupAsync("G")).Str("id");
        var body = $$"""{"modelId": "{{model}}", "roleName": "VIEWER"}""";

        Assert.Equal("User not found", await Responses.ExpectErrorAsync(await emulator.GetAsync($"/api/v1/users/{Guid.NewGuid()}/model-roles"), 404));
        await Responses.ExpectErrorAsync(await emulator.PostAsync($"/api/v1/users/{Guid.NewGuid()}/model-roles", body), 404);
        Assert.Equal("User group not found", await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/v1/user-groups/nOsUcH01/model-roles"), 404));
        await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/user-groups/nOsUcH01/model-roles", body), 404);
        Assert.Equal("Model not found", await Responses.ExpectErrorAsync(await emulator.PostAsync($"/api/v1/users/{user}/model-roles",
            $$"""{"modelId": "{{Guid.NewGuid()}}", "roleName": "VIEWER"}"""), 404));
        Assert.Equal("Connection not found", await Responses.ExpectErrorAsync(await emulator.PostAsync($"/api/v1/user-groups/{group}/model-roles",
            $$"""{"connectionId": "{{Guid.NewGuid()}}", "roleName": "CONNECTION_ADMIN"}"""), 404));
        Assert.Equal("connectionId or modelId required", await Responses.ExpectErrorAsync(await emulator.PostAsync($"/api/v1/users/{user}/model-roles",
            """{"roleName": "VIEWER"}"""), 400));
        Assert.StartsWith("roleName:", await Responses.ExpectErrorAsync(await emulator.PostAsync($"/api/v1/users/{user}/model-roles",
            $$"""{"modelId": "{{model}}", "roleName": ""}"""), 400), StringComparison.Ordinal);
        Assert.Contains("belongs to connection", await Responses.ExpectErrorAsync(await emulator.PostAsync($"/api/v1/users/{user}/model-roles",
            $$"""{"modelId": "{{model}}", "connectionId": "{{Guid.NewGuid()}}", "roleName": "VIEWER"}"""), 400), StringComparison.Ordinal);

        using var pat = emulator.ClientWithToken(TestEmulator.Pat);
        Assert.Equal("Permission denied - admin role required",
            await Responses.ExpectErrorAsync(await pat.GetAsync(new Uri($"/api/v1/users/{user}/model-roles", UriKind.Relative)), 403));
        await Responses.ExpectErrorAsync(await TestEmulatorClient.SendAsync(pat, HttpMethod.Post, $"/api/v1/user-groups/{group}/model-roles", body), 403);
    }

    [Fact]
    public async Task Deleting_a_user_removes_its_roles_and_a_deleted_model_no_longer_shows()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var connection = await emulator.CreateConnectionAsync();
        var model = await emulator.CreateSharedModelAsync(connection);
        var user = (await emulator.CreateUserAsync("di@example.com")).Str("id");
        await Responses.ExpectAsync(await emulator.PostAsync($"/api/v1/users/{user}/model-roles", $$"""{"modelId": "{{model}}", "roleName": "MODELER"}"""), 200);
        await Responses.ExpectAsync(await emulator.DeleteAsync($"/api/v1/models/{model}"), 200);
        Assert.DoesNotContain(await UserRolesAsync(emulator, user), r => r.Str("modelId") == model);
        await Responses.ExpectAsync(await emulator.DeleteAsync($"/api/scim/v2/Users/{user}"), 204);
        await Responses.ExpectErrorAsync(await emulator.GetAsync($"/api/v1/users/{user}/model-roles"), 404);
    }
}
