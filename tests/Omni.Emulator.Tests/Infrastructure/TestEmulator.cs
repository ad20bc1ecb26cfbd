using System.Net.Http.Headers;

namespace Omni.Emulator.Tests.Infrastructure;

/// <summary>An in-process emulator on a free loopback port with an HTTP client that sends its key.</summary>
internal sealed class TestEmulator : TestEmulatorClient, IAsyncDisposable
{
    public const string Key = "test-org-key";
    public const string Pat = "test-personal-token";

    private TestEmulator(EmulatorServer server)
        : base(Create(server.BaseUrl, Key)) => Server = server;

    public EmulatorServer Server { get; }

    /// <summary>In memory, key <see cref="Key"/>, PAT <see cref="Pat"/>, no rate limit; <paramref name="configure"/> adjusts.</summary>
    public static async Task<TestEmulator> StartAsync(Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions
        {
            Urls = "http://127.0.0.1:0",
            InMemory = true,
            ApiKey = Key,
            PersonalAccessTokens = [Pat],
            RequestsPerMinute = 0,
        };
        return new TestEmulator(await EmulatorServer.StartAsync(configure?.Invoke(options) ?? options));
    }

    public HttpClient ClientWithToken(string? token) => Create(Server.BaseUrl, token);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    private static HttpClient Create(Uri baseUrl, string? token)
    {
        var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
