using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

public sealed class ModelEndpointTests
{
    [Fact]
    public async Task The_list_walks_every_page_by_cursor_and_filters_by_name_kind_and_connection()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var connection = await emulator.CreateConnectionAsync();
        for (var i = 0; i < 5; i++)
        {
            await emulator.CreateSharedModelAsync(connection, $"Model {i}");
        }

        // 2 seeded + the new connection's SCHEMA model + 5 shared = 8, walked 3 at a time.
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Responses.ExpectAsync(await emulator.GetAsync($"/api/v1/models?pageSize=3{(cursor is null ? "" : $"&cursor={cursor}")}"), 200);
            var info = page["pageInfo"]!;
            Assert.Equal(8, (int)info["totalRecords"]!);
            Assert.Equal(3, (int)info["pageSize"]!);
            seen.AddRange(page["records"]!.AsArray().Select(r => r.Str("id")));
            cursor = (string?)info["nextCursor"];
            Assert.Equal(cursor is not null, (bool)info["hasNextPage"]!);
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(8, seen.Distinct().Count());
        Assert.Equal(20, (int)(await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/models"), 200))["pageInfo"]!["pageSize"]!);

        Assert.Equal("Model 3", Assert.Single(await emulator.ModelsAsync("&name=model%203")).Str("name"));
        Assert.Equal(6, (await emulator.ModelsAsync("&modelKind=SHARED")).Count);
        Assert.Equal(6, (await emulator.ModelsAsync($"&connectionId={connection}")).Count);
        Assert.Equal(["Model 4", "Model 3"], (await emulator.ModelsAsync($"&connectionId={connection}&modelKind=SHARED&sortField=name&sortDirection=desc"))
            .Take(2).Select(m => m.Str("name")));
        Assert.StartsWith("cursor:", await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/v1/models?cursor=bogus"), 400), StringComparison.Ordinal);
        Assert.StartsWith("pageSize:", await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/v1/models?pageSize=0"), 400), StringComparison.Ordinal);
        Assert.StartsWith("modelKind:", await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/v1/models?modelKind=OTHER"), 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shared_models_are_created_renamed_and_archived_with_Omnis_conflicts_as_400()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var connection = await emulator.CreateConnectionAsync();
        var created = await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/models",
            $$"""{"connectionId": "{{connection}}", "modelKind": "SHARED", "modelName": "Sales"}"""), 200);
        Assert.True((bool)created["success"]!);
        Assert.Equal("SHARED", created["model"].Str("modelKind"));
        var id = created["model"].Str("id");

        Assert.Contains("already exists", await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/models",
            $$"""{"connectionId": "{{connection}}", "modelKind": "SHARED", "modelName": "sales"}"""), 400), StringComparison.Ordinal);
        Assert.Equal("Schema model already exists for the connection", await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/models",
            $$"""{"connectionId": "{{connection}}"}"""), 400));
        Assert.Equal("Connection not found", await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/models",
            $$"""{"connectionId": "{{Guid.NewGuid()}}", "modelKind": "SHARED", "modelName": "x"}"""), 404));
        Assert.StartsWith("modelName:", await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/models",
            $$"""{"connectionId": "{{connection}}", "modelKind": "SHARED"}"""), 400), StringComparison.Ordinal);
        var branch = await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/models",
            $$"""{"connectionId": "{{connection}}", "modelKind": "BRANCH", "modelName": "feature", "baseModelId": "{{id}}"}"""), 200);
        var withBranches = await emulator.ModelsAsync($"&modelId={id}&include=activeBranches");
        Assert.Equal(branch["model"].Str("id"), Assert.Single(withBranches.Single()!["branches"]!.AsArray()).Str("id"));

        var renamed = await Responses.ExpectAsync(await emulator.PatchAsync($"/api/v1/models/{id}", """{"name": "Revenue"}"""), 200);
        Assert.Equal("Revenue", renamed["model"].Str("name"));
        Assert.Equal("Revenue", (await emulator.ModelsAsync($"&modelId={id}")).Single().Str("name"));
        Assert.StartsWith("name:", await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/v1/models/{id}", """{"name": ""}"""), 400),
            StringComparison.Ordinal);
        Assert.Contains("'modelKind'", await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/v1/models/{id}",
            """{"name": "x", "modelKind": "SCHEMA"}"""), 400), StringComparison.Ordinal);
        await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/v1/models/{Guid.NewGuid()}", """{"name": "x"}"""), 404);
        var schema = await emulator.SchemaModelOfAsync(connection);
        Assert.Equal("Cannot delete a model with kind SCHEMA", await Responses.ExpectErrorAsync(await emulator.DeleteAsync($"/api/v1/models/{schema}"), 400));

        await Responses.ExpectAsync(await emulator.DeleteAsync($"/api/v1/models/{id}"), 200);
        await Responses.ExpectErrorAsync(await emulator.DeleteAsync($"/api/v1/models/{id}"), 410);
        Assert.Empty(await emulator.ModelsAsync($"&modelId={id}"));
        Assert.NotNull(Assert.Single(await emulator.ModelsAsync($"&modelId={id}&includeDeleted=true"))!["deletedAt"]);
    }

    [Fact]
    public async Task A_git_link_is_configured_once_read_changed_and_removed_and_keeps_its_token_to_itself()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var connection = await emulator.CreateConnectionAsync();
        var model = await emulator.CreateSharedModelAsync(connection);
        var path = $"/api/v1/models/{model}/git";
        await Responses.ExpectErrorAsync(await emulator.GetAsync(path), 404);

        var created = await Responses.ExpectAsync(await emulator.PostAsync(path,
            """{"cloneUrl": "git@github.com:acme/models.git", "modelPath": "shared", "deployPrivateKey": "-----BEGIN OPENSSH PRIVATE KEY-----zzz"}"""), 201);
        Assert.Equal("ssh", created.Str("authMethod"));
        Assert.Equal("main", created.Str("baseBranch"));
        Assert.Equal("github", created.Str("gitServiceProvider"));
        Assert.Equal("omni/shared", created.Str("modelPath"));
        Assert.StartsWith("ssh-ed25519 ", created.Str("publicKey"), StringComparison.Ordinal);
        Assert.Null(created["webhookSecret"]);
        Assert.DoesNotContain("PRIVATE KEY", created.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Git already configured for this model", await Responses.ExpectErrorAsync(await emulator.PostAsync(path,
            """{"cloneUrl": "git@github.com:acme/models.git"}"""), 409));

        var withSecret = await Responses.ExpectAsync(await emulator.GetAsync($"{path}?include=webhookSecret"), 200);
        Assert.False(string.IsNullOrEmpty(withSecret.Str("webhookSecret")));

        var https = await Responses.ExpectAsync(await emulator.PatchAsync(path,
            """{"authMethod": "https_token", "cloneUrl": "https://gitlab.com/acme/models.git", "token": "glpat-abc_DEF.123", "requirePullRequest": "always"}"""), 200);
        Assert.Equal("https_token", https.Str("authMethod"));
        Assert.Null(https["publicKey"]);
        Assert.Equal("always", https.Str("requirePullRequest"));
        Assert.Equal("omni/shared", https.Str("modelPath"));
        Assert.DoesNotContain("glpat-abc_DEF.123", https.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("glpat", await (await emulator.GetAsync($"{path}?include=webhookSecret")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.StartsWith("token:", await Responses.ExpectErrorAsync(await emulator.PatchAsync(path, """{"token": "has space"}"""), 400), StringComparison.Ordinal);
        Assert.StartsWith("cloneUrl:", await Responses.ExpectErrorAsync(await emulator.PatchAsync(path,
            """{"authMethod": "ssh", "cloneUrl": "https://gitlab.com/acme/models.git"}"""), 400), StringComparison.Ordinal);

        var removed = await Responses.ExpectAsync(await emulator.DeleteAsync(path), 200);
        Assert.True((bool)removed["success"]!);
        await Responses.ExpectErrorAsync(await emulator.DeleteAsync(path), 404);
        Assert.Contains("token", await Responses.ExpectErrorAsync(await emulator.PostAsync(path,
            """{"authMethod": "https_token", "cloneUrl": "https://github.com/acme/m.git"}"""), 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_personal_token_sees_only_models_its_base_role_reaches_and_cannot_create_or_rename()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var hidden = await emulator.CreateConnectionAsync("hidden", extraJson: """, "baseRole": "NO_ACCESS" """);
        var hiddenModel = await emulator.CreateSharedModelAsync(hidden);
        using var pat = emulator.ClientWithToken(TestEmulator.Pat);
        var visible = (await Responses.ExpectAsync(await pat.GetAsync(new Uri("/api/v1/models?pageSize=100", UriKind.Relative)), 200))["records"]!.AsArray();
        Assert.Equal(2, visible.Count); // the seeded connection's SCHEMA and shared model (base role QUERIER)
        Assert.DoesNotContain(visible, m => m.Str("id") == hiddenModel);

        var seeded = Storage.CatalogSeed.ConnectionId("Emulator Warehouse");
        await Responses.ExpectErrorAsync(await TestEmulatorClient.SendAsync(pat, HttpMethod.Post, "/api/v1/models",
            $$"""{"connectionId": "{{seeded}}", "modelKind": "SHARED", "modelName": "mine"}"""), 403);
        await Responses.ExpectErrorAsync(await TestEmulatorClient.SendAsync(pat, HttpMethod.Patch, $"/api/v1/models/{visible[1].Str("id")}",
            """{"name": "mine"}"""), 403);
        await Responses.ExpectErrorAsync(await TestEmulatorClient.SendAsync(pat, HttpMethod.Get, $"/api/v1/models/{visible[1].Str("id")}/git"), 403);
    }
}
