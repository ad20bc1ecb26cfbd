using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

/// <summary>Folder and document permissions: grants to users (UUID) and groups (miniUuid or UUID), roles, accessBoost, revokes.</summary>
public sealed class PermissionTests
{
    private const string Sample = "sample-dashboard";

    [SkippableFact]
    public async Task Folder_grants_to_users_and_groups_are_listed_changed_and_revoked()
    {
        var schemas = OpenApiSchemas.LoadV1OrSkip();
        await using var emulator = await TestEmulator.StartAsync();
        var folder = (await emulator.CreateFolderAsync("Shared")).Str("id");
        var user = (await emulator.CreateUserAsync("viewer@example.com", "Viewer")).Str("id");
        var group = (await emulator.CreateGroupAsync("Analysts")).Str("id");
        var path = $"/api/v1/folders/{folder}/permissions";

        schemas.AssertValid("FoldersAddPermissionsResponse", await Responses.ExpectAsync(await emulator.PostAsync(path,
            $$"""{"role": "VIEWER", "userIds": ["{{user}}"], "userGroupIds": ["{{group}}"], "accessBoost": true}"""), 200));
        var listed = await Responses.ExpectAsync(await emulator.GetAsync(path), 200);
        schemas.AssertValid("FoldersGetPermissionsResponse", listed);
        var permits = listed["permits"]!.AsArray();
        Assert.Equal(2, permits.Count);
        var userPermit = permits.Single(p => (string?)p!["type"] == "user")!;
        Assert.Equal((user, "VIEWER", true, "Viewer"), (userPermit.Str("userId"), userPermit.Str("role"), (bool)userPermit["accessBoost"]!, userPermit.Str("name")));
        var groupPermit = permits.Single(p => (string?)p!["type"] == "userGroup")!;
        var groupUuid = groupPermit.Str("userGroupId");
        Assert.True(Guid.TryParse(groupUuid, out _), $"a group permit shows a UUID, got {groupUuid}");
        Assert.Equal("Analysts", groupPermit.Str("name"));

        // The UUID a permit shows addresses the same group as its 8-character id.
        schemas.AssertValid("FoldersUpdatePermissionsResponse", await Responses.ExpectAsync(await emulator.PatchAsync(path,
            $$"""{"role": "EDITOR", "userGroupIds": ["{{groupUuid}}"]}"""), 200));
        groupPermit = (await emulator.FolderPermitsAsync(folder)).Single(p => (string?)p!["type"] == "userGroup")!;
        Assert.Equal(("EDITOR", true), (groupPermit.Str("role"), (bool)groupPermit["accessBoost"]!));

        var mine = await Responses.ExpectAsync(await emulator.GetAsync($"{path}?userId={user}"), 200);
        Assert.Equal(user, Assert.Single(mine["permits"]!.AsArray())!.Str("userId"));

        schemas.AssertValid("FoldersRevokePermissionsResponse", await Responses.ExpectAsync(await emulator.SendAsync(HttpMethod.Delete, path,
            $$"""{"userGroupIds": ["{{group}}"]}"""), 200));
        await Responses.ExpectAsync(await emulator.SendAsync(HttpMethod.Delete, path, $$"""{"userGroupIds": ["{{group}}"]}"""), 200);
        Assert.Equal(user, Assert.Single(await emulator.FolderPermitsAsync(folder))!.Str("userId"));

        // Deleting the user through SCIM takes its grant away.
        await Responses.ExpectAsync(await emulator.DeleteAsync($"/api/scim/v2/users/{user}"), 204);
        Assert.Empty(await emulator.FolderPermitsAsync(folder));
    }

