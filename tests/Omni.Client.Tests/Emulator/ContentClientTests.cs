using System.Net;
using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Emulator;

/// <summary>The v1 content calls (attribute definitions, folders, permissions, labels) against the emulator.</summary>
public sealed class ContentClientTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorHost _emulator = fixture.Host;

    public Task InitializeAsync() => _emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task User_attribute_definitions_are_created_found_changed_and_deleted_and_users_values_follow()
    {
        using var client = _emulator.CreateClient();

        var created = await client.UserAttributes.CreateAsync(new UserAttributeSpec("cost_centre", "number", "Cost centre",
            Description: "Budget owner", DefaultValue: AttributeValue.Of("10.50")));
        Assert.Equal(("cost_centre", "Number", "Cost centre", false), (created.Name, created.Type, created.Label, created.MultipleValues));
        Assert.Equal(AttributeValue.Of("10.5"), created.DefaultValue);
        Assert.Equal(created.Id, (await client.UserAttributes.FindByNameAsync("COST_CENTRE"))!.Id);

        var user = await client.Users.CreateAsync(new ScimUserCreate("cc@example.com", "CC",
            new Dictionary<string, AttributeValue> { ["cost_centre"] = AttributeValue.Of("7") }));

        var changed = await client.UserAttributes.UpdateAsync(created.Id,
            new UserAttributeUpdate().SetLabel("Cost center").EnableMultipleValues().SetDescription(null));
        Assert.Equal(("Cost center", true, (string?)null), (changed.Label, changed.MultipleValues, changed.Description));
        Assert.Equal(AttributeValue.Of(["10.5"]), changed.DefaultValue);
        Assert.Equal(AttributeValue.Of(["7"]), (await client.Users.GetAsync(user.Id))!.Attributes["cost_centre"]);

        var duplicate = await Assert.ThrowsAsync<OmniConflictException>(() =>
            client.UserAttributes.CreateAsync(new UserAttributeSpec("Cost_Centre", "String")));
        Assert.Contains("POST /api/v1/user-attributes failed: 409 Conflict", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("already exists", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("name \"Cost_Centre\"", duplicate.Message, StringComparison.Ordinal);

        Assert.True(await client.UserAttributes.DeleteAsync(created.Id));
        Assert.False(await client.UserAttributes.DeleteAsync(created.Id));
        Assert.Null(await client.UserAttributes.GetAsync(created.Id));
        Assert.False((await client.Users.GetAsync(user.Id))!.Attributes.ContainsKey("cost_centre"));
    }

    [Fact]
    public async Task Bad_definitions_are_refused_before_any_call_and_a_personal_access_token_gets_403()
    {
        using var client = _emulator.CreateClient();
        var before = await _emulator.CountAsync(201) + await _emulator.CountAsync(400);

        Assert.Contains("omni_", (await Assert.ThrowsAsync<ArgumentException>(() =>
            client.UserAttributes.CreateAsync(new UserAttributeSpec("omni_team", "String")))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => client.UserAttributes.CreateAsync(new UserAttributeSpec("team", "Date")));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.UserAttributes.CreateAsync(new UserAttributeSpec("level2", "Number", DefaultValue: AttributeValue.Of("high"))));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.UserAttributes.CreateAsync(new UserAttributeSpec("team", "String", DefaultValue: AttributeValue.Of(["a", "b"]))));
        Assert.Equal(before, await _emulator.CountAsync(201) + await _emulator.CountAsync(400));

        using var member = _emulator.CreateClient(apiKey: EmulatorHost.Pat);
        Assert.NotEmpty(await member.UserAttributes.ListAsync());
        var refused = await Assert.ThrowsAsync<OmniAuthenticationException>(() =>
            member.UserAttributes.CreateAsync(new UserAttributeSpec("team", "String")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Org Admin", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folders_are_created_listed_across_pages_found_by_id_and_path_renamed_and_deleted()
    {
        using var client = _emulator.CreateClient();
        var finance = await client.Folders.CreateAsync("Finance");
        var reports = await client.Folders.CreateAsync("Reports", finance.Id);
        Assert.Equal(("finance/reports", "organization", finance.Id), (reports.Path, reports.Scope, reports.ParentId));
        for (var i = 0; i < 4; i++)
        {
            await client.Folders.CreateAsync($"Team {i}", finance.Id);
        }

        var all = await client.Folders.ListAsync(new FolderQuery { PageSize = 2, IncludeCounts = true }).ToListAsync();
        Assert.Equal(6, all.Select(f => f.Id).Distinct().Count());
        Assert.All(all, f => Assert.Equal(0, f.DocumentCount));
        Assert.Equal(5, (await client.Folders.ListAsync(new FolderQuery { Path = "finance/*", PageSize = 2 }).ToListAsync()).Count);
        Assert.Empty(await client.Folders.ListAsync(new FolderQuery { Path = "nowhere" }).ToListAsync());

        var found = await client.Folders.GetAsync(reports.Id);
        Assert.Equal((finance.Id, "organization", "reports"), (found!.ParentId, found.Scope, found.Segment));
        Assert.StartsWith("http", found.Url, StringComparison.Ordinal);
        Assert.Equal(reports.Id, (await client.Folders.FindByPathAsync("/Finance/Reports"))!.Id);
        Assert.Null(await client.Folders.GetAsync(Guid.NewGuid().ToString()));

        var renamed = await client.Folders.UpdateAsync(finance.Id, name: "Finance & Ops", segment: "fin-ops");
        Assert.Equal(("Finance & Ops", "fin-ops"), (renamed.Name, renamed.Segment));
        Assert.Equal("fin-ops/reports", (await client.Folders.GetAsync(reports.Id))!.Path);
        var taken = await Assert.ThrowsAsync<OmniConflictException>(() => client.Folders.UpdateAsync(reports.Id, segment: "team-0"));
        Assert.Contains("PATCH /api/v1/folders/", taken.Message, StringComparison.Ordinal);
        Assert.Equal("team-0-1", (await client.Folders.UpdateAsync(reports.Id, segment: "team-0", resolvePathConflict: true)).Segment);

        await _emulator.CreateDocumentAsync("Budget", reports.Id);
        var notEmpty = await Assert.ThrowsAsync<OmniApiException>(() => client.Folders.DeleteAsync(finance.Id));
        Assert.Equal(HttpStatusCode.BadRequest, notEmpty.StatusCode);
        Assert.Contains("Only empty folders can be deleted", notEmpty.Message, StringComparison.Ordinal);
        Assert.True(await client.Folders.DeleteAsync(finance.Id, force: true));
        Assert.False(await client.Folders.DeleteAsync(finance.Id));
        Assert.Empty(await client.Folders.ListAsync().ToListAsync());
    }

    [Fact]
    public async Task Folder_and_document_grants_to_users_and_groups_are_read_changed_and_revoked()
    {
        using var client = _emulator.CreateClient();
        var user = await client.Users.CreateAsync(new ScimUserCreate("ana@example.com", "Ana"));
        var group = await client.Groups.CreateAsync("Analysts");
        var folder = await client.Folders.CreateAsync("Shared");

        await client.Permissions.GrantFolderAsync(folder.Id, new PermitSubjects([user.Id], [group.Id]), ContentRoles.Viewer, accessBoost: true);
        await client.Permissions.GrantFolderAsync(folder.Id, PermitSubjects.Groups(group.Id), ContentRoles.Viewer, accessBoost: true);
        var permits = await client.Permissions.GetFolderPermitsAsync(folder.Id);
        Assert.Equal(2, permits.Count);
        var groupPermit = permits.Single(p => p.SubjectType == PermitSubjectType.UserGroup);
        Assert.Equal(("Analysts", ContentRoles.Viewer, true), (groupPermit.Name, groupPermit.Role, groupPermit.AccessBoost));
        Assert.True(Guid.TryParse(groupPermit.SubjectId, out _));

        await client.Permissions.UpdateFolderAsync(folder.Id, PermitSubjects.Groups(groupPermit.SubjectId), ContentRoles.Editor);
        Assert.Equal(ContentRoles.Editor, (await client.Permissions.GetFolderPermitsAsync(folder.Id)).Single(p => p.Name == "Analysts").Role);
        Assert.Equal(user.Id, Assert.Single(await client.Permissions.GetFolderPermitsAsync(folder.Id, user.Id)).SubjectId);
        await client.Permissions.RevokeFolderAsync(folder.Id, PermitSubjects.Groups(group.Id));
        await client.Permissions.RevokeFolderAsync(folder.Id, PermitSubjects.Groups(group.Id));
        Assert.Equal(PermitSubjectType.User, Assert.Single(await client.Permissions.GetFolderPermitsAsync(folder.Id)).SubjectType);

        var missing = await Assert.ThrowsAsync<OmniNotFoundException>(() =>
            client.Permissions.GrantFolderAsync(folder.Id, PermitSubjects.Users(Guid.NewGuid().ToString()), ContentRoles.Viewer));
        Assert.Contains("User with id", missing.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<OmniNotFoundException>(() => client.Permissions.GetFolderPermitsAsync(Guid.NewGuid().ToString()));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Permissions.GrantFolderAsync(folder.Id, PermitSubjects.Users("ana@example.com"), ContentRoles.Viewer));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Permissions.GrantFolderAsync(folder.Id, PermitSubjects.Groups(group.Id), "OWNER"));

        var document = await _emulator.CreateDocumentAsync("Revenue", folder.Id);
        await client.Permissions.GrantDocumentAsync(document, PermitSubjects.Users(user.Id), ContentRoles.Editor);
        Assert.Equal(ContentRoles.Editor, Assert.Single(await client.Permissions.GetDocumentPermitsAsync(document, user.Id)).Role);
        await client.Permissions.UpdateDocumentSettingsAsync(document, new DocumentPermissionSettings { OrganizationRole = "viewer", CanDownload = false });
        var access = await client.Permissions.ListDocumentAccessAsync(document).ToListAsync();
        Assert.Equal(["direct", "folder"], access.Select(p => p.AccessSource));
        await client.Permissions.RevokeDocumentAsync(document, PermitSubjects.Users(user.Id));
        Assert.Empty(await client.Permissions.GetDocumentPermitsAsync(document, user.Id));
    }

    [Fact]
    public async Task Labels_are_created_renamed_applied_and_deleted_with_Omnis_conflicts()
    {
        using var client = _emulator.CreateClient();
        var created = await client.Labels.CreateAsync(new LabelSpec("Finance", "#0366d6", "Money"));
        Assert.Equal(new Label("Finance", "#0366d6", "Money", false, false, 0), created);
        Assert.Equal("Finance", (await client.Labels.GetAsync("FINANCE"))!.Name);
        Assert.Null(await client.Labels.GetAsync("nothing"));

        var conflict = await Assert.ThrowsAsync<OmniConflictException>(() => client.Labels.CreateAsync(new LabelSpec("finance")));
        Assert.Contains("POST /api/v1/labels failed: 409 Conflict: Label with name", conflict.Message, StringComparison.Ordinal);

        var renamed = await client.Labels.UpdateAsync("finance", new LabelUpdate().SetName("FinOps").SetColor(null));
        Assert.Equal(("FinOps", (string?)null, "Money"), (renamed.Name, renamed.Color, renamed.Description));
        Assert.Equal(["FinOps"], (await client.Labels.ListAsync()).Select(l => l.Name));

        await client.Labels.AddToDocumentAsync("sample-dashboard", "finops");
        Assert.Equal(1, (await client.Labels.GetAsync("FinOps"))!.UsageCount);
        var applied = await Assert.ThrowsAsync<OmniConflictException>(() => client.Labels.DeleteAsync("FinOps"));
        Assert.Contains("remove it from them first", applied.Message, StringComparison.Ordinal);
        Assert.True(await client.Labels.RemoveFromDocumentAsync("sample-dashboard", "FinOps"));
        Assert.False(await client.Labels.RemoveFromDocumentAsync("sample-dashboard", "FinOps"));
        Assert.True(await client.Labels.DeleteAsync("FinOps"));
        Assert.False(await client.Labels.DeleteAsync("FinOps"));

        await Assert.ThrowsAsync<ArgumentException>(() => client.Labels.CreateAsync(new LabelSpec("x")));
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_is_found_again_instead_of_duplicated_and_lists_survive_a_503()
    {
        using var client = _emulator.CreateClient();
        await _emulator.AddFaultAsync("""{"method": "POST", "path": "/api/v1/labels", "status": 500, "phase": "after", "count": 1}""");
        var label = await client.Labels.CreateAsync(new LabelSpec("once"));
        Assert.Equal("once", label.Name);
        Assert.Single(await client.Labels.ListAsync());

        await _emulator.AddFaultAsync("""{"method": "POST", "path": "/api/v1/folders", "status": 502, "phase": "after", "count": 1}""");
        var folder = await client.Folders.CreateAsync("Only one");
        Assert.Equal(folder.Id, Assert.Single(await client.Folders.ListAsync().ToListAsync()).Id);

        await _emulator.AddFaultAsync("""{"method": "GET", "path": "/api/v1/folders", "status": 503, "count": 1}""");
        Assert.Single(await client.Folders.ListAsync().ToListAsync());
    }
}
