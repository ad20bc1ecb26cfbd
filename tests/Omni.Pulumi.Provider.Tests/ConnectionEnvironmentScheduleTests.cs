using Google.Protobuf.WellKnownTypes;
using Omni.Client;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>omni:index:ConnectionEnvironment and omni:index:ConnectionSchedule through the gRPC harness, against the emulator.</summary>
public class ConnectionEnvironmentScheduleTests : HarnessTest
{
    private const string EnvironmentType = "omni:index:ConnectionEnvironment";
    private const string ScheduleType = "omni:index:ConnectionSchedule";
    private const string EnvironmentById = "/api/v1/connection-environments/{id}";
    private const string ScheduleById = "/api/v1/connections/{connectionid}/schedules/{scheduleid}"; // the emulator counts routes in lower case

    private async Task<string> ConnectionAsync(string name, string dialect = "postgres")
    {
        using var omni = H.OutOfBand();
        return await omni.Connections.CreateAsync(new ConnectionCreate(name, dialect) { Database = "analytics", Password = "pw" });
    }

    private static Struct EnvironmentInputs(string baseId, string connectionId, params string[] values) => values.Length == 0
        ? Wire.Struct(("baseConnectionId", baseId), ("connectionId", connectionId))
        : Wire.Struct(("baseConnectionId", baseId), ("connectionId", connectionId), ("userAttributeValues", values));

    private static Struct ScheduleInputs(string connectionId, string schedule = "0 2 * * ? *", string timezone = "Europe/Paris") =>
        Wire.Struct(("connectionId", connectionId), ("schedule", schedule), ("timezone", timezone));

    // ---- ConnectionEnvironment ---------------------------------------------------------------

    [Fact]
    public async Task Environment_create_with_values_refresh_import_and_delete_twice()
    {
        await H.ConfigureAsync();
        var prod = await ConnectionAsync("Prod");
        var staging = await ConnectionAsync("Staging");

        var (created, inputs) = await H.CreateAsync(EnvironmentType, "env", EnvironmentInputs(prod, staging, "staging", "qa"));

        using var omni = H.OutOfBand();
        var stored = Assert.Single(await omni.Connections.ListEnvironmentsAsync());
        Assert.Equal(created.Id, stored.Id);
        Assert.Equal(prod, stored.BaseConnectionId);
        Assert.Equal(staging, stored.ConnectionId);
        Assert.Equal(["qa", "staging"], stored.UserAttributeValues.Order(StringComparer.Ordinal));

        var read = await H.RefreshAsync(EnvironmentType, "env", created.Id, created.Properties, inputs);
        Assert.Equal(created.Id, read.Id);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, (await H.DiffAsync(EnvironmentType, read.Id, read.Properties, read.Inputs, inputs)).Changes);

        // Import by the environment's id, and by the environment connection's id.
        var imported = await H.ImportAsync(EnvironmentType, "i", created.Id);
        Assert.Equal(prod, imported.Inputs.Fields["baseConnectionId"].StringValue);
        Assert.Equal(["staging", "qa"], Strings(imported.Inputs.Fields["userAttributeValues"]));
        Assert.Equal(created.Id, (await H.ImportAsync(EnvironmentType, "j", staging)).Id);
        Assert.Equal("", (await H.ImportAsync(EnvironmentType, "none", Guid.NewGuid().ToString())).Id);

        await H.DeleteAsync(EnvironmentType, "env", created.Id, created.Properties);
        Assert.Empty(await omni.Connections.ListEnvironmentsAsync());
        await H.DeleteAsync(EnvironmentType, "env", created.Id, created.Properties); // Omni answers 404: done
        Assert.Equal(2, await H.CountAsync("DELETE", EnvironmentById));
        Assert.NotNull(await omni.Connections.GetAsync(staging)); // both connections stay

