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
        var native = await MedianStartAsync(nativePlugin, ct);
        var frameworkDependent = await MedianStartAsync(frameworkDependentPlugin, ct);
        var speedup = frameworkDependent / native;
        var ok = native < Goal && speedup >= GoalSpeedup;
        return new BenchResult("plugin-start", native, frameworkDependent,
            $"median of {Starts} starts to the port line, native vs framework-dependent: {speedup:0.0}x faster; goal < {Goal.TotalMilliseconds:0} ms and >= {GoalSpeedup:0}x (ratio <= {1 / GoalSpeedup:0.00}){(ok ? "" : " NOT MET")}",
            ok);
    }

    private static async Task<TimeSpan> MedianStartAsync(string path, CancellationToken ct)
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
        return samples[samples.Count / 2];
    }
}
