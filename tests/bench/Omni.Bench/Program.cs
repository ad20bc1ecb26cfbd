using System.Diagnostics;
using System.Globalization;
using System.Text;
using Omni.Bench;

// Each scenario runs its candidate next to a baseline in the same process and run, and reports the ratio.
// Ratios, not seconds, are what to compare across machines and commits.
var options = BenchOptions.Parse(args);
var results = new List<BenchResult>();

var plugin = PluginProcess.Locate();
if (options.Runs("client-get") || (plugin is not null && options.Runs("plugin-create")))
{
    await using var emulator = await BenchEmulator.StartAsync(rateLimitPerWindow: 0, window: TimeSpan.FromMinutes(1));
    if (options.Runs("client-get"))
    {
        results.Add(await ClientOverheadBench.RunAsync(emulator, options));
    }

    if (plugin is not null && options.Runs("plugin-create"))
    {
        results.AddRange(await PluginOverheadBench.RunAsync(emulator, plugin, options));
    }
}

if (!options.Runs("plugin-start"))
{
}
else if (PluginProcess.Locate() is { } native && PluginProcess.LocateFrameworkDependent() is { } frameworkDependent)
{
    results.AddRange(await PluginStartupBench.RunAsync(native, frameworkDependent));
}
else
{
    Console.WriteLine("SKIP plugin-start: bin/pulumi-resource-omni or out/framework-dependent/pulumi-resource-omni not found; run `make build` first.");
}

if (options.Runs("rate-limited-roster"))
{
    results.Add(await RateLimitedRosterBench.RunAsync(options));
}

if (plugin is not null)
{
    if (options.Runs("refresh"))
    {
        results.AddRange(await RefreshBench.RunAsync(plugin, options));
    }

    if (options.Runs("preview"))
    {
        results.Add(await PreviewBench.RunAsync(plugin, options));
    }
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

// The same rows as a Markdown table, for README's benchmark section: printed and written to out/bench.md.
var markdown = BenchResult.Markdown(results, options);
Console.WriteLine();
Console.Write(markdown);
if (PluginProcess.RepositoryRoot() is { } root)
{
    var path = Path.Combine(root, "out", "bench.md");
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    await File.WriteAllTextAsync(path, markdown);
    Console.WriteLine($"(written to {Path.GetRelativePath(Environment.CurrentDirectory, path)})");
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

        /// <summary>The rows as a Markdown table (scenario, figure, baseline, ratio, goal, met), with the run's shape and machine.</summary>
        public static string Markdown(IEnumerable<BenchResult> results, BenchOptions options)
        {
            var md = new StringBuilder();
            md.Append(CultureInfo.InvariantCulture, $"`make bench{(options.Quick ? " BENCH_ARGS=--quick" : "")}`, {DateTime.UtcNow:yyyy-MM-dd}, ")
              .Append(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, load average {LoadAverage()}:\n\n");
            md.Append("| scenario | figure | baseline | ratio | goal | met |\n|---|---|---|---|---|---|\n");
            foreach (var r in results)
            {
                md.Append(CultureInfo.InvariantCulture,
                    $"| {r.Name} | {r.Format(r.Candidate)} | {r.Format(r.Baseline)} | {r.Ratio:0.00} | {r.Goal.Replace("<=", "≤", StringComparison.Ordinal).Replace(">=", "≥", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)} | {(r.Ok ? "yes" : "**no**")} |\n");
            }

            md.Append("\nWhat each baseline is:\n\n");
            foreach (var r in results)
            {
                md.Append(CultureInfo.InvariantCulture, $"- `{r.Name}`: {r.Note}\n");
            }

            return md.ToString();
        }

        private static string LoadAverage()
        {
            try
            {
                return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
            }
            catch (IOException)
            {
                return "unknown";
            }
        }

        /// <summary>A timed row; <paramref name="maxRatio"/>, when given, is the goal for candidate/baseline.</summary>
        public static BenchResult Time(string name, TimeSpan candidate, TimeSpan baseline, string note, double? maxRatio = null, bool ok = true)
        {
            var result = new BenchResult(name, candidate.TotalMilliseconds, baseline.TotalMilliseconds, "ms",
                maxRatio is { } max ? $"ratio <= {max:0.0#}" : "reported", note, ok);
            return result with { Ok = ok && (maxRatio is not { } limit || result.Ratio <= limit) };
        }
    }

    /// <param name="Only">Scenario name prefixes to run (--only plugin-create,refresh); every scenario when empty.</param>
    internal sealed record BenchOptions(int Iterations, int Rounds, bool Quick, IReadOnlyList<string> Only)
    {
        public static BenchOptions Parse(string[] args)
        {
            var quick = args.Contains("--quick");
            var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
            return quick ? new BenchOptions(40, 3, true, only) : new BenchOptions(200, 5, false, only);
        }

        public bool Runs(string scenario) => Only.Count == 0 || Only.Any(o => scenario.StartsWith(o, StringComparison.Ordinal) || o.StartsWith(scenario, StringComparison.Ordinal));
    }

    internal static class Timing
    {
        /// <summary>
        /// The medians of a candidate and its baseline, their rounds interleaved (and their order alternated) after
        /// one warm-up round each, so that a busy spell of the machine falls on both rather than on one.
        /// </summary>
        /// <param name="prepareCandidate">Untimed work before each candidate round (e.g. the Checks whose inputs it creates).</param>
        public static async Task<(TimeSpan Candidate, TimeSpan Baseline)> PairedMediansAsync(int rounds, Func<int, Task> candidate, Func<int, Task> baseline,
            Func<int, Task>? prepareCandidate = null)
        {
            prepareCandidate ??= _ => Task.CompletedTask;
            await prepareCandidate(-1);
            await candidate(-1);
            await baseline(-1);
            var candidates = new List<TimeSpan>();
            var baselines = new List<TimeSpan>();
            for (var i = 0; i < rounds; i++)
            {
                foreach (var (round, samples, prepare) in i % 2 == 0
                    ? [(candidate, candidates, prepareCandidate), (baseline, baselines, null)]
                    : new[] { (baseline, baselines, (Func<int, Task>?)null), (candidate, candidates, prepareCandidate) })
                {
                    if (prepare is not null)
                    {
                        await prepare(i);
                    }

                    var sw = Stopwatch.StartNew();
                    await round(i);
                    samples.Add(sw.Elapsed);
                }
            }

            return (Median(candidates), Median(baselines));
        }

        public static TimeSpan Median(List<TimeSpan> samples)
        {
            samples.Sort();
            return samples.Count % 2 == 1 ? samples[samples.Count / 2] : (samples[samples.Count / 2 - 1] + samples[samples.Count / 2]) / 2;
        }

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
