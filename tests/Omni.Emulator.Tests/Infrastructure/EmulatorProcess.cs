using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Xunit.Abstractions;

namespace Omni.Emulator.Tests.Infrastructure;

/// <summary>
/// The built emulator run as its own process, the way a user runs it: <c>bin/omni-emulator</c> from
/// `make build` when it is there and up to date, otherwise the omni-emulator.dll beside the tests with `dotnet`.
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "Omni emulator listening on ";
    private readonly Process process;
    private readonly HttpClient client;

    private EmulatorProcess(Process process, HttpClient client)
    {
        this.process = process;
        this.client = client;
        Emulator = new TestEmulatorClient(client);
    }

    public TestEmulatorClient Emulator { get; }

    /// <summary>Starts it with <c>--urls http://127.0.0.1:0 --data DIR --api-key KEY</c> and any <paramref name="extraArguments"/>.</summary>
    public static async Task<EmulatorProcess> StartAsync(string dataFolder, string key, ITestOutputHelper output,
        params string[] extraArguments)
    {
        var start = StartInfo(output);
        foreach (var argument in new[] { "--urls", "http://127.0.0.1:0", "--data", dataFolder, "--api-key", key }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.WriteLine($"[emulator stderr] {e.Data}");
            }
        };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync(timeout.Token)) is not null
            && !line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
        {
            output.WriteLine($"[emulator stdout] {line}");
        }

        if (line is null)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The emulator exited before printing its base URL.");
        }

        var client = new HttpClient { BaseAddress = new Uri(line[ListeningPrefix.Length..]), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new EmulatorProcess(process, client);
    }

    /// <summary>Sends SIGINT, as Ctrl+C does, and expects a clean exit; where signals are unavailable it kills.</summary>
    public async Task StopGracefullyAsync()
    {
        if (OperatingSystem.IsWindows())
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return;
        }

        using (var signal = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static ProcessStartInfo StartInfo(ITestOutputHelper output)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "omni-emulator.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the project reference should copy it beside the tests.");
        var executable = Path.Combine(RepositoryRoot.Find(), "bin", OperatingSystem.IsWindows() ? "omni-emulator.exe" : "omni-emulator");

        // A bin/omni-emulator older than the emulator just built would test yesterday's code.
        if (File.Exists(executable) && File.GetLastWriteTimeUtc(executable) >= File.GetLastWriteTimeUtc(dll))
        {
            output.WriteLine($"Running {executable}");
            var start = Redirected(executable);
            // The single-file executable needs the shared runtime; point it at the one running these tests.
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")))
            {
                start.Environment["DOTNET_ROOT"] = Path.GetFullPath(
                    Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
            }

            return start;
        }

        output.WriteLine(File.Exists(executable)
            ? $"Running dotnet {dll}: {executable} is older than it (run `make build` to test the executable)"
            : $"Running dotnet {dll}: {executable} is not built (run `make build` to test the executable)");
        var viaDotnet = Redirected("dotnet");
        viaDotnet.ArgumentList.Add(dll);
        return viaDotnet;
    }

    private static ProcessStartInfo Redirected(string fileName) => new(fileName)
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
}
