using Google.Protobuf.WellKnownTypes;
using Omni.Client;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>getFolder and getLabels through Invoke, against the emulator.</summary>
public class FunctionsContentTests : HarnessTest
{
    private Task<InvokeResponse> InvokeAsync(string token, Struct args) =>
        H.Client.InvokeAsync(new InvokeRequest { Tok = token, Args = args }).ResponseAsync;

    [Fact]
    public async Task GetFolder_by_id_and_by_full_path_returns_the_same_folder()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var parent = await omni.Folders.CreateAsync("Finance");
        var child = await omni.Folders.CreateAsync("Q1 Reports", parent.Id);

        var byId = await InvokeAsync("omni:index:getFolder", Wire.Struct(("id", child.Id)));
        var byPath = await InvokeAsync("omni:index:getFolder", Wire.Struct(("path", "/Finance/Q1-Reports")));

        Assert.Empty(byId.Failures);
        Assert.Equal(byId.Return, byPath.Return);
        Assert.Equal(child.Id, byId.Return.Fields["id"].StringValue);
        Assert.Equal("Q1 Reports", byId.Return.Fields["name"].StringValue);
        Assert.Equal("q1-reports", byId.Return.Fields["path"].StringValue);
        Assert.Equal("finance/q1-reports", byId.Return.Fields["fullPath"].StringValue);
        Assert.Equal(parent.Id, byId.Return.Fields["parentFolderId"].StringValue);
        Assert.Equal("organization", byId.Return.Fields["scope"].StringValue);
    }

    [Fact]
    public async Task GetFolder_not_found_and_both_keys_are_failures_naming_the_arg()
    {
        await H.ConfigureAsync();

        var missing = await InvokeAsync("omni:index:getFolder", Wire.Struct(("path", "nowhere/at-all")));
        var both = await InvokeAsync("omni:index:getFolder", Wire.Struct(("id", "x"), ("path", "y")));

        var failure = Assert.Single(missing.Failures);
        Assert.Equal("path", failure.Property);
        Assert.Contains("no folder with path 'nowhere/at-all'", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("exactly one of 'id' or 'path'", Assert.Single(both.Failures).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLabels_lists_every_label_with_its_usage()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        await omni.Labels.CreateAsync(new LabelSpec("Finance", "#0366d6", "Money"));
        await omni.Labels.CreateAsync(new LabelSpec("Ops"));
        await omni.Labels.AddToDocumentAsync("sample-dashboard", "Ops");

        var result = await InvokeAsync("omni:index:getLabels", new Struct());

        Assert.Empty(result.Failures);
        var labels = result.Return.Fields["labels"].ListValue.Values.Select(v => v.StructValue)
            .ToDictionary(l => l.Fields["name"].StringValue, StringComparer.Ordinal);
        Assert.Equal(["Finance", "Ops"], labels.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("#0366d6", labels["Finance"].Fields["color"].StringValue);
        Assert.Equal(0, labels["Finance"].Fields["usageCount"].NumberValue);
        Assert.Equal(1, labels["Ops"].Fields["usageCount"].NumberValue);
    }
}
