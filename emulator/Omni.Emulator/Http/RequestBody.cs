using System.Text.Json;
using System.Text.Json.Nodes;

namespace Omni.Emulator.Http;

/// <summary>
/// Reads a request body as a JSON object. Bodies are read as nodes, not bound to types, because
/// Omni's rules hinge on a field being absent versus null (PUT resets omitted fields, null clears).
/// </summary>
internal static class RequestBody
{
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken,
                documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw ApiProblem.BadRequest($"Invalid request body: not valid JSON ({exception.Message})");
        }

        var body = node as JsonObject ?? throw ApiProblem.BadRequest("Invalid request body: expected a JSON object");
        try
        {
            // JsonObject indexes its properties on first use, and throws there on a repeated key.
            _ = body.Count;
        }
        catch (ArgumentException)
        {
            throw ApiProblem.BadRequest("Invalid request body: a key appears twice in one object");
        }

        return body;
    }

    public static string? OptionalString(JsonObject body, string field)
    {
        if (!body.TryGetPropertyValue(field, out var node) || node is null)
        {
            return null;
        }

        return node.GetValueKind() == JsonValueKind.String
            ? node.GetValue<string>()
            : throw ApiProblem.BadRequest($"{field}: Expected a string, received {Describe(node)}");
    }

    public static bool? OptionalBoolean(JsonObject body, string field)
    {
        if (!body.TryGetPropertyValue(field, out var node) || node is null)
        {
            return null;
        }

        return Boolean(node, field);
    }

    /// <summary>A boolean, or "true"/"false" in any case, which SCIM clients such as Entra send.</summary>
    public static bool Boolean(JsonNode? node, string field) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(node.GetValue<string>(), out var parsed) => parsed,
        _ => throw ApiProblem.BadRequest($"{field}: Expected a boolean, received {Describe(node)}"),
    };

    public static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };
}
