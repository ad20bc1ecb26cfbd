using System.Diagnostics;

namespace Omni.Bench;

/// <summary>
/// Plugin start to port line, as the engine waits for it on every `pulumi` command: the NativeAOT
/// build in bin/ against the framework-dependent single file (out/framework-dependent/), each
/// started <see cref="Starts"/> times, median compared. Goal: under 50 ms and at least 5x faster.
/// </summary>
internal static class PluginStartupBench
{
    private const int Starts = 20;
    private static readonly TimeSpan Goal = TimeSpan.FromMilliseconds(50);
    private const double GoalSpeedup = 5;

    public static async Task<BenchResult> RunAsync(string nativePlugin, string frameworkDependentPlugin, CancellationToken ct = default)
    {
        // bin/ holds the framework-dependent build when scripts/publish-plugin.sh could not link a native one:
        // then this row compares a build with itself, and says so rather than report a speed-up of ~1.
        var isNative = PluginProcess.IsNativeAot(nativePlugin);
        var native = await MedianStartAsync(nativePlugin, ct);
        var frameworkDependent = await MedianStartAsync(frameworkDependentPlugin, ct);
        var speedup = frameworkDependent.Median / native.Median;
        var ok = isNative && native.Median < Goal && speedup >= GoalSpeedup;
        return BenchResult.Time("plugin-start", native.Median, frameworkDependent.Median,
            $"median of {Starts} starts, process start to the port line on stdout, {(isNative ? "NativeAOT" : "bin/ is NOT the NativeAOT build (make build fell back; see out/publish-*-aot.log)")} "
            + $"(fastest {native.Fastest.TotalMilliseconds:0} ms) vs framework-dependent (fastest {frameworkDependent.Fastest.TotalMilliseconds:0} ms): {speedup:0.0}x faster",
            ok: ok) with { Goal = $"< {Goal.TotalMilliseconds:0} ms and >= {GoalSpeedup:0}x (ratio <= {1 / GoalSpeedup:0.00})" };
    }

    private static async Task<(TimeSpan Median, TimeSpan Fastest)> MedianStartAsync(string path, CancellationToken ct)
    {
        using (await PluginProcess.StartAsync(path, ct))
        {
            // One start first, so both builds are measured with a warm file cache.
        }

        var samples = new List<TimeSpan>();
        for (var i = 0; i < Starts; i++)
        {
            var clock = Stopwatch.StartNew();
            using (await PluginProcess.StartAsync(path, ct))
            {
                samples.Add(clock.Elapsed);
            }
        }

        samples.Sort();
        return (Timing.Median(samples), samples[0]);
    }
}