        var gone = await H.RefreshAsync(EnvironmentType, "env", created.Id, created.Properties, inputs);
        Assert.Equal("", gone.Id);
        Assert.Contains("no longer exists", Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_values_change_in_place_and_connections_replace_it_deleting_first()
    {
        await H.ConfigureAsync();
        var prod = await ConnectionAsync("Prod");
        var staging = await ConnectionAsync("Staging");
        var dev = await ConnectionAsync("Dev");
        var (created, inputs) = await H.CreateAsync(EnvironmentType, "env", EnvironmentInputs(prod, staging));
        Assert.Equal(0, await H.CountAsync("PUT", EnvironmentById)); // no values: no PUT after the POST

        var news = (await H.CheckAsync(EnvironmentType, "env", EnvironmentInputs(prod, staging, "eu"))).Inputs;
        var diff = await H.DiffAsync(EnvironmentType, created.Id, created.Properties, inputs, news);
        Assert.Equal(["userAttributeValues"], diff.Diffs);
        Assert.Empty(diff.Replaces);
        await H.UpdateAsync(EnvironmentType, "env", created.Id, created.Properties, inputs, news);
        using var omni = H.OutOfBand();
        Assert.Equal(["eu"], Assert.Single(await omni.Connections.ListEnvironmentsAsync()).UserAttributeValues);

        var moved = (await H.CheckAsync(EnvironmentType, "env", EnvironmentInputs(prod, dev, "eu"))).Inputs;
        var replace = await H.DiffAsync(EnvironmentType, created.Id, created.Properties, news, moved);
        Assert.Equal(["connectionId"], replace.Replaces);
        Assert.True(replace.DeleteBeforeReplace);
    }

    [Fact]
    public async Task Environment_values_changed_in_omni_are_drift_and_a_deleted_connection_makes_it_gone()
    {
        await H.ConfigureAsync();
        var prod = await ConnectionAsync("Prod");
        var staging = await ConnectionAsync("Staging");
        var (created, inputs) = await H.CreateAsync(EnvironmentType, "env", EnvironmentInputs(prod, staging, "staging"));
        using var omni = H.OutOfBand();
        await omni.Connections.UpdateEnvironmentAsync(created.Id, ["staging", "uat"]);

        var read = await H.RefreshAsync(EnvironmentType, "env", created.Id, created.Properties, inputs);
        Assert.Equal(["staging", "uat"], Strings(read.Inputs.Fields["userAttributeValues"]));
        Assert.Equal(["userAttributeValues"], (await H.DiffAsync(EnvironmentType, read.Id, read.Properties, read.Inputs, inputs)).Diffs);

        await omni.Connections.DeleteAsync(staging);
        Assert.Equal("", (await H.RefreshAsync(EnvironmentType, "env", created.Id, read.Properties, read.Inputs)).Id);
    }

    [Fact]
    public async Task Environment_check_and_create_name_the_field_omni_refuses()
    {
        await H.ConfigureAsync();
        var prod = await ConnectionAsync("Prod");
        var snowflake = await ConnectionAsync("Lake", "snowflake");
        var before = await H.TotalRequestsAsync();

        var self = await H.CheckAsync(EnvironmentType, "env", EnvironmentInputs(prod, prod));
        Assert.Equal("connectionId", Assert.Single(self.Failures).Property);
        Assert.Equal(before, await H.TotalRequestsAsync());

        var error = await ProviderHarness.FailsAsync(() => H.CreateAsync(EnvironmentType, "env", EnvironmentInputs(prod, snowflake)));
        Assert.Contains("dialect", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains($"connection {snowflake}", error.Status.Detail, StringComparison.Ordinal);
    }

    // ---- ConnectionSchedule ------------------------------------------------------------------

    [Fact]
    public async Task Schedule_create_update_in_place_refresh_import_and_delete_twice()
    {
        await H.ConfigureAsync();
        var connection = await ConnectionAsync("Prod");

        var (created, inputs) = await H.CreateAsync(ScheduleType, "nightly", ScheduleInputs(connection, "0  2 * * ?   *"));
        Assert.Equal("0 2 * * ? *", created.Properties.Fields["schedule"].StringValue); // Check normalised the spacing, as Omni stores it
        Assert.Contains("02:00", created.Properties.Fields["description"].StringValue, StringComparison.Ordinal);
        using var omni = H.OutOfBand();
        var stored = await omni.Connections.GetScheduleAsync(connection, created.Id);
        Assert.Equal("Europe/Paris", stored!.Timezone);

        var read = await H.RefreshAsync(ScheduleType, "nightly", created.Id, created.Properties, inputs);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, (await H.DiffAsync(ScheduleType, read.Id, read.Properties, read.Inputs, inputs)).Changes);

        var news = (await H.CheckAsync(ScheduleType, "nightly", ScheduleInputs(connection, "30 4 ? * MON *", "UTC"))).Inputs;
        var diff = await H.DiffAsync(ScheduleType, created.Id, created.Properties, inputs, news);
        Assert.Equal(["schedule", "timezone"], diff.Diffs.Order(StringComparer.Ordinal));
        Assert.Empty(diff.Replaces);
        var updated = await H.UpdateAsync(ScheduleType, "nightly", created.Id, created.Properties, inputs, news);
        Assert.Equal("UTC", (await omni.Connections.GetScheduleAsync(connection, created.Id))!.Timezone);
        Assert.Equal(1, await H.CountAsync("PUT", ScheduleById));

        // Import by connectionId/scheduleId and by the bare schedule id.
        var imported = await H.ImportAsync(ScheduleType, "i", $"{connection}/{created.Id}");
        Assert.Equal("30 4 ? * MON *", imported.Inputs.Fields["schedule"].StringValue);
        Assert.Equal(connection, imported.Inputs.Fields["connectionId"].StringValue);
        Assert.Equal(created.Id, (await H.ImportAsync(ScheduleType, "j", created.Id)).Id);
        Assert.Equal("", (await H.ImportAsync(ScheduleType, "none", Guid.NewGuid().ToString())).Id);

        await H.DeleteAsync(ScheduleType, "nightly", created.Id, updated.Properties);
        Assert.Null(await omni.Connections.GetScheduleAsync(connection, created.Id));
        await H.DeleteAsync(ScheduleType, "nightly", created.Id, updated.Properties); // 404: done
        Assert.Equal(2, await H.CountAsync("DELETE", ScheduleById));
        Assert.Equal("", (await H.RefreshAsync(ScheduleType, "nightly", created.Id, updated.Properties, news)).Id);
    }

    [Fact]
    public async Task Schedule_changed_in_omni_is_drift_a_new_connection_replaces_it_and_a_deleted_connection_makes_it_gone()
    {
        await H.ConfigureAsync();
        var connection = await ConnectionAsync("Prod");
        var other = await ConnectionAsync("Other");
        var (created, inputs) = await H.CreateAsync(ScheduleType, "nightly", ScheduleInputs(connection));
        using var omni = H.OutOfBand();
        await omni.Connections.UpdateScheduleAsync(connection, created.Id, "0 5 * * ? *", "Europe/Paris");

        var read = await H.RefreshAsync(ScheduleType, "nightly", created.Id, created.Properties, inputs);
        Assert.Equal("0 5 * * ? *", read.Inputs.Fields["schedule"].StringValue);
        Assert.Equal(["schedule"], (await H.DiffAsync(ScheduleType, read.Id, read.Properties, read.Inputs, inputs)).Diffs);

        var moved = (await H.CheckAsync(ScheduleType, "nightly", ScheduleInputs(other))).Inputs;
        Assert.Equal(["connectionId"], (await H.DiffAsync(ScheduleType, created.Id, created.Properties, inputs, moved)).Replaces);

        await omni.Connections.DeleteAsync(connection);
        Assert.Equal("", (await H.RefreshAsync(ScheduleType, "nightly", created.Id, read.Properties, read.Inputs)).Id);
        await H.DeleteAsync(ScheduleType, "nightly", created.Id, read.Properties); // the connection is in the trash: done
    }

    [Fact]
    public async Task Schedule_check_names_a_malformed_cron_and_omni_refusing_a_zone_names_the_fields()
    {
        await H.ConfigureAsync();
        var connection = await ConnectionAsync("Prod");
        var before = await H.TotalRequestsAsync();

        var five = await H.CheckAsync(ScheduleType, "s", ScheduleInputs(connection, "0 2 * * *"));
        var bothDays = await H.CheckAsync(ScheduleType, "s", ScheduleInputs(connection, "0 2 * * * *"));

        Assert.Equal(before, await H.TotalRequestsAsync());
        Assert.Contains("6-field", Assert.Single(five.Failures, f => f.Property == "schedule").Reason, StringComparison.Ordinal);
        Assert.Contains("'?'", Assert.Single(bothDays.Failures, f => f.Property == "schedule").Reason, StringComparison.Ordinal);

        var error = await ProviderHarness.FailsAsync(() => H.CreateAsync(ScheduleType, "s", ScheduleInputs(connection, timezone: "Mars/Olympus")));
        Assert.Contains("timezone", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("IANA", error.Status.Detail, StringComparison.Ordinal);
    }
}
