using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Emulator;

public sealed class RateLimitTests
{
    /// <summary>
    /// The emulator allows 60 requests per 2-second window (Omni's 60/minute, sped up 30×). The client is set to
    /// 1200/minute (= 40 per 2 s plus its burst), so 120 parallel creates take about 6 s and never see a 429.
    /// </summary>
    [Fact]
    public async Task A_hundred_and_twenty_parallel_creates_stay_under_the_limit_with_zero_429s()
    {
        await using var emulator = await EmulatorHost.StartAsync(requestsPerMinute: 60, window: TimeSpan.FromSeconds(2));
        using var registry = new RateLimiterRegistry();
        // Two clients for the same organisation and key: the bucket is shared, as it is across a Pulumi run.
        using var first = emulator.CreateClient(requestsPerMinute: 1200, registry: registry);
        using var second = emulator.CreateClient(requestsPerMinute: 1200, registry: registry);

        var created = await Task.WhenAll(Enumerable.Range(0, 120).Select(i =>
            (i % 2 == 0 ? first : second).Users.CreateAsync(new ScimUserCreate($"bulk{i:D3}@example.com", $"Bulk {i}"))));

        Assert.Equal(120, created.Select(u => u.Id).Distinct().Count());
        Assert.Equal(0, await emulator.CountAsync(429));
        Assert.Equal(120, await emulator.CountAsync(201));
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
