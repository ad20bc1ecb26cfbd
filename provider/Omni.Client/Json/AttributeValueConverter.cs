using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omni.Client.Json;

/// <summary>
/// Reads whatever Omni sends for an attribute (string, number, bool, list, even an object) leniently into
/// the string-or-list form; writes a string or an array of strings.
/// </summary>
internal sealed class AttributeValueConverter : JsonConverter<AttributeValue>
{
    public override AttributeValue? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var element = document.RootElement;
        return element.ValueKind switch
        {
            JsonValueKind.Object => AttributeValue.Of(element.GetRawText()),
            JsonValueKind.Array => AttributeValue.Of(element.EnumerateArray()
                .Where(e => e.ValueKind != JsonValueKind.Null)
                .Select(e => e.ValueKind switch
                {
                    JsonValueKind.String => e.GetString()!,
                    JsonValueKind.Number => ReadNumber(e),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => e.GetRawText(),
                })),
            JsonValueKind.String => AttributeValue.Of(element.GetString()!),
            JsonValueKind.Number => AttributeValue.Of(ReadNumber(element)),
            JsonValueKind.True => AttributeValue.Of("true"),
            JsonValueKind.False => AttributeValue.Of("false"),
            _ => null,
        };
    }

    /// <summary>A JSON number beyond double's range is malformed input from the server: a JsonException, like any other.</summary>
    private static string ReadNumber(JsonElement number)
    {
        try
        {
            return AttributeValue.FormatNumber(number.GetRawText());
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"an attribute value is the number {Shorten(number.GetRawText())}, which is out of range", e);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    public override void Write(Utf8JsonWriter writer, AttributeValue value, JsonSerializerOptions options)
    {
        if (value.IsBoolean)
        {
            writer.WriteBooleanValue(value.Single == "true");
            return;
        }
        if (!value.IsList)
        {
            writer.WriteStringValue(value.Single);
            return;
        }
        writer.WriteStartArray();
        foreach (var item in value.Many!)
        {
            writer.WriteStringValue(item);
        }
        writer.WriteEndArray();
    }
}
