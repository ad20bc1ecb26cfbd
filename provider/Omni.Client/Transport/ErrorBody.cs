using System.Text.Json;

namespace Omni.Client.Transport;

/// <summary>
/// Reads Omni's message out of an error body, whichever of its shapes it uses: SCIM's {error, message},
/// v1's {detail, status}, {error}, {errors: [...]}, or RFC 7644's {schemas, status: "409", scimType, detail}.
/// </summary>
internal static class ErrorBody
{
    private const int MaxLength = 500;

    public static string? ReadMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var parts = new List<string>();
            Collect(document.RootElement, parts);
            return parts.Count == 0 ? null : Truncate(string.Join("; ", parts.Distinct(StringComparer.Ordinal)));
        }
        catch (JsonException)
        {
            // A proxy's HTML or plain-text page: show its start, not the whole page.
            return Truncate(body.Trim());
        }
    }

    private static void Collect(JsonElement element, List<string> parts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                AddText(element.GetString(), parts);
                return;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, parts);
                }
                return;
            case JsonValueKind.Object:
                break;
            default:
                return;
        }
        var before = parts.Count;
        foreach (var name in new[] { "message", "detail", "errors" })
        {
            if (TryGet(element, name, out var value))
            {
                Collect(value, parts);
            }
        }
        // {"error": "Conflict", "message": "..."}: the error code only adds something when nothing else said it.
        if (TryGet(element, "error", out var error) && (parts.Count == before || error.ValueKind == JsonValueKind.Object))
        {
            Collect(error, parts);
        }
        if (parts.Count > before && TryGet(element, "scimType", out var scimType) && scimType.ValueKind == JsonValueKind.String)
        {
            parts[^1] += $" (scimType {scimType.GetString()})";
        }
    }

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static void AddText(string? text, List<string> parts)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            parts.Add(text.Trim());
        }
    }

    private static string Truncate(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "…";
}
