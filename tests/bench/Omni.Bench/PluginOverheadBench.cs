using Google.Protobuf.WellKnownTypes;
using Omni.Client;
using Pulumirpc;

namespace Omni.Bench;

/// <summary>
/// What the plugin adds on top of the client for the most common step of `pulumi up`: Check + Create of a
/// user over gRPC (codec, validation, diff of defaults, state mapping) against a direct client create.
/// </summary>
internal static class PluginOverheadBench
{
    public static async Task<BenchResult> RunAsync(BenchEmulator emulator, string pluginPath, BenchOptions options, CancellationToken ct = default)
    {
        using var plugin = await PluginConnection.StartAsync(pluginPath, emulator, requestsPerMinute: 100_000, ct);
        var provider = plugin.Provider;

        using var client = new OmniClient(new OmniClientOptions
        {
            BaseUrl = emulator.BaseUrl.ToString(),
            ApiKey = emulator.ApiKey,
            RequestsPerMinute = 0,
        });

        var n = Math.Max(10, options.Iterations / 4);
        var candidate = await Timing.MedianAsync(options.Rounds, async round =>
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
            }
        });
        var baseline = await Timing.MedianAsync(options.Rounds, async _round =>
        {
            for (var i = 0; i < n; i++)
            {
                await client.Users.CreateAsync(new ScimUserCreate($"client.{Guid.NewGuid():N}@example.com", "Bench User",
                    new Dictionary<string, AttributeValue> { ["region"] = AttributeValue.Of("emea") }), ct);
            }
        });
        return BenchResult.Time("plugin-create", candidate, baseline, $"{n} users: plugin Check+Create over gRPC vs client create", maxRatio: 1.5);
    }
}
