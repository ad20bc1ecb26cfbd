using System.Text.Json.Nodes;

namespace Omni.Emulator.Tests.Infrastructure;

internal static class Responses
{
    /// <summary>Asserts the status (showing the body when it differs) and returns the body as a JSON object.</summary>
    public static async Task<JsonObject> ExpectAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Asserts Omni's error body {"error": "&lt;status&gt;", "message": ...} and returns the message.</summary>
    public static async Task<string> ExpectErrorAsync(HttpResponseMessage response, int status)
    {
        var body = await ExpectAsync(response, status);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)body["error"]);
        Assert.Equal(2, body.Count);
        return (string?)body["message"] ?? throw new Xunit.Sdk.XunitException("error body without a message");
    }

    public static string Str(this JsonNode? node, string name) =>
        (string?)node?[name] ?? throw new Xunit.Sdk.XunitException($"missing string '{name}' in {node?.ToJsonString()}");
}
