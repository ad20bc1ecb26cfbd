using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

/// <summary>/api/v1/folders: create, list and find by path, rename and re-segment, delete with and without force.</summary>
public sealed class FolderTests
{
    [SkippableFact]
    public async Task Folders_are_created_and_listed_with_full_paths_in_Omnis_shapes()
    {
        var schemas = OpenApiSchemas.LoadV1OrSkip();
        await using var emulator = await TestEmulator.StartAsync();

        var finance = await emulator.CreateFolderAsync("Finance Team");
        schemas.AssertValid("FoldersCreateResponse", finance);
        Assert.Equal("finance-team", finance.Str("path"));
        Assert.Equal("organization", finance.Str("scope"));
        var reports = await emulator.CreateFolderAsync("Q1 Reports!", finance.Str("id"));
        Assert.Equal("finance-team/q1-reports", reports.Str("path"));
        var twin = await emulator.CreateFolderAsync("Q1 reports", finance.Str("id"));
        Assert.Equal("finance-team/q1-reports-1", twin.Str("path"));

        var page = await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/folders?include=_count,labels"), 200);
        schemas.AssertValid("FoldersListResponse", page);
        Assert.Equal(3, (int)page["pageInfo"]!["totalRecords"]!);
        Assert.Null((string?)page["pageInfo"]!["nextCursor"]);
        Assert.Equal(0, (int)page["records"]![0]!["_count"]!["documents"]!);

        var found = await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/folders?path=/finance-team/q1-reports"), 200);
        Assert.Equal(reports.Str("id"), Assert.Single(found["records"]!.AsArray())!.Str("id"));
        var below = await emulator.ListFoldersAsync("&path=finance-team/*");
        Assert.Equal(2, below.Count);
        Assert.Contains("not found", await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/v1/folders?path=nowhere"), 404),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_walks_every_page_by_cursor()
    {
        await using var emulator = await TestEmulator.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await emulator.CreateFolderAsync($"Folder {i}");
        }

        var all = await emulator.ListFoldersAsync();
        Assert.Equal(5, all.Select(f => f.Str("id")).Distinct().Count());
        await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/v1/folders?pageSize=0"), 400);
        await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/v1/folders?cursor=abc"), 400);
    }

    [Theory]
    [InlineData("""{"parentFolderId": "6c1f1f5e-1111-4111-8111-111111111111", "name": "x"}""", 404, "not found")]
    [InlineData("""{"name": ""}""", 400, "name")]
    [InlineData("""{}""", 400, "name")]
    [InlineData("""{"name": "x", "scope": "everyone"}""", 400, "scope")]
    [InlineData("""{"name": "x", "userId": "6c1f1f5e-1111-4111-8111-111111111111"}""", 404, "User")]
    public async Task A_bad_create_is_refused_naming_the_field(string body, int status, string named)
    {
        await using var emulator = await TestEmulator.StartAsync();
        Assert.Contains(named, await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/folders", body), status), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sub_folder_takes_its_parents_scope_and_nesting_stops_at_seven_levels()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var restricted = await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/folders", """{"name": "Mine", "scope": "restricted"}"""), 201);
        var child = await emulator.CreateFolderAsync("Child", restricted.Str("id"));
        Assert.Equal("restricted", child.Str("scope"));
        Assert.Contains("scope", await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/folders",
            $$"""{"name": "Other", "parentFolderId": "{{restricted.Str("id")}}", "scope": "organization"}"""), 400), StringComparison.Ordinal);

        var parent = (await emulator.CreateFolderAsync("L1")).Str("id");
        for (var level = 2; level <= 7; level++)
        {
            parent = (await emulator.CreateFolderAsync($"L{level}", parent)).Str("id");
        }

        Assert.Contains("7", await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/folders",
            $$"""{"name": "L8", "parentFolderId": "{{parent}}"}"""), 400), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task PATCH_renames_without_moving_and_a_new_segment_cascades_to_descendants()
    {
        var schemas = OpenApiSchemas.LoadV1OrSkip();
        await using var emulator = await TestEmulator.StartAsync();
        var top = (await emulator.CreateFolderAsync("Sales")).Str("id");
        var child = (await emulator.CreateFolderAsync("Pipeline", top)).Str("id");
        await emulator.CreateFolderAsync("Taken");

        var renamed = await Responses.ExpectAsync(await emulator.PatchAsync($"/api/v1/folders/{top}", """{"name": "Revenue"}"""), 200);
        schemas.AssertValid("FoldersUpdateResponse", renamed);
        Assert.Equal(("Revenue", "sales"), (renamed.Str("name"), renamed.Str("path")));

        var moved = await Responses.ExpectAsync(await emulator.PatchAsync($"/api/v1/folders/{top}", """{"path": "Revenue-2026"}"""), 200);
        Assert.Equal("revenue-2026", moved.Str("path"));
        var paths = (await emulator.ListFoldersAsync()).ToDictionary(f => f.Str("id"), f => f.Str("path"));
        Assert.Equal("revenue-2026/pipeline", paths[child]);

        Assert.Contains("resolvePathConflict", await Responses.ExpectErrorAsync(
            await emulator.PatchAsync($"/api/v1/folders/{top}", """{"path": "taken"}"""), 409), StringComparison.Ordinal);
        var resolved = await Responses.ExpectAsync(await emulator.PatchAsync($"/api/v1/folders/{top}",
            """{"path": "taken", "resolvePathConflict": true}"""), 200);
        Assert.Equal("taken-1", resolved.Str("path"));

        await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/v1/folders/{top}", """{"path": "a/b"}"""), 400);
        await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/v1/folders/{top}", """{"path": "trash"}"""), 400);
        await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/v1/folders/{top}", """{"resolvePathConflict": true}"""), 400);
        await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/v1/folders/{Guid.NewGuid()}", """{"name": "x"}"""), 404);
    }

    [SkippableFact]
    public async Task A_non_empty_folder_is_deleted_only_with_force_which_trashes_its_documents()
    {
        var schemas = OpenApiSchemas.LoadV1OrSkip();
        await using var emulator = await TestEmulator.StartAsync();
        var top = (await emulator.CreateFolderAsync("Archive")).Str("id");
        var child = (await emulator.CreateFolderAsync("Old", top)).Str("id");
        var document = await emulator.CreateDocumentAsync("Old dashboard", child);
        var empty = (await emulator.CreateFolderAsync("Empty")).Str("id");

        Assert.Contains("Only empty folders can be deleted", await Responses.ExpectErrorAsync(await emulator.DeleteAsync($"/api/v1/folders/{top}"), 400),
            StringComparison.Ordinal);
        var counted = (await emulator.ListFoldersAsync("&include=_count")).Single(f => f.Str("id") == child);
        Assert.Equal(1, (int)counted["_count"]!["documents"]!);

        schemas.AssertValid("FoldersDeleteResponse", await Responses.ExpectAsync(await emulator.DeleteAsync($"/api/v1/folders/{empty}"), 200));
        schemas.AssertValid("FoldersDeleteResponse", await Responses.ExpectAsync(await emulator.DeleteAsync($"/api/v1/folders/{top}?force=true"), 200));

        Assert.Empty(await emulator.ListFoldersAsync());
        await Responses.ExpectErrorAsync(await emulator.DeleteAsync($"/api/v1/folders/{top}"), 404);
        await Responses.ExpectErrorAsync(await emulator.GetAsync(
            $"/api/v1/documents/{document.Str("identifier")}/permissions?userId={Guid.NewGuid()}"), 404);
    }

    [Fact]
    public async Task A_personal_access_token_manages_its_own_folders_only()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var admins = (await emulator.CreateFolderAsync("Admin's")).Str("id");
        await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/folders", """{"name": "Admin private", "scope": "restricted"}"""), 201);
        using var pat = emulator.ClientWithToken(TestEmulator.Pat);
        var member = new TestEmulatorClient(pat);

        var own = (await member.CreateFolderAsync("Member's")).Str("id");
        await Responses.ExpectAsync(await member.PatchAsync($"/api/v1/folders/{own}", """{"name": "Mine"}"""), 200);
        Assert.Contains("EDITOR", await Responses.ExpectErrorAsync(await member.PatchAsync($"/api/v1/folders/{admins}", """{"name": "x"}"""), 403),
            StringComparison.Ordinal);
        await Responses.ExpectErrorAsync(await member.DeleteAsync($"/api/v1/folders/{admins}"), 403);
        Assert.Equal(2, (await member.ListFoldersAsync()).Count);
        await Responses.ExpectAsync(await member.DeleteAsync($"/api/v1/folders/{own}"), 200);
    }
}
