using System.Text;
using System.Text.Json.Nodes;

namespace Omni.Emulator.Tests.Infrastructure;

/// <summary>Raw-JSON requests to an emulator, in-process or in its own process.</summary>
internal class TestEmulatorClient(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null) =>
        SendAsync(Client, method, path, json);

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
}
