using Google.Protobuf.WellKnownTypes;
using Omni.Client;
using Pulumirpc;

namespace Omni.Bench;

/// <summary>
/// What the plugin adds on top of the client for the most common step of `pulumi up`: Check + Create of a
/// user over gRPC (codec, validation, diff of defaults, state mapping) against a direct client create.
/// </summary>
/// <remarks>
/// The baseline is the same work without the plugin: the same user (same attribute) created through an
/// <see cref="OmniClient"/> with the options the plugin builds from its configuration (same limit, retries and
/// timeouts), against the same emulator. Rounds of the two alternate, so machine load falls on both.
/// </remarks>
internal static class PluginOverheadBench
{
    // The plugin's omni:requestsPerMinute and the baseline client's: high enough never to wait, but a
    // limiter in the path of both, as in production.
    private const int RequestsPerMinute = 100_000;

    public static async Task<BenchResult> RunAsync(BenchEmulator emulator, string pluginPath, BenchOptions options, CancellationToken ct = default)
    {
        using var plugin = await PluginConnection.StartAsync(pluginPath, emulator, RequestsPerMinute, ct);
        var provider = plugin.Provider;

        // What ConfigValidator.ToClientOptions builds from the same configuration (its defaults for the rest).
        using var client = new OmniClient(new OmniClientOptions
        {
            BaseUrl = emulator.BaseUrl.ToString(),
            ApiKey = emulator.ApiKey,
            RequestsPerMinute = RequestsPerMinute,
            MaxRetries = 5,
            RequestTimeout = TimeSpan.FromSeconds(30),
        });
        await client.WhoAmIAsync(ct); // as Configure did for the plugin's client: a warm connection for both

        var n = Math.Max(10, options.Iterations / 4);
        var cpuBefore = plugin.Plugin.CpuTime();
        var creates = 0;
        var (candidate, baseline) = await Timing.PairedMediansAsync(options.Rounds, async round =>
        {
            for (var i = 0; i < n; i++)
            {
                var urn = PluginConnection.Urn($"u{round}-{i}");
                var news = PluginConnection.UserInputs($"plugin.{Guid.NewGuid():N}@example.com");
                var check = await provider.CheckAsync(new CheckRequest { Urn = urn, News = news, Olds = new Struct(), Type = "omni:index:User", Name = $"u{i}" }, cancellationToken: ct);
                if (check.Failures.Count > 0)
                {
                    throw new InvalidOperationException($"Check failed: {check.Failures[0].Property}: {check.Failures[0].Reason}");
                }
                var created = await provider.CreateAsync(new CreateRequest { Urn = urn, Properties = check.Inputs, Type = "omni:index:User", Name = $"u{i}" }, cancellationToken: ct);
                if (string.IsNullOrEmpty(created.Id))
                {
                    throw new InvalidOperationException("Create returned an empty id");
                }
                creates++;
            }
        }, async _ =>
        {
            for (var i = 0; i < n; i++)
            {
                await client.Users.CreateAsync(new ScimUserCreate($"client.{Guid.NewGuid():N}@example.com", "Bench User",
                    new Dictionary<string, AttributeValue> { ["region"] = AttributeValue.Of("emea") }), ct);
            }
        });
        var cpu = plugin.Plugin.CpuTime() - cpuBefore;
        var perCreate = cpu is { } used && creates > 0 ? $"; plugin CPU {used.TotalMilliseconds * 1000 / creates:0} µs per Check+Create" : "";
        var breakdown = await BreakdownAsync(provider, client, n, ct);
        return BenchResult.Time("plugin-create", candidate, baseline,
            $"{n} users a round, median of {options.Rounds} alternating rounds: plugin Check+Create over gRPC vs the same create through OmniClient (same options){perCreate}; "
            + $"median per call: empty RPC (GetPluginInfo) {breakdown.Empty:0.00} ms, Check {breakdown.Check:0.00} ms, Create {breakdown.Create:0.00} ms, client create {breakdown.Direct:0.00} ms",
            maxRatio: 1.5);
    }

    /// <summary>Where a Check+Create's time goes, call by call: the gRPC round trip alone (an RPC that does nothing),
    /// Check (no request to Omni: the definitions are cached), Create (one POST) and the client's create (one POST).</summary>
    private static async Task<(double Empty, double Check, double Create, double Direct)> BreakdownAsync(
        ResourceProvider.ResourceProviderClient provider, OmniClient client, int n, CancellationToken ct)
    {
        var empty = new List<TimeSpan>();
        var checks = new List<TimeSpan>();
        var creates = new List<TimeSpan>();
        var direct = new List<TimeSpan>();
        for (var i = 0; i < n; i++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            await provider.GetPluginInfoAsync(new Empty(), cancellationToken: ct);
            empty.Add(sw.Elapsed);

            var urn = PluginConnection.Urn($"b{i}");
            sw.Restart();
            var check = await provider.CheckAsync(new CheckRequest { Urn = urn, News = PluginConnection.UserInputs($"b.{Guid.NewGuid():N}@example.com"), Olds = new Struct(), Type = "omni:index:User", Name = $"b{i}" }, cancellationToken: ct);
            checks.Add(sw.Elapsed);

            sw.Restart();
            await provider.CreateAsync(new CreateRequest { Urn = urn, Properties = check.Inputs, Type = "omni:index:User", Name = $"b{i}" }, cancellationToken: ct);
            creates.Add(sw.Elapsed);

            sw.Restart();
            await client.Users.CreateAsync(new ScimUserCreate($"d.{Guid.NewGuid():N}@example.com", "Bench User",
                new Dictionary<string, AttributeValue> { ["region"] = AttributeValue.Of("emea") }), ct);
            direct.Add(sw.Elapsed);
        }

        return (Timing.Median(empty).TotalMilliseconds, Timing.Median(checks).TotalMilliseconds, Timing.Median(creates).TotalMilliseconds, Timing.Median(direct).TotalMilliseconds);
    }
}
