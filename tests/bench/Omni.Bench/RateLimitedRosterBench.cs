using Omni.Client;

namespace Omni.Bench;

/// <summary>
/// A roster larger than one window of Omni's limit, created with the parallelism the Pulumi engine uses.
/// Baseline: the ideal time at exactly the allowed rate. The ratio shows how close the client's token bucket
/// runs to the limit; the note shows the 429s the emulator gave (the goal is zero).
/// </summary>
internal static class RateLimitedRosterBench
{
    public static async Task<BenchResult> RunAsync(BenchOptions options, CancellationToken ct = default)
    {
        // 60 requests per 2-second window: Omni's 60 a minute, thirty times faster, so the run stays short.
        var window = TimeSpan.FromSeconds(2);
        const int perWindow = 60;
        var users = options.Iterations >= 200 ? 180 : 90;
        await using var emulator = await BenchEmulator.StartAsync(perWindow, window, ct);
        // The client's bucket counts over the emulator's window, exactly as in production it counts over Omni's
        // minute: the same nominal rate on both sides, so a 429 here is a 429 there.
        using var registry = new RateLimiterRegistry(window);
        using var client = new OmniClient(new OmniClientOptions
        {
            BaseUrl = emulator.BaseUrl.ToString(),
            ApiKey = emulator.ApiKey,
            RequestsPerMinute = perWindow,
        }, rateLimiters: registry);

        // One create before the clock starts: the bench runs without tiered JIT, so the first calls compile the
        // client's whole path (~0.4 s here), which is start-up, not the rate. Its token comes from the same bucket.
        await client.Users.CreateAsync(new ScimUserCreate("roster.warmup@example.com", "Roster warm-up"), ct);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 10, CancellationToken = ct }, async (i, token) =>
            await client.Users.CreateAsync(new ScimUserCreate($"roster{i}@example.com", $"Roster {i}"), token));
        var elapsed = sw.Elapsed;
        var ideal = window * ((double)users / perWindow);
        var tooMany = await emulator.CountStatusAsync(429, ct);
        return BenchResult.Time("rate-limited-roster", elapsed, ideal,
            $"{users} creates at {perWindow}/{window.TotalSeconds:0}s vs the ideal at that rate; 429s: {tooMany} (goal 0)", ok: tooMany == 0);
    }
}
