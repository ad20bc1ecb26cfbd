using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

public sealed class FaultAndAdminTests
{
    private const string NewUser = """{"userName": "fault@example.com", "displayName": "Fault"}""";

    [Fact]
    public async Task A_before_fault_answers_its_status_without_running_the_handler_for_count_times()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddFaultAsync(emulator, """{"method": "POST", "path": "/api/scim/v2/users", "status": 503, "count": 2}""");

        for (var i = 0; i < 2; i++)
        {
            Assert.Contains("Injected fault", await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/scim/v2/Users", NewUser), 503),
                StringComparison.Ordinal);
        }

        Assert.Equal(0, await UserCountAsync(emulator));
        await Responses.ExpectAsync(await emulator.PostAsync("/api/scim/v2/users", NewUser), 201);
    }

    [Fact]
    public async Task A_fault_matches_only_its_method_and_path_prefix()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddFaultAsync(emulator, """{"method": "DELETE", "path": "/API/SCIM/V2/GROUPS", "status": 500}""");

        var user = (await emulator.CreateUserAsync("untouched@example.com")).Str("id");
        var group = (await emulator.CreateGroupAsync("Faulty")).Str("id");
        await Responses.ExpectErrorAsync(await emulator.DeleteAsync($"/api/scim/v2/groups/{group}"), 500);
        await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/groups/{group}"), 200);
        await Responses.ExpectAsync(await emulator.DeleteAsync($"/api/scim/v2/users/{user}"), 204);
    }

    [Fact]
    public async Task An_after_fault_applies_the_write_and_then_replaces_the_answer()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddFaultAsync(emulator, """{"method": "POST", "path": "/api/scim/v2/users", "status": 502, "phase": "after", "count": 1}""");

        await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/scim/v2/users", NewUser), 502);

        Assert.Equal(1, await UserCountAsync(emulator));
        Assert.Equal("User with this email already exists",
            await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/scim/v2/users", NewUser), 409));
    }

    [Fact]
    public async Task An_after_drop_applies_the_write_and_then_aborts_the_connection()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddFaultAsync(emulator, """{"method": "POST", "path": "/api/scim/v2/users", "drop": true, "phase": "after", "count": 1}""");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => emulator.PostAsync("/api/scim/v2/users", NewUser));

        Assert.Equal(1, await UserCountAsync(emulator));
        var counters = await Responses.ExpectAsync(await emulator.GetAsync("/__emulator/counters"), 200);
        Assert.Equal(1, (int)counters["byRoute"]!["POST /api/scim/v2/users"]!["byStatus"]!["dropped"]!);
    }

    [Fact]
    public async Task A_before_drop_aborts_without_applying_the_write()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddFaultAsync(emulator, """{"path": "/api/scim/v2/users", "drop": true, "count": 1}""");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => emulator.PostAsync("/api/scim/v2/users", NewUser));

        Assert.Equal(0, await UserCountAsync(emulator));
    }

    [Fact]
    public async Task Added_latency_holds_the_answer_until_the_clock_has_moved_on()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await TestEmulator.StartAsync(o => o with { TimeProvider = clock });
        await AddFaultAsync(emulator, """{"method": "GET", "path": "/api/v1/whoami", "latencyMs": 3600000}""");

        var pending = emulator.GetAsync("/api/v1/whoami");
        // Nothing moves the fake clock, so the answer cannot come; this waits for its absence, not for a duration.
        Assert.NotSame(pending, await Task.WhenAny(pending, Task.Delay(TimeSpan.FromMilliseconds(300))));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!pending.IsCompleted && !timeout.IsCancellationRequested)
        {
            clock.Advance(TimeSpan.FromHours(1));
            await Task.WhenAny(pending, Task.Delay(50));
        }

        await Responses.ExpectAsync(await pending, 200);
    }

    [Fact]
    public async Task A_fault_with_probability_zero_never_fires_and_deleted_faults_stop_firing()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddFaultAsync(emulator, """{"path": "/api/v1/whoami", "status": 500, "probability": 0}""");
        for (var i = 0; i < 10; i++)
        {
            await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/whoami"), 200);
        }

        var id = await AddFaultAsync(emulator, """{"path": "/api/v1/whoami", "status": 429}""");
        await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/v1/whoami"), 429);
        await Responses.ExpectAsync(await emulator.DeleteAsync($"/__emulator/faults/{id}"), 204);
        await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/whoami"), 200);
        await Responses.ExpectErrorAsync(await emulator.DeleteAsync($"/__emulator/faults/{id}"), 404);

        await AddFaultAsync(emulator, """{"status": 503}""");
        await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/scim/v2/users"), 503);
        await Responses.ExpectAsync(await emulator.DeleteAsync("/__emulator/faults"), 204);
        await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/users"), 200);
    }

    [Theory]
    [InlineData("""{"status": 42}""", "status")]
    [InlineData("""{"status": 500, "phase": "during"}""", "phase")]
    [InlineData("""{"status": 500, "count": 0}""", "count")]
    [InlineData("""{"status": 500, "probability": 1.5}""", "probability")]
    [InlineData("""{"latencyMs": -1}""", "latencyMs")]
    [InlineData("""{"path": "/api"}""", "status, latencyMs or drop")]
    [InlineData("""{"status": "x"}""", "Invalid fault rule")]
    public async Task An_invalid_fault_rule_is_400_naming_the_field(string rule, string named)
    {
        await using var emulator = await TestEmulator.StartAsync();
        Assert.Contains(named, await Responses.ExpectErrorAsync(await emulator.PostAsync("/__emulator/faults", rule), 400),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counters_count_answers_by_status_and_by_route_with_ids_replaced()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("counted@example.com")).Str("id");
        await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/Users/{id}"), 200);
        await Responses.ExpectErrorAsync(await emulator.GetAsync($"/api/scim/v2/users/{Guid.NewGuid()}"), 404);
        using (var anonymous = emulator.ClientWithToken(null))
        {
            await Responses.ExpectErrorAsync(await anonymous.GetAsync("/api/scim/v2/users"), 401);
        }

        var counters = await Responses.ExpectAsync(await emulator.GetAsync("/__emulator/counters"), 200);

        Assert.Equal(4, (int)counters["total"]!);
        Assert.Equal("""{"200":1,"201":1,"401":1,"404":1}""", counters["byStatus"]!.ToJsonString());
        Assert.Equal("""{"total":2,"byStatus":{"200":1,"404":1}}""", counters["byRoute"]!["GET /api/scim/v2/users/{id}"]!.ToJsonString());
        Assert.Equal("""{"total":1,"byStatus":{"201":1}}""", counters["byRoute"]!["POST /api/scim/v2/users"]!.ToJsonString());
        Assert.Equal("""{"total":1,"byStatus":{"401":1}}""", counters["byRoute"]!["GET /api/scim/v2/users"]!.ToJsonString());
    }

    [Fact]
    public async Task Rate_limited_answers_are_counted_too()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await TestEmulator.StartAsync(o => o with { RequestsPerMinute = 1, TimeProvider = clock });
        await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/groups"), 200);
        await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/scim/v2/groups"), 429);

        var counters = await Responses.ExpectAsync(await emulator.GetAsync("/__emulator/counters"), 200);
        Assert.Equal("""{"total":2,"byStatus":{"200":1,"429":1}}""", counters["byRoute"]!["GET /api/scim/v2/groups"]!.ToJsonString());
    }

    [Fact]
    public async Task Reset_clears_users_groups_faults_counters_and_rate_limit_windows()
    {
        var clock = new FakeTimeProvider();
        // Two requests before the reset and four after: only a cleared window lets all four through.
        await using var emulator = await TestEmulator.StartAsync(o => o with { RequestsPerMinute = 4, TimeProvider = clock });
        var user = (await emulator.CreateUserAsync("reset@example.com")).Str("id");
        var group = (await emulator.CreateGroupAsync("Reset", user)).Str("id");
        await AddFaultAsync(emulator, """{"path": "/api/v1/whoami", "status": 500}""");
        await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/v1/whoami"), 500);

        await Responses.ExpectAsync(await emulator.PostAsync("/__emulator/reset", ""), 204);

        Assert.Equal("""{"total":0,"byStatus":{},"byRoute":{}}""",
            (await Responses.ExpectAsync(await emulator.GetAsync("/__emulator/counters"), 200)).ToJsonString());
        await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/whoami"), 200);
        await Responses.ExpectErrorAsync(await emulator.GetAsync($"/api/scim/v2/users/{user}"), 404);
        await Responses.ExpectErrorAsync(await emulator.GetAsync($"/api/scim/v2/groups/{group}"), 404);
        Assert.Equal(0, await UserCountAsync(emulator));
    }

    [Fact]
    public async Task The_admin_api_answers_loopback_callers_without_a_key()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var anonymous = emulator.ClientWithToken(null);
        await Responses.ExpectAsync(await anonymous.GetAsync("/__emulator/counters"), 200);
        // Refusing non-loopback callers needs a second network interface, which tests bound to 127.0.0.1 cannot reach;
        // AdminEndpoints.LoopbackOnlyAsync holds that rule.
    }

    private static async Task<string> AddFaultAsync(TestEmulator emulator, string rule) =>
        (await Responses.ExpectAsync(await emulator.PostAsync("/__emulator/faults", rule), 201)).Str("id");

    private static async Task<int> UserCountAsync(TestEmulator emulator) =>
        (int)(await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/users"), 200))["totalResults"]!;
}
