using Grpc.Core;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;
using static Omni.Pulumi.Provider.Tests.Harness.ContentRequests;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;

namespace Omni.Pulumi.Provider.Tests;

public class FolderLifecycleTests : HarnessTest
{
    private static Google.Protobuf.WellKnownTypes.Struct FolderInputs(string name, string? parent = null, string? path = null, string? scope = null,
        bool? forceDestroy = null)
    {
        var fields = new List<(string, object?)> { ("name", name) };
        if (parent is not null) fields.Add(("parentFolderId", parent));
        if (path is not null) fields.Add(("path", path));
        if (scope is not null) fields.Add(("scope", scope));
        if (forceDestroy is not null) fields.Add(("forceDestroy", forceDestroy));
        return Wire.Struct([.. fields]);
    }

    [Fact]
    public async Task Lifecycle_creates_a_tree_reads_it_back_renames_in_place_and_deletes_twice()
    {
        await H.ConfigureAsync();
        var (finance, _) = await H.CreateAsync(FolderType, "finance", FolderInputs("Finance"));
        var (reports, reportsInputs) = await H.CreateAsync(FolderType, "reports", FolderInputs("Q1 Reports", parent: finance.Id));

        Assert.Equal("finance/q1-reports", reports.Properties.Fields["fullPath"].StringValue);
        Assert.Equal("q1-reports", reports.Properties.Fields["path"].StringValue);
        Assert.Equal("organization", reports.Properties.Fields["scope"].StringValue);
        Assert.Equal(finance.Id, reports.Properties.Fields["parentFolderId"].StringValue);
        using var omni = H.OutOfBand();
        Assert.Equal("Q1 Reports", (await omni.Folders.GetAsync(reports.Id))!.Name);

        // Refresh of an unchanged folder: no diff, even though scope and path were left to Omni.
        var read = await H.RefreshAsync(FolderType, "reports", reports.Id, reports.Properties, reportsInputs);
        Assert.Equal(reports.Id, read.Id);
        Assert.False(read.Inputs.Fields.ContainsKey("scope"));
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, (await H.DiffAsync(FolderType, read.Id, read.Properties, read.Inputs, reportsInputs)).Changes);

        // A rename is an update in place and keeps the path segment.
        var renamed = FolderInputs("First Quarter", parent: finance.Id);
        var diff = await H.DiffAsync(FolderType, reports.Id, reports.Properties, reportsInputs, renamed);
        Assert.Equal(["name"], diff.Diffs);
        Assert.Empty(diff.Replaces);
        var updated = await H.CheckAndUpdateAsync(FolderType, "reports", reports.Id, reports.Properties, reportsInputs, renamed);
        var folder = (await omni.Folders.GetAsync(reports.Id))!;
        Assert.Equal(("First Quarter", "finance/q1-reports"), (folder.Name, folder.Path));
        Assert.Equal("First Quarter", updated.Properties.Fields["name"].StringValue);

