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

    /// <summary>The plugin `make build` put in bin/ (NativeAOT where the toolchain allowed it).</summary>
    public static string? Locate() => InRepository("bin", "pulumi-resource-omni");

    /// <summary>The framework-dependent single file `make build` keeps as the startup baseline.</summary>
    public static string? LocateFrameworkDependent() => InRepository("out", "framework-dependent", "pulumi-resource-omni");

    private static string? InRepository(params string[] relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Omni.Pulumi.sln")))
            {
                var path = Path.Combine([dir.FullName, .. relative]);
                return File.Exists(path) ? path : null;
            }
        }
        return null;
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
