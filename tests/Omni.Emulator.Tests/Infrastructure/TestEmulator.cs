using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Omni.Emulator.Tests.Infrastructure;

/// <summary>An in-process emulator on a free loopback port with an HTTP client that sends its key.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public const string Key = "test-org-key";
    public const string Pat = "test-personal-token";

    private TestEmulator(EmulatorServer server)
    {
        Server = server;
        Client = Create(server.BaseUrl, Key);
    }

    public EmulatorServer Server { get; }
    public HttpClient Client { get; }

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

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null) =>
        SendAsync(Client, method, path, json);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);
    public Task<HttpResponseMessage> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);
    public Task<HttpResponseMessage> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);
    public Task<HttpResponseMessage> PatchAsync(string path, string json) => SendAsync(HttpMethod.Patch, path, json);
    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    /// <summary>Creates a user and returns its body, failing the test unless Omni's 201 comes back.</summary>
    public async Task<JsonObject> CreateUserAsync(string email, string displayName = "Test User", string? attributesJson = null)
    {
        var attributes = attributesJson is null ? "" : $", \"urn:omni:params:1.0:UserAttribute\": {attributesJson}";
        using var response = await PostAsync("/api/scim/v2/Users",
            $$"""{"userName": "{{email}}", "displayName": "{{displayName}}"{{attributes}}}""");
        return await Responses.ExpectAsync(response, 201);
    }

    public async Task<JsonObject> CreateGroupAsync(string displayName, params string[] memberIds)
    {
        var members = string.Join(",", memberIds.Select(id => $$"""{"value": "{{id}}"}"""));
        using var response = await PostAsync("/api/scim/v2/Groups", $$"""{"displayName": "{{displayName}}", "members": [{{members}}]}""");
        return await Responses.ExpectAsync(response, 201);
    }

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
