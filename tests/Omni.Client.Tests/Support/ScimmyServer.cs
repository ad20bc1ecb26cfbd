using System.ComponentModel;
using System.Diagnostics;

namespace Omni.Client.Tests.Support;

/// <summary>
/// Runs tests/scimmy/server.js (scimmy, an independent SCIM server from npm) on a free loopback port.
/// When node or the npm packages are missing, <see cref="SkipReason"/> says why and how to fix it.
/// </summary>
public sealed class ScimmyServer : IAsyncLifetime
{
    public const string Token = "scimmy-test-token-4b1d";

    private Process? _node;

    public Uri? BaseUrl { get; private set; }

    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        var root = FindRepositoryRoot();
        if (root is null)
        {
            SkipReason = "Omni.Pulumi.sln was not found above the test binaries, so tests/scimmy cannot be located.";
            return;
        }
        var serverDirectory = Path.Combine(root, "tests", "scimmy");
        if (!Directory.Exists(Path.Combine(serverDirectory, "node_modules", "scimmy")))
        {
            SkipReason = $"scimmy is not installed in {serverDirectory}; run `npm ci --prefix tests/scimmy` (part of `make restore`).";
            return;
        }
        var start = new ProcessStartInfo("node", "server.js")
        {
            WorkingDirectory = serverDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SCIM_TOKEN"] = Token;
        try
        {
            _node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            SkipReason = $"node is not on PATH ({e.Message}); install Node.js 20+ to run the independent-server tests.";
            return;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var firstLine = await _node.StandardOutput.ReadLineAsync(timeout.Token);
        if (!int.TryParse(firstLine, out var port))
        {
            var errors = await _node.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException($"tests/scimmy/server.js did not print its port first; it printed \"{firstLine}\". stderr: {errors}");
        }
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
    }

    public OmniClient CreateClient(Microsoft.Extensions.Logging.ILoggerFactory? logs = null, string token = Token) =>
        new(new OmniClientOptions
        {
            BaseUrl = BaseUrl!.ToString(),
            ApiKey = token,
            RequestsPerMinute = 0,
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        }, logs, rateLimiters: new RateLimiterRegistry());

    public async Task DisposeAsync()
    {
        if (_node is { HasExited: false })
        {
            _node.Kill(entireProcessTree: true);
            await _node.WaitForExitAsync();
        }
        _node?.Dispose();
    }

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Omni.Pulumi.sln")))
            {
                return directory.FullName;
            }
        }
        return null;
    }
}
