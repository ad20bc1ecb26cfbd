using Google.Protobuf.WellKnownTypes;
using Omni.Client;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>getConnection and getModel through Invoke, against the emulator.</summary>
public class FunctionsConnectionModelTests : HarnessTest
{
    private Task<InvokeResponse> InvokeAsync(string token, Struct args) =>
        H.Client.InvokeAsync(new InvokeRequest { Tok = token, Args = args }).ResponseAsync;

    [Fact]
    public async Task GetConnection_by_id_and_by_name_returns_the_same_connection_and_never_a_credential()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var id = await omni.Connections.CreateAsync(new ConnectionCreate("Warehouse", "postgres")
        {
            Database = "analytics", DefaultSchema = "public", BaseRole = "VIEWER", Password = "pw-never-returned",
        });
        await omni.Connections.CreateAsync(new ConnectionCreate("Warehouse Staging", "postgres") { Password = "pw" }); // contains the name: not a match

        var byId = await InvokeAsync("omni:index:getConnection", Wire.Struct(("id", id)));
        var byName = await InvokeAsync("omni:index:getConnection", Wire.Struct(("name", "warehouse")));

        Assert.Empty(byId.Failures);
        Assert.Empty(byName.Failures);
        Assert.Equal(byId.Return, byName.Return);
        Assert.Equal(id, byId.Return.Fields["id"].StringValue);
        Assert.Equal("postgres", byId.Return.Fields["dialect"].StringValue);
        Assert.Equal("analytics", byId.Return.Fields["database"].StringValue);
        Assert.Equal("public", byId.Return.Fields["defaultSchema"].StringValue);
        Assert.Equal("VIEWER", byId.Return.Fields["baseRole"].StringValue);
        Assert.DoesNotContain("pw-never-returned", byId.Return.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetConnection_not_found_deleted_ambiguous_and_both_keys_are_clear_failures()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var deleted = await omni.Connections.CreateAsync(new ConnectionCreate("Old", "postgres") { Password = "pw" });
        await omni.Connections.DeleteAsync(deleted);
        var first = await omni.Connections.CreateAsync(new ConnectionCreate("Twin", "postgres") { Password = "pw" });
        var second = await omni.Connections.CreateAsync(new ConnectionCreate("Twin", "mysql") { Password = "pw" });

        var trashed = await InvokeAsync("omni:index:getConnection", Wire.Struct(("id", deleted)));
        var missing = await InvokeAsync("omni:index:getConnection", Wire.Struct(("name", "Nowhere")));
        var both = await InvokeAsync("omni:index:getConnection", Wire.Struct(("id", first), ("name", "Twin")));

        Assert.Equal("id", Assert.Single(trashed.Failures).Property);
        Assert.Contains("no connection with name 'Nowhere'", Assert.Single(missing.Failures).Reason, StringComparison.Ordinal);
        Assert.Contains("exactly one of 'id' or 'name'", Assert.Single(both.Failures).Reason, StringComparison.Ordinal);
        var ambiguous = await ProviderHarness.FailsAsync(() => InvokeAsync("omni:index:getConnection", Wire.Struct(("name", "Twin"))));
        Assert.Contains("2 connections are named 'Twin'", ambiguous.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(first, ambiguous.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(second, ambiguous.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetModel_by_id_and_by_name_narrowed_by_kind_and_connection()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var connection = await omni.Connections.CreateAsync(new ConnectionCreate("Warehouse", "postgres") { Password = "pw" });
        var other = await omni.Connections.CreateAsync(new ConnectionCreate("Other", "postgres") { Password = "pw" });
        var model = await omni.Models.CreateAsync(new ModelCreate(connection, "Sales"));
        var twin = await omni.Models.CreateAsync(new ModelCreate(other, "Sales"));

        var byId = await InvokeAsync("omni:index:getModel", Wire.Struct(("id", model.Id)));
        var byName = await InvokeAsync("omni:index:getModel", Wire.Struct(("name", "sales"), ("connectionId", connection), ("modelKind", "SHARED")));

        Assert.Empty(byId.Failures);
        Assert.Equal(byId.Return, byName.Return);
        Assert.Equal("Sales", byId.Return.Fields["name"].StringValue);
        Assert.Equal("SHARED", byId.Return.Fields["modelKind"].StringValue);
        Assert.Equal(connection, byId.Return.Fields["connectionId"].StringValue);

        var ambiguous = await ProviderHarness.FailsAsync(() => InvokeAsync("omni:index:getModel", Wire.Struct(("name", "Sales"))));
        Assert.Contains("2 models are named 'Sales'", ambiguous.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(twin.Id, ambiguous.Status.Detail, StringComparison.Ordinal);

        var narrowingAnId = await InvokeAsync("omni:index:getModel", Wire.Struct(("id", model.Id), ("connectionId", connection)));
        Assert.Equal("connectionId", Assert.Single(narrowingAnId.Failures).Property);

        await omni.Models.DeleteAsync(model.Id);
        var archived = await InvokeAsync("omni:index:getModel", Wire.Struct(("id", model.Id)));
        Assert.Contains($"no model with id '{model.Id}'", Assert.Single(archived.Failures).Reason, StringComparison.Ordinal);
    }
}
