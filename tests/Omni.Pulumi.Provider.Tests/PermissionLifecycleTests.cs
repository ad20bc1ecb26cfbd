using Grpc.Core;
using Omni.Client;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;
using static Omni.Pulumi.Provider.Tests.Harness.ContentRequests;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;

namespace Omni.Pulumi.Provider.Tests;

public class PermissionLifecycleTests : HarnessTest
{
    private static Google.Protobuf.WellKnownTypes.Struct Grant(string contentKey, string contentId, string? userId, string? groupId, string role,
        bool? accessBoost = null)
    {
        var fields = new List<(string, object?)> { (contentKey, contentId), ("role", role) };
        if (userId is not null) fields.Add(("userId", userId));
        if (groupId is not null) fields.Add(("groupId", groupId));
        if (accessBoost is not null) fields.Add(("accessBoost", accessBoost));
        return Wire.Struct([.. fields]);
    }

    private async Task<(Folder Folder, ScimGroup Group, ScimUser User)> ContentAsync()
    {
        using var omni = H.OutOfBand();
        var user = await omni.Users.CreateAsync(new ScimUserCreate("alice@example.com", "Alice"));
        var group = await omni.Groups.CreateAsync("Analysts", []);
        return (await omni.Folders.CreateAsync("Finance"), group, user);
    }

    [Fact]
    public async Task Folder_group_grant_lifecycle_create_refresh_drift_update_in_place_delete_twice()
    {
        await H.ConfigureAsync();
        var (folder, group, _) = await ContentAsync();
        var inputs0 = Grant("folderId", folder.Id, null, group.Id, "VIEWER");
        var (created, inputs) = await H.CreateAsync(FolderPermissionType, "analysts", inputs0);

        Assert.Equal($"{folder.Id}/group/{group.Id}", created.Id);
        using var omni = H.OutOfBand();
        var permit = Assert.Single(await omni.Permissions.GetFolderPermitsAsync(folder.Id), p => p.Name == "Analysts");
        Assert.Equal(("VIEWER", false), (permit.Role, permit.AccessBoost));

        var read = await H.RefreshAsync(FolderPermissionType, "analysts", created.Id, created.Properties, inputs);
        Assert.Equal(created.Id, read.Id);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, (await H.DiffAsync(FolderPermissionType, read.Id, read.Properties, read.Inputs, inputs)).Changes);

        // Changed in the UI: drift on refresh, put back in place by an update.
        await omni.Permissions.UpdateFolderAsync(folder.Id, PermitSubjects.Groups(group.Id), role: "EDITOR", accessBoost: true);
        var drifted = await H.RefreshAsync(FolderPermissionType, "analysts", created.Id, created.Properties, inputs);
        Assert.Equal("EDITOR", drifted.Inputs.Fields["role"].StringValue);
        Assert.True(drifted.Inputs.Fields["accessBoost"].BoolValue);
        var diff = await H.DiffAsync(FolderPermissionType, drifted.Id, drifted.Properties, drifted.Inputs, inputs);
        Assert.Equal(["accessBoost", "role"], diff.Diffs.Order());
        Assert.Empty(diff.Replaces);
        var updated = await H.CheckAndUpdateAsync(FolderPermissionType, "analysts", created.Id, drifted.Properties, drifted.Inputs, inputs);
        permit = Assert.Single(await omni.Permissions.GetFolderPermitsAsync(folder.Id), p => p.Name == "Analysts");
        Assert.Equal(("VIEWER", false), (permit.Role, permit.AccessBoost));

