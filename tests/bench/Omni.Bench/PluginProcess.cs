using System.Diagnostics;
using System.Globalization;

namespace Omni.Bench;

/// <summary>The built plugin, started the way the Pulumi engine starts it in attach mode: no arguments, port on stdout.</summary>
internal sealed class PluginProcess : IDisposable
{
    private readonly Process _process;

    private PluginProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The plugin's peak resident set (VmHWM) in MiB so far; null where /proc is not available.</summary>
    public double? PeakRssMiB()
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>User plus system CPU time the plugin has used so far (from /proc); null where /proc is not available.</summary>
    public TimeSpan? CpuTime()
    {
        var stat = $"/proc/{_process.Id}/stat";
        if (!File.Exists(stat))
        {
            return null;
        }

        // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is the 14th field, stime the 15th.
        var text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    /// <summary>The plugin `make build` put in bin/ (NativeAOT where the toolchain allowed it).</summary>
    /// <remarks>OMNI_BENCH_PLUGIN names another build to measure (e.g. one with a change under study).</remarks>
    public static string? Locate() =>
        Environment.GetEnvironmentVariable("OMNI_BENCH_PLUGIN") is { Length: > 0 } other ? other : InRepository("bin", "pulumi-resource-omni");

    /// <summary>The framework-dependent single file `make build` keeps as the startup baseline.</summary>
    public static string? LocateFrameworkDependent() => InRepository("out", "framework-dependent", "pulumi-resource-omni");

    /// <summary>The repository's root (where Omni.Pulumi.sln is), found upwards from the bench's output folder.</summary>
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Omni.Pulumi.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>
    /// Whether <paramref name="path"/> is the NativeAOT build: scripts/publish-plugin.sh publishes it to
    /// out/&lt;rid&gt;/native/ before copying it to bin/, and falls back to the framework-dependent build otherwise.
    /// </summary>
    public static bool IsNativeAot(string path)
    {
        if (RepositoryRoot() is not { } root || !Directory.Exists(Path.Combine(root, "out")))
        {
            return false;
        }

        var bytes = File.ReadAllBytes(path);
        return Directory.EnumerateDirectories(Path.Combine(root, "out"))
            .Select(rid => Path.Combine(rid, "native", Path.GetFileName(path)))
            .Any(native => File.Exists(native) && new FileInfo(native).Length == bytes.Length && File.ReadAllBytes(native).AsSpan().SequenceEqual(bytes));
    }

    private static string? InRepository(params string[] relative)
    {
        if (RepositoryRoot() is not { } root)
        {
            return null;
        }

        var path = Path.Combine([root, .. relative]);
        return File.Exists(path) ? path : null;
    }

    public static async Task<PluginProcess> StartAsync(string path, CancellationToken ct = default)
    {
        var process = Process.Start(new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"could not start {path}");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var line = await process.StandardOutput.ReadLineAsync(ct) ?? throw new InvalidOperationException("the plugin exited before printing its port");
        return new PluginProcess(process, int.Parse(line.Trim(), CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }
}