        await H.DeleteAsync(FolderType, "reports", reports.Id, updated.Properties);
        Assert.Null(await omni.Folders.GetAsync(reports.Id));
        await H.DeleteAsync(FolderType, "reports", reports.Id, updated.Properties); // already gone: done
        await H.DeleteAsync(FolderType, "finance", finance.Id, finance.Properties);
        Assert.Null(await omni.Folders.GetAsync(finance.Id));
    }

    [Fact]
    public async Task A_declared_path_is_set_at_create_and_changed_in_place_moving_the_full_path()
    {
        await H.ConfigureAsync();
        var (created, inputs) = await H.CreateAsync(FolderType, "sales", FolderInputs("Sales Team", path: "sales"));
        Assert.Equal("sales", created.Properties.Fields["fullPath"].StringValue);

        var news = FolderInputs("Sales Team", path: "revenue");
        var diff = await H.DiffAsync(FolderType, created.Id, created.Properties, inputs, news);
        Assert.Equal(["path"], diff.Diffs);
        Assert.Empty(diff.Replaces);
        var updated = await H.CheckAndUpdateAsync(FolderType, "sales", created.Id, created.Properties, inputs, news);

        Assert.Equal("revenue", updated.Properties.Fields["fullPath"].StringValue);
        using var omni = H.OutOfBand();
        Assert.Equal("revenue", (await omni.Folders.GetAsync(created.Id))!.Path);
    }

    [Fact]
    public async Task Parent_and_scope_changes_replace_the_folder_and_an_unset_scope_is_no_change()
    {
        await H.ConfigureAsync();
        var (a, _) = await H.CreateAsync(FolderType, "a", FolderInputs("A"));
        var (b, _) = await H.CreateAsync(FolderType, "b", FolderInputs("B"));
        var (child, inputs) = await H.CreateAsync(FolderType, "child", FolderInputs("Child", parent: a.Id));

        var moved = await H.DiffAsync(FolderType, child.Id, child.Properties, inputs, FolderInputs("Child", parent: b.Id));
        var rescoped = await H.DiffAsync(FolderType, b.Id, b.Properties, FolderInputs("B"), FolderInputs("B", scope: "restricted"));
        var same = await H.DiffAsync(FolderType, b.Id, b.Properties, FolderInputs("B"), FolderInputs("B", scope: "organization"));

        Assert.Equal(["parentFolderId"], moved.Replaces);
        Assert.Equal(["scope"], rescoped.Replaces);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, same.Changes);
    }

    [Fact]
    public async Task Refresh_shows_a_rename_in_the_ui_as_drift_and_a_deleted_folder_as_gone()
    {
        await H.ConfigureAsync();
        var (created, inputs) = await H.CreateAsync(FolderType, "ops", FolderInputs("Ops"));
        using var omni = H.OutOfBand();
        await omni.Folders.UpdateAsync(created.Id, name: "Operations");

        var read = await H.RefreshAsync(FolderType, "ops", created.Id, created.Properties, inputs);
        Assert.Equal("Operations", read.Inputs.Fields["name"].StringValue);
        var diff = await H.DiffAsync(FolderType, read.Id, read.Properties, read.Inputs, inputs);
        Assert.Equal(["name"], diff.Diffs);
        Assert.Empty(diff.Replaces);

        await omni.Folders.DeleteAsync(created.Id);
        var gone = await H.RefreshAsync(FolderType, "ops", created.Id, read.Properties, read.Inputs);
        Assert.Equal("", gone.Id);
        var warning = Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning);
        Assert.Contains("no longer exists in Omni", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_by_id_or_by_full_path_returns_every_input()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var parent = await omni.Folders.CreateAsync("Marketing");
        var child = await omni.Folders.CreateAsync("Campaigns", parent.Id);

        var byId = await H.ImportAsync(FolderType, "campaigns", child.Id);
        var byPath = await H.ImportAsync(FolderType, "campaigns", "/Marketing/Campaigns");
        var missing = await H.ImportAsync(FolderType, "nope", "marketing/nope");

        foreach (var read in new[] { byId, byPath })
        {
            Assert.Equal(child.Id, read.Id);
            Assert.Equal("Campaigns", read.Inputs.Fields["name"].StringValue);
            Assert.Equal(parent.Id, read.Inputs.Fields["parentFolderId"].StringValue);
            Assert.Equal("campaigns", read.Inputs.Fields["path"].StringValue);
            Assert.Equal("organization", read.Inputs.Fields["scope"].StringValue);
            Assert.False(read.Inputs.Fields["forceDestroy"].BoolValue);
            Assert.Equal("marketing/campaigns", read.Properties.Fields["fullPath"].StringValue);
        }

        Assert.Equal("", missing.Id);
        Assert.DoesNotContain(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning);
    }

    [Fact]
    public async Task Destroying_a_non_empty_folder_fails_clearly_unless_forceDestroy_is_set()
    {
        await H.ConfigureAsync();
        var (created, inputs) = await H.CreateAsync(FolderType, "full", FolderInputs("Full"));
        await H.AddDocumentAsync(created.Id);

        var error = await ProviderHarness.FailsAsync(() => H.DeleteAsync(FolderType, "full", created.Id, created.Properties));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("not empty", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("forceDestroy: true", error.Status.Detail, StringComparison.Ordinal);
        using var omni = H.OutOfBand();
        Assert.NotNull(await omni.Folders.GetAsync(created.Id));

        // forceDestroy is a provider-side setting: updating it sends nothing to Omni.
        var requests = await H.TotalRequestsAsync();
        var updated = await H.CheckAndUpdateAsync(FolderType, "full", created.Id, created.Properties, inputs, FolderInputs("Full", forceDestroy: true));
        Assert.Equal(requests, await H.TotalRequestsAsync());

        await H.DeleteAsync(FolderType, "full", created.Id, updated.Properties);
        Assert.Null(await omni.Folders.GetAsync(created.Id));
    }

    [Fact]
    public async Task Check_names_a_path_with_a_slash_and_an_unknown_scope()
    {
        await H.ConfigureAsync();
        var check = await H.CheckAsync(FolderType, "f", FolderInputs("F", path: "a/b", scope: "private"));

        Assert.Equal(["path", "scope"], Sorted(check.Failures.Select(f => f.Property)));
        Assert.Contains("parentFolderId", check.Failures.Single(f => f.Property == "path").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_under_a_missing_parent_fails_naming_parentFolderId()
    {
        await H.ConfigureAsync();
        var check = await H.CheckAsync(FolderType, "f", FolderInputs("F", parent: "00000000-0000-4000-8000-000000000000"));

        var error = await ProviderHarness.FailsAsync(() => H.Client.CreateAsync(new CreateRequest { Urn = Urn(FolderType, "f"), Type = FolderType, Name = "f", Properties = check.Inputs }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("parentFolderId", error.Status.Detail, StringComparison.Ordinal);
    }
}
