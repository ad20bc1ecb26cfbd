using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;

namespace Omni.Pulumi.Provider.Tests;

public class ConnectionLifecycleTests : HarnessTest
{
    private const string ConnectionType = "omni:index:Connection";
    private const string ConnectionById = "/api/v1/connections/{id}";
    private const string Password = "pw-Hunter2-never-shown";
    private const string RotatedPassword = "pw-Rotated-never-shown";

    private static Struct Inputs(string name = "Warehouse", string database = "analytics", string password = Password, string? baseRole = null)
    {
        var fields = new List<(string, object?)>
        {
            ("name", name), ("dialect", "postgres"), ("database", database), ("host", "db.example.com"), ("port", 5432.0),
            ("username", "omni"), ("password", Wire.Secret(password)),
        };
        if (baseRole is not null)
        {
            fields.Add(("baseRole", baseRole));
        }

        return Wire.Struct([.. fields]);
    }

    private Task<UpdateResponse> UpdateAsync(string name, CreateResponse created, Struct oldInputs, Struct news) =>
        H.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = Urn(ConnectionType, name), Type = ConnectionType, Olds = created.Properties, OldInputs = oldInputs, News = news,
        }).ResponseAsync;

    private Task DeleteAsync(string name, string id, Struct properties) =>
        H.Client.DeleteAsync(new DeleteRequest { Id = id, Urn = Urn(ConnectionType, name), Type = ConnectionType, Properties = properties }).ResponseAsync;

    [Fact]
    public async Task Create_read_and_delete_twice_keeps_the_password_as_a_secret_only()
    {
        await H.ConfigureAsync();

        var (created, inputs) = await H.CreateAsync(ConnectionType, "wh", Inputs());

        using var omni = H.OutOfBand();
        var stored = await omni.Connections.GetAsync(created.Id);
        Assert.NotNull(stored);
        Assert.Equal("Warehouse", stored.Name);
        Assert.Equal("analytics", stored.Database);
        Assert.True(Wire.IsSecret(created.Properties.Fields["password"]));
        Assert.Equal(Password, Wire.Text(created.Properties, "password"));
        Assert.Equal(5432, created.Properties.Fields["port"].NumberValue);

        var read = await H.RefreshAsync(ConnectionType, "wh", created.Id, created.Properties, inputs);
        Assert.Equal(created.Id, read.Id);
        Assert.True(Wire.IsSecret(read.Properties.Fields["password"]));
        Assert.True(Wire.IsSecret(read.Inputs.Fields["password"]));
        Assert.Equal("db.example.com", read.Inputs.Fields["host"].StringValue);
        var diff = await H.DiffAsync(ConnectionType, read.Id, read.Properties, read.Inputs, inputs);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, diff.Changes);

        await DeleteAsync("wh", created.Id, created.Properties);
        Assert.True((await omni.Connections.GetAsync(created.Id))!.IsDeleted);
        await DeleteAsync("wh", created.Id, created.Properties); // a second delete (Omni: 410/404) counts as done
        Assert.Equal(2, await H.CountAsync("DELETE", ConnectionById));

        var gone = await H.RefreshAsync(ConnectionType, "wh", created.Id, created.Properties, inputs);
        Assert.Equal("", gone.Id);
        Assert.Contains("trash", Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_never_appears_in_plain_outputs_logs_or_error_messages()
    {
        await H.ConfigureAsync();
        var (created, inputs) = await H.CreateAsync(ConnectionType, "wh", Inputs());
        var read = await H.RefreshAsync(ConnectionType, "wh", created.Id, created.Properties, inputs);
        using var omni = H.OutOfBand();
        await omni.Connections.DeleteAsync(created.Id);

        // An update of a connection deleted outside Pulumi fails; its message must not carry either password.
        var error = await ProviderHarness.FailsAsync(() => UpdateAsync("wh", created, inputs, Inputs(password: RotatedPassword)));
        Assert.DoesNotContain(Password, error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(RotatedPassword, error.Status.Detail, StringComparison.Ordinal);

        foreach (var properties in new[] { created.Properties, read.Properties, read.Inputs })
        {
            foreach (var (key, value) in properties.Fields.Where(f => !Wire.IsSecret(f.Value)))
            {
                Assert.DoesNotContain(Password, value.ToString(), StringComparison.Ordinal);
            }
        }

        Assert.All(H.Engine.Logs.All, l => Assert.DoesNotContain(Password, l.Message, StringComparison.Ordinal));
        Assert.All(H.Engine.Logs.All, l => Assert.DoesNotContain(RotatedPassword, l.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_password_rotation_and_a_base_role_change_are_one_patch_in_place()
    {
        await H.ConfigureAsync();
        var (created, inputs) = await H.CreateAsync(ConnectionType, "wh", Inputs(baseRole: "VIEWER"));
        var news = (await H.CheckAsync(ConnectionType, "wh", Inputs(password: RotatedPassword, baseRole: "QUERIER"))).Inputs;

        var diff = await H.DiffAsync(ConnectionType, created.Id, created.Properties, inputs, news);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffSome, diff.Changes);
        Assert.Empty(diff.Replaces);
        Assert.Equal(["baseRole", "password"], diff.Diffs.Order(StringComparer.Ordinal));

        var updated = await UpdateAsync("wh", created, inputs, news);

        Assert.Equal(1, await H.CountAsync("PATCH", ConnectionById));
        Assert.Equal(RotatedPassword, Wire.Text(updated.Properties, "password"));
        Assert.True(Wire.IsSecret(updated.Properties.Fields["password"]));
        using var omni = H.OutOfBand();
        Assert.Equal("QUERIER", (await omni.Connections.GetAsync(created.Id))!.BaseRole);
    }

    [Theory]
    [InlineData("name", "Renamed")]
    [InlineData("database", "other_db")]
    public async Task A_field_patch_cannot_change_replaces_the_connection(string field, string value)
    {
        await H.ConfigureAsync();
        var (created, inputs) = await H.CreateAsync(ConnectionType, "wh", Inputs());
        var news = inputs.Clone();
        news.Fields[field] = Wire.Value(value);

        var diff = await H.DiffAsync(ConnectionType, created.Id, created.Properties, inputs, news);

        Assert.Equal(DiffResponse.Types.DiffChanges.DiffSome, diff.Changes);
        Assert.Equal([field], diff.Replaces);
    }

    [Fact]
    public async Task Refresh_reports_a_base_role_changed_in_omni_as_drift_and_keeps_what_omni_does_not_return()
    {
        await H.ConfigureAsync();
        var (created, inputs) = await H.CreateAsync(ConnectionType, "wh", Inputs(baseRole: "VIEWER"));
        using var omni = H.OutOfBand();
        await omni.Connections.UpdateAsync(created.Id, new Omni.Client.ConnectionUpdate { BaseRole = "MODELER" });

        var read = await H.RefreshAsync(ConnectionType, "wh", created.Id, created.Properties, inputs);

        Assert.Equal("MODELER", read.Inputs.Fields["baseRole"].StringValue);
        Assert.Equal(5432, read.Inputs.Fields["port"].NumberValue);
        var diff = await H.DiffAsync(ConnectionType, read.Id, read.Properties, read.Inputs, inputs);
        Assert.Equal(["baseRole"], diff.Diffs);
        Assert.Empty(diff.Replaces);
    }

    [Fact]
    public async Task Import_by_id_reads_what_omni_returns_and_no_credentials()
    {
        await H.ConfigureAsync();
        var (created, _) = await H.CreateAsync(ConnectionType, "wh", Inputs(baseRole: "VIEWER"));

        var read = await H.ImportAsync(ConnectionType, "imported", created.Id);

        Assert.Equal(created.Id, read.Id);
        Assert.Equal("Warehouse", read.Inputs.Fields["name"].StringValue);
        Assert.Equal("postgres", read.Inputs.Fields["dialect"].StringValue);
        Assert.Equal("VIEWER", read.Inputs.Fields["baseRole"].StringValue);
        Assert.False(read.Inputs.Fields.ContainsKey("password"));
        Assert.Equal("", (await H.ImportAsync(ConnectionType, "none", Guid.NewGuid().ToString())).Id);
    }

    [Fact]
    public async Task Check_names_the_missing_password_and_mssql_schema_before_any_call()
    {
        await H.ConfigureAsync();
        var before = await H.TotalRequestsAsync();

        var check = await H.CheckAsync(ConnectionType, "x", Wire.Struct(("name", "X"), ("dialect", "mssql"), ("queryTimeoutSeconds", 7200.0)));

        Assert.Equal(before, await H.TotalRequestsAsync());
        Assert.Equal(["defaultSchema", "password", "queryTimeoutSeconds"], check.Failures.Select(f => f.Property).Order(StringComparer.Ordinal));
        var snowflake = await H.CheckAsync(ConnectionType, "s", Wire.Struct(("name", "S"), ("dialect", "snowflake"), ("privateKey", Wire.Secret("-----KEY-----"))));
        Assert.Empty(snowflake.Failures);
        Assert.True(Wire.IsSecret(snowflake.Inputs.Fields["privateKey"]));
    }

    [Fact]
    public async Task The_environment_attribute_is_set_after_create_changed_and_cleared_in_place_and_its_drift_is_reported()
    {
        await H.ConfigureAsync();
        var withAttribute = Inputs();
        withAttribute.Fields["environmentUserAttribute"] = Wire.Value("region");
        withAttribute.Fields["environmentDefaultValues"] = Wire.Value(new[] { "us" });
        var (created, inputs) = await H.CreateAsync(ConnectionType, "wh", withAttribute);
        using var omni = H.OutOfBand();
        var stored = await omni.Connections.GetAsync(created.Id);
        Assert.Equal("region", stored!.EnvironmentAttributeName);
        Assert.Equal(["us"], stored.EnvironmentDefaultValues);
        Assert.Equal(1, await H.CountAsync("PATCH", ConnectionById)); // create cannot take it: one PATCH after the POST

        var read = await H.RefreshAsync(ConnectionType, "wh", created.Id, created.Properties, inputs);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, (await H.DiffAsync(ConnectionType, read.Id, read.Properties, read.Inputs, inputs)).Changes);

        var values = inputs.Clone();
        values.Fields["environmentDefaultValues"] = Wire.Value(new[] { "us", "eu" });
        var diff = await H.DiffAsync(ConnectionType, created.Id, created.Properties, inputs, values);
        Assert.Equal(["environmentDefaultValues"], diff.Diffs);
        Assert.Empty(diff.Replaces);
        var updated = await UpdateAsync("wh", created, inputs, values);
        Assert.Equal(["eu", "us"], (await omni.Connections.GetAsync(created.Id))!.EnvironmentDefaultValues!.Order(StringComparer.Ordinal));

        await omni.Connections.UpdateAsync(created.Id, new Omni.Client.ConnectionUpdate { EnvironmentAttributeName = "department" });
        var drift = await H.RefreshAsync(ConnectionType, "wh", created.Id, updated.Properties, values);
        Assert.Equal("department", drift.Inputs.Fields["environmentUserAttribute"].StringValue);
        Assert.Contains("environmentUserAttribute", (await H.DiffAsync(ConnectionType, drift.Id, drift.Properties, drift.Inputs, values)).Diffs);

        var cleared = Inputs();
        await H.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = Urn(ConnectionType, "wh"), Type = ConnectionType, Olds = drift.Properties, OldInputs = drift.Inputs, News = cleared,
        });
        Assert.Null((await omni.Connections.GetAsync(created.Id))!.EnvironmentAttributeName);

        var orphanValues = Inputs();
        orphanValues.Fields["environmentDefaultValues"] = Wire.Value(new[] { "us" });
        Assert.Equal("environmentDefaultValues", Assert.Single((await H.CheckAsync(ConnectionType, "x", orphanValues)).Failures).Property);
    }
}
