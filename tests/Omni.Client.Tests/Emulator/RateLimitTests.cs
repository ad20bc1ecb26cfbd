using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Emulator;

public sealed class RateLimitTests
{
    /// <summary>
    /// The emulator allows 60 requests per 2-second window: Omni's 60 a minute, sped up 30×. The clients run at the
    /// SAME nominal rate, 60 per window, with buckets built exactly as in production (burst 3, refill 56 per window)
    /// but over 2 s instead of 60 s, so the zero below is the bucket's one-request margin at work, not slack.
    /// 120 creates take about 4 s.
    /// </summary>
    [Fact]
    public async Task A_hundred_and_twenty_parallel_creates_at_omnis_own_rate_see_zero_429s()
    {
        var window = TimeSpan.FromSeconds(2);
        await using var emulator = await EmulatorHost.StartAsync(requestsPerMinute: 60, window: window);
        await WarmUpAsync(emulator);
        using var registry = new RateLimiterRegistry(window);
        // Two clients for the same organisation and key: the bucket is shared, as it is across a Pulumi run.
        using var first = emulator.CreateClient(requestsPerMinute: 60, registry: registry);
        using var second = emulator.CreateClient(requestsPerMinute: 60, registry: registry);

        var created = await Task.WhenAll(Enumerable.Range(0, 120).Select(i =>
            (i % 2 == 0 ? first : second).Users.CreateAsync(new ScimUserCreate($"bulk{i:D3}@example.com", $"Bulk {i}"))));

        Assert.Equal(120, created.Select(u => u.Id).Distinct().Count());
        Assert.Equal(0, await emulator.CountAsync(429));
        Assert.Equal(120, await emulator.CountAsync(201));
    }

    /// <summary>
    /// The first requests of a process pay for JIT compilation on both sides, which would stretch the emulator's
    /// first window by their delay; a few unlimited calls pay for it up front, then counters and windows are reset.
    /// </summary>
    private static async Task WarmUpAsync(EmulatorHost emulator)
    {
        using (var warm = emulator.CreateClient(requestsPerMinute: 0))
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(i => warm.Users.CreateAsync(new ScimUserCreate($"warm{i}@example.com", "Warm"))));
        }
        await emulator.ResetAsync();
    }

    [Fact]
    public async Task Without_the_client_side_limiter_the_same_burst_does_hit_429s()
    {
        // The control experiment: it shows the zero above is the limiter's doing, not a lenient emulator.
        await using var emulator = await EmulatorHost.StartAsync(requestsPerMinute: 60, window: TimeSpan.FromSeconds(2));
        using var client = emulator.CreateClient(requestsPerMinute: 0, maxRetries: 0);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 80).Select(async i =>
        {
            try
            {
                await client.Users.CreateAsync(new ScimUserCreate($"burst{i:D3}@example.com", $"Burst {i}"));
                return true;
            }
            catch (OmniRateLimitedException)
            {
                return false;
            }
        }));

        Assert.Contains(false, outcomes);
        Assert.True(await emulator.CountAsync(429) > 0);
    }
}