        await H.DeleteAsync(FolderPermissionType, "analysts", created.Id, updated.Properties);
        Assert.DoesNotContain(await omni.Permissions.GetFolderPermitsAsync(folder.Id), p => p.Name == "Analysts");
        await H.DeleteAsync(FolderPermissionType, "analysts", created.Id, updated.Properties); // already revoked: done
        await omni.Folders.DeleteAsync(folder.Id);
        await H.DeleteAsync(FolderPermissionType, "analysts", created.Id, updated.Properties); // folder gone: done
    }

    [Fact]
    public async Task Folder_user_grant_with_accessBoost_is_read_back_and_a_revoke_in_the_ui_shows_as_gone()
    {
        await H.ConfigureAsync();
        var (folder, _, user) = await ContentAsync();
        var (created, inputs) = await H.CreateAsync(FolderPermissionType, "alice", Grant("folderId", folder.Id, user.Id, null, "MANAGER", accessBoost: true));

        Assert.Equal($"{folder.Id}/user/{user.Id}", created.Id);
        var read = await H.RefreshAsync(FolderPermissionType, "alice", created.Id, created.Properties, inputs);
        Assert.Equal(("MANAGER", true), (read.Inputs.Fields["role"].StringValue, read.Inputs.Fields["accessBoost"].BoolValue));

        using var omni = H.OutOfBand();
        await omni.Permissions.RevokeFolderAsync(folder.Id, PermitSubjects.Users(user.Id));
        var gone = await H.RefreshAsync(FolderPermissionType, "alice", created.Id, created.Properties, inputs);
        Assert.Equal("", gone.Id);
        Assert.Contains("no longer has a direct grant", Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_by_id_returns_every_input_and_the_principal_or_content_changes_replace()
    {
        await H.ConfigureAsync();
        var (folder, group, user) = await ContentAsync();
        using var omni = H.OutOfBand();
        await omni.Permissions.GrantFolderAsync(folder.Id, PermitSubjects.Groups(group.Id), "EXPLORER");

        var read = await H.ImportAsync(FolderPermissionType, "analysts", $"{folder.Id}/group/{group.Id}");
        var missing = await H.ImportAsync(FolderPermissionType, "alice", $"{folder.Id}/user/{user.Id}");

        Assert.Equal($"{folder.Id}/group/{group.Id}", read.Id);
        Assert.Equal(folder.Id, read.Inputs.Fields["folderId"].StringValue);
        Assert.Equal(group.Id, read.Inputs.Fields["groupId"].StringValue);
        Assert.Equal("EXPLORER", read.Inputs.Fields["role"].StringValue);
        Assert.False(read.Inputs.Fields["accessBoost"].BoolValue);
        Assert.False(read.Inputs.Fields.ContainsKey("userId"));
        Assert.Equal("", missing.Id);

        var toUser = await H.DiffAsync(FolderPermissionType, read.Id, read.Properties, read.Inputs, Grant("folderId", folder.Id, user.Id, null, "EXPLORER"));
        var other = await omni.Folders.CreateAsync("Other");
        var toFolder = await H.DiffAsync(FolderPermissionType, read.Id, read.Properties, read.Inputs, Grant("folderId", other.Id, null, group.Id, "EXPLORER"));
        Assert.Equal(["groupId", "userId"], toUser.Replaces.Order());
        Assert.Equal(["folderId"], toFolder.Replaces);
    }

    [Fact]
    public async Task Import_of_an_id_that_is_not_content_kind_principal_says_what_the_id_looks_like()
    {
        await H.ConfigureAsync();
        var error = await ProviderHarness.FailsAsync(() => H.ImportAsync(FolderPermissionType, "p", "folder/someone"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("<folderId>/group/<groupId>", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_wants_exactly_one_principal_and_a_known_role()
    {
        await H.ConfigureAsync();
        var both = await H.CheckAsync(FolderPermissionType, "p", Grant("folderId", "f1", "0d3c9a8e-0000-4000-8000-000000000001", "g1", "VIEWER"));
        var neither = await H.CheckAsync(FolderPermissionType, "p", Grant("folderId", "f1", null, null, "OWNER"));
        var email = await H.CheckAsync(DocumentPermissionType, "p", Grant("documentId", "d1", "alice@example.com", null, "VIEWER"));

        Assert.Contains("only one of 'userId' and 'groupId'", Assert.Single(both.Failures).Reason, StringComparison.Ordinal);
        Assert.Equal(["role", "userId"], Sorted(neither.Failures.Select(f => f.Property)));
        Assert.Contains("not an email", Assert.Single(email.Failures).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Granting_on_a_folder_that_does_not_exist_fails_naming_folderId()
    {
        await H.ConfigureAsync();
        var (_, group, _) = await ContentAsync();
        var check = await H.CheckAsync(FolderPermissionType, "p", Grant("folderId", "00000000-0000-4000-8000-000000000000", null, group.Id, "VIEWER"));

        var error = await ProviderHarness.FailsAsync(() => H.Client.CreateAsync(new CreateRequest { Urn = Urn(FolderPermissionType, "p"), Type = FolderPermissionType, Name = "p", Properties = check.Inputs }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("folderId", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_grants_for_a_user_and_a_group_create_read_drift_import_and_delete()
    {
        await H.ConfigureAsync();
        var (_, group, user) = await ContentAsync();
        var (forUser, userInputs) = await H.CreateAsync(DocumentPermissionType, "alice", Grant("documentId", SampleDocument, user.Id, null, "EDITOR"));
        var (forGroup, groupInputs) = await H.CreateAsync(DocumentPermissionType, "analysts", Grant("documentId", SampleDocument, null, group.Id, "VIEWER"));

        Assert.Equal($"{SampleDocument}/user/{user.Id}", forUser.Id);
        using var omni = H.OutOfBand();
        var direct = await omni.Permissions.ListDocumentAccessAsync(SampleDocument, "direct").ToListAsync();
        Assert.Equal(["EDITOR", "VIEWER"], direct.Select(p => p.Role).Order());

        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone,
            (await H.DiffAsync(DocumentPermissionType, forGroup.Id, (await H.RefreshAsync(DocumentPermissionType, "analysts", forGroup.Id, forGroup.Properties, groupInputs)).Properties, groupInputs, groupInputs)).Changes);
        await omni.Permissions.UpdateDocumentAsync(SampleDocument, PermitSubjects.Users(user.Id), role: "VIEWER");
        var drifted = await H.RefreshAsync(DocumentPermissionType, "alice", forUser.Id, forUser.Properties, userInputs);
        Assert.Equal("VIEWER", drifted.Inputs.Fields["role"].StringValue);

        var imported = await H.ImportAsync(DocumentPermissionType, "analysts", forGroup.Id);
        Assert.Equal(("VIEWER", SampleDocument), (imported.Inputs.Fields["role"].StringValue, imported.Inputs.Fields["documentId"].StringValue));

        await H.DeleteAsync(DocumentPermissionType, "alice", forUser.Id, forUser.Properties);
        await H.DeleteAsync(DocumentPermissionType, "analysts", forGroup.Id, forGroup.Properties);
        Assert.Empty(await omni.Permissions.ListDocumentAccessAsync(SampleDocument, "direct").ToListAsync());
        await H.DeleteAsync(DocumentPermissionType, "alice", forUser.Id, forUser.Properties); // twice: done
        Assert.Equal("", (await H.RefreshAsync(DocumentPermissionType, "alice", forUser.Id, forUser.Properties, userInputs)).Id);
    }
}
