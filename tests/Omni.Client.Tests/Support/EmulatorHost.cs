using System.Text;
using System.Text.Json;
using Omni.Emulator;

namespace Omni.Client.Tests.Support;

/// <summary>An in-memory emulator on a free loopback port, plus its admin API (reset, faults, counters).</summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    public const string Key = "omni_org_emulator_test_key_0123456789";

    /// <summary>A personal access token the emulator accepts (its user is a MEMBER).</summary>
    public const string Pat = "omni_pat_emulator_test_token_0123456789";

    private readonly HttpClient _admin;

    private EmulatorHost(EmulatorServer server)
    {
        Server = server;
        _admin = new HttpClient { BaseAddress = server.BaseUrl };
    }

    public EmulatorServer Server { get; }

    public static async Task<EmulatorHost> StartAsync(int requestsPerMinute = 0, TimeSpan? window = null) =>
        new(await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Urls = "http://127.0.0.1:0",
            InMemory = true,
            ApiKey = Key,
            PersonalAccessTokens = [Pat],
            RequestsPerMinute = requestsPerMinute,
            RateLimitWindow = window ?? TimeSpan.FromMinutes(1),
        }));

    /// <summary>A client with fast back-off and its own rate-limiter registry, so tests never share buckets.</summary>
    public OmniClient CreateClient(int requestsPerMinute = 0, int maxRetries = 5, RateLimiterRegistry? registry = null, string apiKey = Key) =>
        new(new OmniClientOptions
        {
            BaseUrl = Server.BaseUrl.ToString(),
            ApiKey = apiKey,
            RequestsPerMinute = requestsPerMinute,
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
            RequestTimeout = TimeSpan.FromSeconds(10),
        }, rateLimiters: registry ?? new RateLimiterRegistry());

    public async Task ResetAsync() =>
        (await _admin.PostAsync(new Uri("/__emulator/reset", UriKind.Relative), null)).EnsureSuccessStatusCode();

    /// <summary>A document in the emulator's document store (admin API), optionally in a folder; returns its identifier.</summary>
    public async Task<string> CreateDocumentAsync(string name, string? folderId = null)
    {
        var body = new System.Text.Json.Nodes.JsonObject { ["name"] = name, ["folderId"] = folderId }.ToJsonString();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await _admin.PostAsync(new Uri("/__emulator/documents", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"creating document {name}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("identifier").GetString()!;
    }

    public async Task AddFaultAsync(string ruleJson)
    {
        using var content = new StringContent(ruleJson, Encoding.UTF8, "application/json");
        var response = await _admin.PostAsync(new Uri("/__emulator/faults", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, $"adding fault {ruleJson}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>How many answers the emulator gave with <paramref name="status"/>, optionally on one route ("POST /api/scim/v2/users").</summary>
    public async Task<long> CountAsync(int status, string? route = null)
    {
        using var document = JsonDocument.Parse(await _admin.GetStringAsync(new Uri("/__emulator/counters", UriKind.Relative)));
        var scope = document.RootElement;
        if (route is not null)
        {
            if (!scope.GetProperty("byRoute").TryGetProperty(route, out scope))
            {
                return 0;
            }
        }
        return scope.GetProperty("byStatus").TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var count) ? count.GetInt64() : 0;
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>One emulator per test class (started once; each test resets it).</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await EmulatorHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
