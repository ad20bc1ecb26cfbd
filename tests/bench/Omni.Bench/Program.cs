using System.Diagnostics;
using Omni.Bench;

// Each scenario runs its candidate next to a baseline in the same process and run, and reports the ratio.
// Ratios, not seconds, are what to compare across machines and commits.
var options = BenchOptions.Parse(args);
var results = new List<BenchResult>();

await using (var emulator = await BenchEmulator.StartAsync(rateLimitPerWindow: 0, window: TimeSpan.FromMinutes(1)))
{
    results.Add(await ClientOverheadBench.RunAsync(emulator, options));
    if (PluginProcess.Locate() is { } plugin)
    {
        results.Add(await PluginOverheadBench.RunAsync(emulator, plugin, options));
    }
    else
    {
        Console.WriteLine("SKIP plugin-create: bin/pulumi-resource-omni not found; run `make build` first.");
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

Console.WriteLine();
Console.WriteLine($"{"scenario",-22} {"candidate",12} {"baseline",12} {"ratio",8}  note");
foreach (var r in results)
{
    Console.WriteLine($"{r.Name,-22} {Fmt(r.Candidate),12} {Fmt(r.Baseline),12} {r.Ratio,8:0.00}  {r.Note}");
}
return results.All(r => r.Ok) ? 0 : 1;

static string Fmt(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";

namespace Omni.Bench
{
    internal sealed record BenchResult(string Name, TimeSpan Candidate, TimeSpan Baseline, string Note, bool Ok = true)
    {
        public double Ratio => Baseline.TotalMilliseconds == 0 ? double.NaN : Candidate.TotalMilliseconds / Baseline.TotalMilliseconds;
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
