using System.Diagnostics;
using Omni.Bench;

// Each scenario runs its candidate next to a baseline in the same process and run, and reports the ratio.
// Ratios, not seconds, are what to compare across machines and commits.
var options = BenchOptions.Parse(args);
var results = new List<BenchResult>();

var plugin = PluginProcess.Locate();
await using (var emulator = await BenchEmulator.StartAsync(rateLimitPerWindow: 0, window: TimeSpan.FromMinutes(1)))
{
    results.Add(await ClientOverheadBench.RunAsync(emulator, options));
    if (plugin is not null)
    {
        results.Add(await PluginOverheadBench.RunAsync(emulator, plugin, options));
    }
}

if (PluginProcess.Locate() is { } native && PluginProcess.LocateFrameworkDependent() is { } frameworkDependent)
{
    results.Add(await PluginStartupBench.RunAsync(native, frameworkDependent));
}
else
{
    Console.WriteLine("SKIP plugin-start: bin/pulumi-resource-omni or out/framework-dependent/pulumi-resource-omni not found; run `make build` first.");
}

results.Add(await RateLimitedRosterBench.RunAsync(options));
if (plugin is not null)
{
    results.AddRange(await RefreshBench.RunAsync(plugin, options));
    results.Add(await PreviewBench.RunAsync(plugin, options));
}
else
{
    Console.WriteLine("SKIP plugin-create, refresh-*, preview-*: bin/pulumi-resource-omni not found; run `make build` first.");
}

Console.WriteLine();
Console.WriteLine($"{"scenario",-22} {"candidate",12} {"baseline",12} {"ratio",8}  {"goal",-28} note");
foreach (var r in results)
{
    Console.WriteLine($"{r.Name,-22} {r.Format(r.Candidate),12} {r.Format(r.Baseline),12} {r.Ratio,8:0.00}  {(r.Ok ? "" : "MISSED ") + r.Goal,-28} {r.Note}");
}
return results.All(r => r.Ok) ? 0 : 1;

namespace Omni.Bench
{
    /// <summary>One row: the candidate's figure, the baseline's (measured in the same run), their ratio and the goal.</summary>
    /// <param name="Unit">"ms", "MiB" or "requests".</param>
    /// <param name="Goal">What the row must meet, as printed; <paramref name="Ok"/> says whether it did.</param>
    internal sealed record BenchResult(string Name, double Candidate, double Baseline, string Unit, string Goal, string Note, bool Ok = true)
    {
        public double Ratio => Baseline == 0 ? double.NaN : Candidate / Baseline;

        public string Format(double value) => Unit == "ms" ? $"{value:0} ms" : $"{value:0.#} {Unit}";

        /// <summary>A timed row; <paramref name="maxRatio"/>, when given, is the goal for candidate/baseline.</summary>
        public static BenchResult Time(string name, TimeSpan candidate, TimeSpan baseline, string note, double? maxRatio = null, bool ok = true)
        {
            var result = new BenchResult(name, candidate.TotalMilliseconds, baseline.TotalMilliseconds, "ms",
                maxRatio is { } max ? $"ratio <= {max:0.0#}" : "reported", note, ok);
            return result with { Ok = ok && (maxRatio is not { } limit || result.Ratio <= limit) };
        }
    }

    internal sealed record BenchOptions(int Iterations, int Rounds)
    {
        public static BenchOptions Parse(string[] args)
        {
            var quick = args.Contains("--quick");
            return quick ? new BenchOptions(40, 2) : new BenchOptions(200, 5);
        }
    }

    internal static class Timing
    {
        /// <summary>The median of several rounds, after one warm-up round, so one slow round cannot decide.</summary>
        public static async Task<TimeSpan> MedianAsync(int rounds, Func<int, Task> round)
        {
            await round(-1);
            var samples = new List<TimeSpan>();
            for (var i = 0; i < rounds; i++)
            {
                var sw = Stopwatch.StartNew();
                await round(i);
                samples.Add(sw.Elapsed);
            }
            samples.Sort();
            return samples[samples.Count / 2];
        }
    }
}
