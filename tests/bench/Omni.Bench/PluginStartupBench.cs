using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Pulumirpc;

namespace Omni.Bench;

/// <summary>
/// Plugin start as the engine waits for it on every `pulumi` command: the NativeAOT build in bin/
/// against the framework-dependent single file (out/framework-dependent/), each started
/// <see cref="Starts"/> times, medians compared. <c>plugin-start</c> is process start to the port line
/// (goal: under 50 ms and at least 5x faster); <c>plugin-first-answer</c>, reported, goes on to the first
/// RPC answered over a new connection, as the engine's first call: the work a server defers to its first
/// request (the connection, the route table) counts there, so a start made fast by deferring shows.
/// </summary>
internal static class PluginStartupBench
{
    private const int Starts = 20;
    private static readonly TimeSpan Goal = TimeSpan.FromMilliseconds(50);
    private const double GoalSpeedup = 5;

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(string nativePlugin, string frameworkDependentPlugin, CancellationToken ct = default)
    {
        // bin/ holds the framework-dependent build when scripts/publish-plugin.sh could not link a native one:
        // then this row compares a build with itself, and says so rather than report a speed-up of ~1.
        var isNative = PluginProcess.IsNativeAot(nativePlugin);
        var kind = isNative ? "NativeAOT" : "bin/ is NOT the NativeAOT build (make build fell back; see out/publish-*-aot.log)";
        var native = await MedianStartAsync(nativePlugin, ct);
        var frameworkDependent = await MedianStartAsync(frameworkDependentPlugin, ct);
        var speedup = frameworkDependent.Port.Median / native.Port.Median;
        var ok = isNative && native.Port.Median < Goal && speedup >= GoalSpeedup;
        return
        [
            BenchResult.Time("plugin-start", native.Port.Median, frameworkDependent.Port.Median,
                $"median of {Starts} starts, process start to the port line on stdout, {kind} "
                + $"(fastest {native.Port.Fastest.TotalMilliseconds:0} ms) vs framework-dependent (fastest {frameworkDependent.Port.Fastest.TotalMilliseconds:0} ms): {speedup:0.0}x faster",
                ok: ok) with { Goal = $"< {Goal.TotalMilliseconds:0} ms and >= {GoalSpeedup:0}x (ratio <= {1 / GoalSpeedup:0.00})" },
            BenchResult.Time("plugin-first-answer", native.FirstAnswer.Median, frameworkDependent.FirstAnswer.Median,
                $"the same starts, process start to the first RPC (GetPluginInfo) answered over a new connection, {kind} "
                + $"(fastest {native.FirstAnswer.Fastest.TotalMilliseconds:0} ms) vs framework-dependent (fastest {frameworkDependent.FirstAnswer.Fastest.TotalMilliseconds:0} ms); reported"),
        ];
    }

    private static async Task<(Sample Port, Sample FirstAnswer)> MedianStartAsync(string path, CancellationToken ct)
    {
        // One start first, so both builds are measured with a warm file cache (and the bench's gRPC client warm).
        await StartAndCallAsync(path, ct);

        var port = new List<TimeSpan>();
        var firstAnswer = new List<TimeSpan>();
        for (var i = 0; i < Starts; i++)
        {
            var (toPort, toAnswer) = await StartAndCallAsync(path, ct);
            port.Add(toPort);
            firstAnswer.Add(toAnswer);
        }

        return (Sample.Of(port), Sample.Of(firstAnswer));
    }

    private static async Task<(TimeSpan Port, TimeSpan FirstAnswer)> StartAndCallAsync(string path, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var plugin = await PluginProcess.StartAsync(path, ct);
        var port = clock.Elapsed;
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{plugin.Port}");
        await new ResourceProvider.ResourceProviderClient(channel).GetPluginInfoAsync(new Empty(), cancellationToken: ct);
        return (port, clock.Elapsed);
    }

    private sealed record Sample(TimeSpan Median, TimeSpan Fastest)
    {
        public static Sample Of(List<TimeSpan> samples)
        {
            samples.Sort();
            return new Sample(Timing.Median(samples), samples[0]);
        }
    }
}
