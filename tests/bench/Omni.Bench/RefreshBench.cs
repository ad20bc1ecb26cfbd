using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Omni.Client;

namespace Omni.Bench;

/// <summary>
/// `pulumi refresh` of a large roster through the built plugin: the engine sends one Read per user,
/// with parallelism. Rows: the requests Omni (the emulator) answers for 2,000 users against the pages
/// a direct listing needs, the wall time at Omni's 60 a minute scaled down against the ideal (defined
/// below), and the plugin's peak RSS during a 500-user refresh against its RSS when idle.
/// </summary>
/// <remarks>
/// <para>Scaling: the emulator allows <see cref="PerWindow"/> requests per <see cref="Window"/> (Omni's 60 a
/// minute, sixty times faster), and the plugin and the direct client are configured with the same rate written
/// per minute (omni:requestsPerMinute = 3600), so both pace their requests exactly as they would at 60 a
/// minute, sixty times faster. (The plugin cannot be given the emulator's window; configured with 60 a minute
/// it would wait a real second per page, which is what an earlier run measured: 19.5 s.)</para>
/// <para>Ideal wall time = max(pages x interval, the direct listing) + the Reads answered from memory:
/// pages x interval is the rate limit's floor for ⌈N/100⌉ pages (interval = 60 s / requestsPerMinute);
/// the direct listing is the same pages fetched by an <see cref="OmniClient"/> with the same options in
/// this run (so a slow emulator is not counted against the plugin); the Reads answered from memory are
/// the same N Reads sent again right after, while the listing is still fresh (zero requests): the fixed
/// cost of N gRPC calls that does not shrink when the limit is scaled down. At the real limit the floor
/// is ⌈N/100⌉ seconds and that fixed cost is a small part of the whole.</para>
/// </remarks>
internal static class RefreshBench
{
    private const int Parallelism = 16;
    private const int PerWindow = 60;