    [Theory]
    [InlineData("""{"role": "VIEWER", "userIds": ["6c1f1f5e-1111-4111-8111-111111111111"]}""", 404, "User")]
    [InlineData("""{"role": "VIEWER", "userGroupIds": ["zzzzzzzz"]}""", 404, "group")]
    [InlineData("""{"role": "VIEWER", "userIds": ["not-a-uuid"]}""", 400, "userIds[0]")]
    [InlineData("""{"role": "OWNER", "userGroupIds": ["zzzzzzzz"]}""", 400, "role")]
    [InlineData("""{"userGroupIds": ["zzzzzzzz"]}""", 400, "role")]
    [InlineData("""{"role": "VIEWER"}""", 400, "userIds or userGroupIds")]
    [InlineData("""{"role": "VIEWER", "userGroupIds": ["zzzzzzzz"], "organizationRole": "viewer"}""", 400, "organizationRole")]
    public async Task A_bad_folder_grant_is_refused_naming_the_problem(string body, int status, string named)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var folder = (await emulator.CreateFolderAsync("Guarded")).Str("id");
        Assert.Contains(named, await Responses.ExpectErrorAsync(await emulator.PostAsync($"/api/v1/folders/{folder}/permissions", body), status),
            StringComparison.Ordinal);
        Assert.Empty(await emulator.FolderPermitsAsync(folder));
    }

    [Fact]
    public async Task Permissions_of_an_unknown_folder_or_document_are_404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var group = (await emulator.CreateGroupAsync("G")).Str("id");
        var grant = $$"""{"role": "VIEWER", "userGroupIds": ["{{group}}"]}""";
        await Responses.ExpectErrorAsync(await emulator.GetAsync($"/api/v1/folders/{Guid.NewGuid()}/permissions"), 404);
        await Responses.ExpectErrorAsync(await emulator.PostAsync($"/api/v1/folders/{Guid.NewGuid()}/permissions", grant), 404);
        await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/documents/no-such-document/permissions", grant), 404);
        var folder = (await emulator.CreateFolderAsync("F")).Str("id");
        await Responses.ExpectErrorAsync(await emulator.GetAsync($"/api/v1/folders/{folder}/permissions?userId={Guid.NewGuid()}"), 404);
    }

    [SkippableFact]
    public async Task Document_permits_settings_and_the_access_list_follow_the_documented_shapes()
    {
        var schemas = OpenApiSchemas.LoadV1OrSkip();
        await using var emulator = await TestEmulator.StartAsync();
        var user = (await emulator.CreateUserAsync("reader@example.com", "Reader")).Str("id");
        var group = (await emulator.CreateGroupAsync("Readers")).Str("id");
        var folder = (await emulator.CreateFolderAsync("Dashboards")).Str("id");
        var document = await emulator.CreateDocumentAsync("Revenue", folder);
        var path = $"/api/v1/documents/{document.Str("identifier")}/permissions";

        schemas.AssertValid("SuccessResponse", await Responses.ExpectAsync(await emulator.PostAsync(path,
            $$"""{"role": "EDITOR", "userIds": ["{{user}}"]}"""), 200));
        await Responses.ExpectAsync(await emulator.PostAsync($"/api/v1/folders/{folder}/permissions",
            $$"""{"role": "VIEWER", "userGroupIds": ["{{group}}"]}"""), 200);

        Assert.Contains("userId", await Responses.ExpectErrorAsync(await emulator.GetAsync(path), 400), StringComparison.Ordinal);
        var mine = await Responses.ExpectAsync(await emulator.GetAsync($"/api/v1/documents/{document.Str("id")}/permissions?userId={user}"), 200);
        schemas.AssertValid("DocumentsGetPermissionsResponse", mine);
        Assert.Equal("EDITOR", Assert.Single(mine["permits"]!.AsArray())!.Str("role"));

        var access = await Responses.ExpectAsync(await emulator.GetAsync($"/api/v1/documents/{document.Str("identifier")}/access-list"), 200);
        schemas.AssertValid("DocumentsAccessListResponse", access);
        var principals = access["principals"]!.AsArray();
        Assert.Equal(["direct", "folder"], principals.Select(p => p.Str("accessSource")));
        var groups = await Responses.ExpectAsync(await emulator.GetAsync(
            $"/api/v1/documents/{document.Str("identifier")}/access-list?type=userGroup&accessSource=folder"), 200);
        Assert.Equal("Readers", Assert.Single(groups["principals"]!.AsArray())!.Str("name"));

        schemas.AssertValid("SuccessResponse", await Responses.ExpectAsync(await emulator.PutAsync(path,
            """{"organizationRole": "viewer", "organizationAccessBoost": false, "canDownload": true}"""), 200));
        Assert.Contains("lower case", await Responses.ExpectErrorAsync(await emulator.PutAsync(path, """{"organizationRole": "VIEWER"}"""), 400),
            StringComparison.Ordinal);

        await Responses.ExpectAsync(await emulator.PatchAsync(path, $$"""{"accessBoost": true, "userIds": ["{{user}}"]}"""), 200);
        await Responses.ExpectAsync(await emulator.SendAsync(HttpMethod.Delete, path, $$"""{"userIds": ["{{user}}"]}"""), 200);
        var after = await Responses.ExpectAsync(await emulator.GetAsync($"{path}?userId={user}"), 200);
        Assert.Empty(after["permits"]!.AsArray());
    }

    [Fact]
    public async Task The_seeded_sample_document_is_there_and_a_personal_access_token_cannot_manage_it()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var group = (await emulator.CreateGroupAsync("G")).Str("id");
        var grant = $$"""{"role": "VIEWER", "userGroupIds": ["{{group}}"]}""";
        await Responses.ExpectAsync(await emulator.PostAsync($"/api/v1/documents/{Sample}/permissions", grant), 200);

        using var pat = emulator.ClientWithToken(TestEmulator.Pat);
        Assert.Contains("MANAGER", await Responses.ExpectErrorAsync(
            await TestEmulatorClient.SendAsync(pat, HttpMethod.Post, $"/api/v1/documents/{Sample}/permissions", grant), 403), StringComparison.Ordinal);
        var folder = (await emulator.CreateFolderAsync("Admin folder")).Str("id");
        await Responses.ExpectErrorAsync(
            await TestEmulatorClient.SendAsync(pat, HttpMethod.Post, $"/api/v1/folders/{folder}/permissions", grant), 403);
    }

    [Fact]
    public async Task More_documents_are_seeded_on_request()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o with { SeedDocuments = 3 });
        var group = (await emulator.CreateGroupAsync("G")).Str("id");
        foreach (var identifier in new[] { Sample, "seeded-document-1", "seeded-document-3" })
        {
            await Responses.ExpectAsync(await emulator.PostAsync($"/api/v1/documents/{identifier}/permissions",
                $$"""{"role": "VIEWER", "userGroupIds": ["{{group}}"]}"""), 200);
        }

        await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/documents/seeded-document-4/permissions",
            $$"""{"role": "VIEWER", "userGroupIds": ["{{group}}"]}"""), 404);
    }
}
