using Microsoft.Extensions.Time.Testing;
using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task The_61st_request_in_a_minute_is_429_without_Retry_After_and_the_next_window_is_open_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var emulator = await TestEmulator.StartAsync(o => o with { RequestsPerMinute = 60, TimeProvider = clock });

        for (var i = 1; i <= 60; i++)
        {
            await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/users"), 200);
            clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        using var limited = await emulator.GetAsync("/api/scim/v2/users");
        Assert.Equal("Too many requests", await Responses.ExpectErrorAsync(limited, 429));
        Assert.False(limited.Headers.Contains("Retry-After"));
        await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/scim/v2/users", """{"userName": "a@example.com", "displayName": "A"}"""), 429);

        clock.Advance(TimeSpan.FromSeconds(30));
        await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/users"), 200);
        // The refused create did not happen.
        Assert.Equal(0, (int)(await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/users"), 200))["totalResults"]!);
    }

    [Fact]
    public async Task Retry_After_is_sent_when_asked_for_and_counts_the_seconds_left_in_the_window()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await TestEmulator.StartAsync(o => o with { RequestsPerMinute = 2, RetryAfter = true, TimeProvider = clock });
        await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/whoami"), 200);
        clock.Advance(TimeSpan.FromSeconds(20));
        await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/whoami"), 200);

        using var limited = await emulator.GetAsync("/api/v1/whoami");
        await Responses.ExpectErrorAsync(limited, 429);
        Assert.Equal(TimeSpan.FromSeconds(40), limited.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Each_key_has_its_own_window()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await TestEmulator.StartAsync(o => o with { RequestsPerMinute = 1, TimeProvider = clock });
        await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/whoami"), 200);
        await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/v1/whoami"), 429);

        using var pat = emulator.ClientWithToken(TestEmulator.Pat);
        await Responses.ExpectAsync(await pat.GetAsync("/api/v1/whoami"), 200);
        await Responses.ExpectErrorAsync(await pat.GetAsync("/api/v1/whoami"), 429);
    }

    [Fact]
    public async Task A_short_window_from_the_options_refills_after_it_passes()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await TestEmulator.StartAsync(o => o with
        {
            RequestsPerMinute = 3,
            RateLimitWindow = TimeSpan.FromSeconds(2),
            TimeProvider = clock,
        });
        for (var i = 0; i < 3; i++)
        {
            await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/groups"), 200);
        }

        await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/scim/v2/groups"), 429);
        clock.Advance(TimeSpan.FromSeconds(2));
        await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/groups"), 200);
    }

    [Fact]
    public async Task Zero_requests_per_minute_turns_the_limit_off_and_the_admin_api_is_never_limited()
    {
        var clock = new FakeTimeProvider();
        await using var unlimited = await TestEmulator.StartAsync(o => o with { RequestsPerMinute = 0, TimeProvider = clock });
        for (var i = 0; i < 100; i++)
        {
            await Responses.ExpectAsync(await unlimited.GetAsync("/api/v1/whoami"), 200);
        }

        await using var limited = await TestEmulator.StartAsync(o => o with { RequestsPerMinute = 1, TimeProvider = clock });
        await Responses.ExpectAsync(await limited.GetAsync("/api/v1/whoami"), 200);
        for (var i = 0; i < 5; i++)
        {
            await Responses.ExpectAsync(await limited.GetAsync("/__emulator/counters"), 200);
        }
    }
}
