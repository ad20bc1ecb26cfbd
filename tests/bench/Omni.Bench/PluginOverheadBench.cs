using Google.Protobuf.WellKnownTypes;
using Omni.Client;
using Pulumirpc;

namespace Omni.Bench;

/// <summary>
/// What the plugin adds on top of the client when `pulumi up` creates a user. Two rows against the same
/// baseline, a direct client create: <c>plugin-create</c>, the Create RPC alone (binding, the attribute
/// check, the POST, the state mapping, over gRPC), which is what the baseline does; and
/// <c>plugin-check-create</c>, Check + Create, the whole step as the engine drives it (two RPCs for one
/// POST, so its ratio includes a second gRPC round trip the baseline has no counterpart for).
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

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchEmulator emulator, string pluginPath, BenchOptions options, CancellationToken ct = default)
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
        // Rounds of a few milliseconds each: three times the usual count, so one round slowed by the machine cannot
        // move the median (the row takes seconds).
        var rounds = options.Rounds * 3;
        async Task DirectCreates(int _)
        {
            for (var i = 0; i < n; i++)
            {
                await client.Users.CreateAsync(new ScimUserCreate($"client.{Guid.NewGuid():N}@example.com", "Bench User",
                    new Dictionary<string, AttributeValue> { ["region"] = AttributeValue.Of("emea") }), ct);
            }
        }

        // plugin-create: each round's users are checked first (untimed), then created over gRPC (timed).
        var checkedInputs = new List<(string Urn, Struct Inputs)>();
        var cpuBefore = plugin.Plugin.CpuTime();
        var (create, createBaseline) = await Timing.PairedMediansAsync(rounds,
            async _ =>
            {
                foreach (var (urn, inputs) in checkedInputs)
                {
                    await CreateAsync(provider, urn, inputs, ct);
                }
            },
            DirectCreates,
            prepareCandidate: async round =>
            {
                checkedInputs.Clear();
                for (var i = 0; i < n; i++)
                {
                    var urn = PluginConnection.Urn($"c{round}-{i}");
                    checkedInputs.Add((urn, await CheckAsync(provider, urn, ct)));
                }
            });

        // plugin-check-create: the whole step, Check then Create, per user.
        var (checkCreate, checkCreateBaseline) = await Timing.PairedMediansAsync(rounds, async round =>
        {
            for (var i = 0; i < n; i++)
            {
                var urn = PluginConnection.Urn($"u{round}-{i}");
                await CreateAsync(provider, urn, await CheckAsync(provider, urn, ct), ct);
            }
        }, DirectCreates);
        var cpu = plugin.Plugin.CpuTime() - cpuBefore;

        // Per (2 + 2 x rounds) rounds of n users: a Check and a Create each, in both measurements.
        var checkCreates = n * (2 + 2 * rounds);
        var perCall = cpu is { } used ? $"; plugin CPU {used.TotalMilliseconds * 1000 / checkCreates:0} µs per Check+Create" : "";
        var breakdown = await BreakdownAsync(provider, client, n, ct);
        var calls = $"median per call: empty RPC (GetPluginInfo) {breakdown.Empty:0.00} ms, Check {breakdown.Check:0.00} ms, Create {breakdown.Create:0.00} ms, client create {breakdown.Direct:0.00} ms{perCall}";
        return
        [
            BenchResult.Time("plugin-create", create, createBaseline,
                $"{n} users a round, median of {rounds} rounds alternating with the baseline: the Create RPC (inputs from an untimed Check) "
                + $"vs the same create through an OmniClient with the plugin's options; {calls}",
                maxRatio: 1.5),
            BenchResult.Time("plugin-check-create", checkCreate, checkCreateBaseline,
                $"{n} users a round, median of {rounds} alternating rounds: Check + Create over gRPC (two round trips) vs the same client create; reported"),
        ];
    }

    private static async Task<Struct> CheckAsync(ResourceProvider.ResourceProviderClient provider, string urn, CancellationToken ct)
    {
        var check = await provider.CheckAsync(new CheckRequest
        {
            Urn = urn,
            News = PluginConnection.UserInputs($"plugin.{Guid.NewGuid():N}@example.com"),
            Olds = new Struct(),
            Type = PluginConnection.UserType,
            Name = urn[(urn.LastIndexOf(':') + 1)..],
        }, cancellationToken: ct);
        return check.Failures.Count > 0
            ? throw new InvalidOperationException($"Check failed: {check.Failures[0].Property}: {check.Failures[0].Reason}")
            : check.Inputs;
    }

    private static async Task CreateAsync(ResourceProvider.ResourceProviderClient provider, string urn, Struct inputs, CancellationToken ct)
    {
        var created = await provider.CreateAsync(new CreateRequest { Urn = urn, Properties = inputs, Type = PluginConnection.UserType, Name = urn[(urn.LastIndexOf(':') + 1)..] }, cancellationToken: ct);
        if (string.IsNullOrEmpty(created.Id))
        {
            throw new InvalidOperationException("Create returned an empty id");
        }
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
            var inputs = await CheckAsync(provider, urn, ct);
            checks.Add(sw.Elapsed);

            sw.Restart();
            await CreateAsync(provider, urn, inputs, ct);
            creates.Add(sw.Elapsed);

            sw.Restart();
            await client.Users.CreateAsync(new ScimUserCreate($"d.{Guid.NewGuid():N}@example.com", "Bench User",
                new Dictionary<string, AttributeValue> { ["region"] = AttributeValue.Of("emea") }), ct);
            direct.Add(sw.Elapsed);
        }

        return (Timing.Median(empty).TotalMilliseconds, Timing.Median(checks).TotalMilliseconds, Timing.Median(creates).TotalMilliseconds, Timing.Median(direct).TotalMilliseconds);
    }
}