    // Omni's 60 a minute, sixty times faster: at one GET per user this refresh would take 2000/60 s.
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>The same rate as the emulator's, as omni:requestsPerMinute (the plugin's bucket counts over a minute).</summary>
    private static readonly int ScaledPerMinute = (int)(PerWindow * (TimeSpan.FromMinutes(1) / Window));

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(string pluginPath, BenchOptions options, CancellationToken ct = default)
    {
        var results = new List<BenchResult>();
        results.AddRange(await LargeRefreshAsync(pluginPath, 2000, ct));
        results.Add(await PeakRssAsync(pluginPath, 500, ct));
        return results;
    }

    private static async Task<IReadOnlyList<BenchResult>> LargeRefreshAsync(string pluginPath, int users, CancellationToken ct)
    {
        var data = Directory.CreateTempSubdirectory("omni-bench-refresh-");
        var apiKey = "bench-" + Guid.NewGuid().ToString("N");
        try
        {
            List<(string Name, string Id, Struct State)> held;
            await using (var seeding = await BenchEmulator.StartAsync(0, Window, ct, data.FullName, apiKey))
            {
                held = await SeedAsync(seeding, users, ct);
            }

            await using var emulator = await BenchEmulator.StartAsync(PerWindow, Window, ct, data.FullName, apiKey);

            // The direct listing: the pages an OmniClient with the plugin's options lists, at the same limit.
            using var client = new OmniClient(new OmniClientOptions { BaseUrl = emulator.BaseUrl.ToString(), ApiKey = apiKey, RequestsPerMinute = ScaledPerMinute });
            var before = await emulator.CountRequestsAsync(ct);
            var sw = Stopwatch.StartNew();
            var listed = 0;
            await foreach (var _ in client.Users.ListAsync(ct: ct))
            {
                listed++;
            }

            var directTime = sw.Elapsed;
            var directRequests = await emulator.CountRequestsAsync(ct) - before;
            if (listed != users)
            {
                throw new InvalidOperationException($"the direct listing found {listed} users, not {users}");
            }

            await Task.Delay(Window * 1.5, ct); // a fresh window for the plugin, as the direct listing had

            // Candidate: the plugin as the engine drives a refresh (Configure, then one Read per user).
            before = await emulator.CountRequestsAsync(ct);
            using var plugin = await PluginConnection.StartAsync(pluginPath, emulator, requestsPerMinute: ScaledPerMinute, ct);
            sw.Restart();
            await RefreshAllAsync(plugin, held, ct);
            var refreshTime = sw.Elapsed;
            var refreshRequests = await emulator.CountRequestsAsync(ct) - before;

            // The fixed cost: the same Reads again, answered from memory. One Read first makes sure the listing is
            // fresh (it lists again if the refresh above outlived its lifetime); a pass that still had to list
            // (a machine so slow that 2,000 Reads outlast the lifetime) is tried once more, then reported as such.
            TimeSpan answerTime = default;
            TimeSpan? cpu = null;
            long warmRequests = 0;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                await plugin.RefreshAsync(held[0].Name, held[0].Id, held[0].State, ct);
                var requestsBefore = await emulator.CountRequestsAsync(ct);
                var cpuBefore = plugin.Plugin.CpuTime();
                sw.Restart();
                await RefreshAllAsync(plugin, held, ct);
                answerTime = sw.Elapsed;
                cpu = plugin.Plugin.CpuTime() - cpuBefore;
                warmRequests = await emulator.CountRequestsAsync(ct) - requestsBefore;
                if (warmRequests == 0)
                {
                    break;
                }
            }

            var tooMany = await emulator.CountStatusAsync(429, ct);

            var pages = (users + 99) / 100;
            var interval = TimeSpan.FromMinutes(1) / ScaledPerMinute;
            var floor = interval * pages;
            var ideal = (floor > directTime ? floor : directTime) + answerTime;
            var perRead = answerTime.TotalMilliseconds * 1000 / users;
            var cpuPerRead = cpu is { } used ? $", plugin CPU {used.TotalMilliseconds * 1000 / users:0} µs" : "";
            var goal = pages + 5;
            return
            [
                new BenchResult($"refresh-{users}-requests", refreshRequests, directRequests, "requests", $"<= {goal} (ceil(N/100)+5)",
                    $"{users} Reads over gRPC (Configure's whoami included) vs a direct listing; at one GET a user: {users}", Ok: refreshRequests <= goal),
                BenchResult.Time($"refresh-{users}-time", refreshTime, ideal,
                    $"{users} Reads, parallelism {Parallelism}, emulator at {PerWindow}/{Window.TotalSeconds:0}s, plugin and client at {ScaledPerMinute}/min; "
                    + $"ideal = max({pages} pages x {interval.TotalMilliseconds:0.#} ms = {floor.TotalMilliseconds:0} ms, direct listing {directTime.TotalMilliseconds:0} ms) "
                    + $"+ {users} Reads from memory {answerTime.TotalMilliseconds:0} ms ({perRead:0} µs a Read{cpuPerRead}"
                    + (warmRequests == 0 ? "" : $"; NOT all from memory: the listing expired during that pass and it sent {warmRequests} requests, so the ideal is overstated")
                    + $"); 429s: {tooMany} (goal 0)",
                    maxRatio: 1.1, ok: tooMany == 0),
            ];
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task<BenchResult> PeakRssAsync(string pluginPath, int users, CancellationToken ct)
    {
        await using var emulator = await BenchEmulator.StartAsync(0, Window, ct);
        var held = await SeedAsync(emulator, users, ct);
        using var plugin = await PluginConnection.StartAsync(pluginPath, emulator, requestsPerMinute: 0, ct);
        if (plugin.Plugin.PeakRssMiB() is not { } idle)
        {
            Console.WriteLine($"SKIP refresh-{users}-rss: /proc/<pid>/status is not available on this system.");
            return new BenchResult($"refresh-{users}-rss", double.NaN, double.NaN, "MiB", "reported", "skipped: no /proc");
        }

        await RefreshAllAsync(plugin, held, ct);
        var peak = plugin.Plugin.PeakRssMiB() ?? double.NaN;
        return new BenchResult($"refresh-{users}-rss", peak, idle, "MiB", "reported",
            $"plugin's peak RSS (VmHWM) after a {users}-user refresh vs after Configure");
    }

    /// <summary>Users with one attribute, as the engine would hold them after creating them.</summary>
    internal static async Task<List<(string Name, string Id, Struct State)>> SeedAsync(BenchEmulator emulator, int users, CancellationToken ct)
    {
        using var client = emulator.Client();
        var held = new (string, string, Struct)[users];
        await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var userName = $"refresh{i}@example.com";
            var user = await client.Users.CreateAsync(new ScimUserCreate(userName, "Bench User",
                new Dictionary<string, AttributeValue> { ["region"] = AttributeValue.Of("emea") }), token);
            held[i] = ($"u{i}", user.Id, PluginConnection.UserInputs(userName));
        });
        return [.. held];
    }

    private static async Task RefreshAllAsync(PluginConnection plugin, List<(string Name, string Id, Struct State)> held, CancellationToken ct) =>
        await Parallel.ForEachAsync(held, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (user, token) =>
        {
            if (await plugin.RefreshAsync(user.Name, user.Id, user.State, token) != user.Id)
            {
                throw new InvalidOperationException($"the refresh reported {user.Name} ({user.Id}) gone");
            }
        });
}
