using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Omni.Emulator;

namespace Omni.Bench;

/// <summary>An in-process emulator on a free loopback port, with a fresh in-memory database.</summary>
internal sealed class BenchEmulator : IAsyncDisposable
{
    private readonly EmulatorServer _server;
    private readonly HttpClient _admin;

    private BenchEmulator(EmulatorServer server)
    {
        _server = server;
        _admin = new HttpClient { BaseAddress = server.BaseUrl };
    }

    public Uri BaseUrl => _server.BaseUrl;

    public string ApiKey => _server.ApiKey;

    /// <param name="dataDirectory">A database on disk (to seed it unlimited, then serve it rate-limited); in memory when null.</param>
    /// <param name="apiKey">The organisation key; a fresh one when null.</param>
    public static async Task<BenchEmulator> StartAsync(int rateLimitPerWindow, TimeSpan window, CancellationToken ct = default,
        string? dataDirectory = null, string? apiKey = null)
    {
        var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Urls = "http://127.0.0.1:0",
            InMemory = dataDirectory is null,
            DataDirectory = dataDirectory ?? ".omni-emulator",
            ApiKey = apiKey ?? "bench-" + Guid.NewGuid().ToString("N"),
            RequestsPerMinute = rateLimitPerWindow,
            RateLimitWindow = window,
        }, ct);
        return new BenchEmulator(server);
    }

    /// <summary>How many answers of a status the emulator has given, from its admin counters.</summary>
    public async Task<long> CountStatusAsync(int status, CancellationToken ct = default)
    {
        var counters = await _admin.GetFromJsonAsync<JsonObject>("/__emulator/counters", ct);
        return counters?["byStatus"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.GetValue<long>() ?? 0;
    }

    /// <summary>How many requests the emulator has answered in all (every route and status).</summary>
    public async Task<long> CountRequestsAsync(CancellationToken ct = default)
    {
        var counters = await _admin.GetFromJsonAsync<JsonObject>("/__emulator/counters", ct);
        return counters?["total"]?.GetValue<long>() ?? 0;
    }

    /// <summary>A client straight to the emulator, without a client-side limit (seeding, baselines).</summary>
    public Omni.Client.OmniClient Client() => new(new Omni.Client.OmniClientOptions
    {
        BaseUrl = BaseUrl.ToString(),
        ApiKey = ApiKey,
        RequestsPerMinute = 0,
    });

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }
}
