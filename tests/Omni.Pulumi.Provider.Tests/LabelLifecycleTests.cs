using Grpc.Core;
using Omni.Client;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;
using static Omni.Pulumi.Provider.Tests.Harness.ContentRequests;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;

namespace Omni.Pulumi.Provider.Tests;

public class LabelLifecycleTests : HarnessTest
{
    private static Google.Protobuf.WellKnownTypes.Struct LabelInputs(string name, string? color = null, string? description = null) =>
        Wire.Struct([("name", name), .. color is null ? [] : new (string, object?)[] { ("color", color) },
            .. description is null ? [] : new (string, object?)[] { ("description", description) }]);

    [Fact]
    public async Task Lifecycle_creates_reads_back_renames_in_place_follows_the_new_name_and_deletes_twice()
    {
        await H.ConfigureAsync();
        var (created, inputs) = await H.CreateAsync(LabelType, "finance", LabelInputs("Finance", "#0366d6", "Money matters"));
        Assert.Equal("Finance", created.Id);
        Assert.Equal(0, created.Properties.Fields["usageCount"].NumberValue);
        using var omni = H.OutOfBand();
        Assert.Equal("#0366d6", (await omni.Labels.GetAsync("finance"))!.Color);

        var read = await H.RefreshAsync(LabelType, "finance", created.Id, created.Properties, inputs);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, (await H.DiffAsync(LabelType, read.Id, read.Properties, read.Inputs, inputs)).Changes);

        // Rename: in place, so documents keep the label.
        var document = await H.AddDocumentAsync((await omni.Folders.CreateAsync("Docs")).Id);
        await omni.Labels.AddToDocumentAsync(document, "Finance");
        var renamed = LabelInputs("Treasury", "#0366d6", "Money matters");
        var diff = await H.DiffAsync(LabelType, created.Id, created.Properties, inputs, renamed);
        Assert.Equal(["name"], diff.Diffs);
        Assert.Empty(diff.Replaces);
        var updated = await H.CheckAndUpdateAsync(LabelType, "finance", created.Id, created.Properties, inputs, renamed);
        Assert.Null(await omni.Labels.GetAsync("Finance"));
        Assert.Equal(1, (await omni.Labels.GetAsync("Treasury"))!.UsageCount);

        // The id is still the old name; Read follows the name in state, and reports the new id.
        var after = await H.RefreshAsync(LabelType, "finance", created.Id, updated.Properties, renamed);
        Assert.Equal("Treasury", after.Id);
        Assert.Equal(1, after.Properties.Fields["usageCount"].NumberValue);

        await omni.Labels.RemoveFromDocumentAsync(document, "Treasury");
        await H.DeleteAsync(LabelType, "finance", created.Id, updated.Properties);
        Assert.Null(await omni.Labels.GetAsync("Treasury"));
        await H.DeleteAsync(LabelType, "finance", created.Id, updated.Properties); // already gone: done
    }

    [Fact]
    public async Task Refresh_shows_a_color_changed_in_the_ui_as_drift_and_a_deleted_label_as_gone()
    {
        await H.ConfigureAsync();
        var (created, inputs) = await H.CreateAsync(LabelType, "ops", LabelInputs("Ops", "#111111"));
        using var omni = H.OutOfBand();
        await omni.Labels.UpdateAsync("ops", new LabelUpdate().SetColor("#222222").SetDescription("set in the UI"));

        var read = await H.RefreshAsync(LabelType, "ops", created.Id, created.Properties, inputs);
        Assert.Equal("#222222", read.Inputs.Fields["color"].StringValue);
        var diff = await H.DiffAsync(LabelType, read.Id, read.Properties, read.Inputs, inputs);
        Assert.Equal(["color", "description"], diff.Diffs.Order());

        var back = await H.CheckAndUpdateAsync(LabelType, "ops", created.Id, read.Properties, read.Inputs, inputs);
        var label = (await omni.Labels.GetAsync("Ops"))!;
        Assert.Equal(("#111111", (string?)null), (label.Color, label.Description));
        Assert.False(back.Properties.Fields.ContainsKey("description") && back.Properties.Fields["description"].HasStringValue);

        await omni.Labels.DeleteAsync("Ops");
        var gone = await H.RefreshAsync(LabelType, "ops", created.Id, back.Properties, inputs);
        Assert.Equal("", gone.Id);
        Assert.Contains("deleted or renamed", Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_by_name_in_any_letter_case_returns_every_input()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        await omni.Labels.CreateAsync(new LabelSpec("Certified", "#00ff00", "Checked by the data team"));

        var read = await H.ImportAsync(LabelType, "certified", "certified");

        Assert.Equal("Certified", read.Id);
        Assert.Equal("Certified", read.Inputs.Fields["name"].StringValue);
        Assert.Equal("#00ff00", read.Inputs.Fields["color"].StringValue);
        Assert.Equal("Checked by the data team", read.Inputs.Fields["description"].StringValue);
        Assert.False(read.Inputs.Fields["homepage"].BoolValue);
        Assert.False(read.Inputs.Fields["verified"].BoolValue);
        Assert.Equal("", (await H.ImportAsync(LabelType, "x", "No Such Label")).Id);
    }

    [Fact]
    public async Task Creating_a_label_that_exists_says_how_to_import_it()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        await omni.Labels.CreateAsync(new LabelSpec("Sales"));
        var check = await H.CheckAsync(LabelType, "sales", LabelInputs("SALES"));

        var error = await ProviderHarness.FailsAsync(() => H.Client.CreateAsync(new CreateRequest { Urn = Urn(LabelType, "sales"), Type = LabelType, Name = "sales", Properties = check.Inputs }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("pulumi import omni:index:Label sales SALES", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Destroying_a_label_still_on_a_document_fails_and_says_to_remove_it_first()
    {
        await H.ConfigureAsync();
        var (created, _) = await H.CreateAsync(LabelType, "kpi", LabelInputs("KPI"));
        using var omni = H.OutOfBand();
        await omni.Labels.AddToDocumentAsync(SampleDocument, "KPI");

        var error = await ProviderHarness.FailsAsync(() => H.DeleteAsync(LabelType, "kpi", created.Id, created.Properties));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("still applied to documents", error.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(await omni.Labels.GetAsync("KPI"));
    }

    [Fact]
    public async Task Check_refuses_a_name_too_short_and_a_color_too_long()
    {
        await H.ConfigureAsync();
        var check = await H.CheckAsync(LabelType, "l", LabelInputs("x", color: "#0123456789"));

        Assert.Equal(["color", "name"], Sorted(check.Failures.Select(f => f.Property)));
        Assert.Contains("2 to 25 characters", check.Failures.Single(f => f.Property == "name").Reason, StringComparison.Ordinal);
    }
}
