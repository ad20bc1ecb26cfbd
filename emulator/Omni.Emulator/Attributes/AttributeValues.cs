using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Omni.Emulator.Http;
using Omni.Emulator.Json;

namespace Omni.Emulator.Attributes;

/// <summary>
/// Turns attribute values as clients send them into the form Omni stores and returns: strings,
/// numbers as their decimal string, booleans as "true"/"false", multi-valued attributes as
/// arrays of strings. Null, "" and [] mean "clear".
/// </summary>
public sealed class AttributeValues(AttributeDefinitions definitions, EmulatorOptions options)
{
    /// <summary>Applies <paramref name="changes"/> over <paramref name="current"/> (a merge) and returns the result.</summary>
    public JsonObject Merge(JsonObject current, JsonObject changes)
    {
        var merged = current.DeepClone().AsObject();
        foreach (var (key, value) in changes)
        {
            Set(merged, key, value);
        }

        return merged;
    }

    /// <summary>Sets one attribute in <paramref name="attributes"/>, or removes it when the value clears it.</summary>
    public void Set(JsonObject attributes, string key, JsonNode? value)
    {
        var normalized = Normalize(key, value);
        if (normalized is null)
        {
            attributes.Remove(key);
        }
        else
        {
            attributes[key] = normalized;
        }
    }

    /// <summary>The attribute object sent by a client, validated and normalised (cleared keys left out).</summary>
    public JsonObject FromRequest(JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonObject changes)
        {
            throw ApiProblem.BadRequest($"{ScimSchemas.UserAttribute}: Expected an object, received {RequestBody.Describe(node)}");
        }

        return Merge([], changes);
    }

    /// <summary>Validates the key and returns the stored form of the value, or null when the value clears it.</summary>
    public JsonNode? Normalize(string key, JsonNode? value)
    {
        var definition = definitions.Find(key) ?? throw ApiProblem.BadRequest(
            $"Unknown user attribute '{key}': it is not defined in this organization (see GET /api/v1/user-attributes).");
        if (definition.System)
        {
            throw ApiProblem.BadRequest(
                $"User attribute '{key}' is a read-only system attribute and cannot be assigned via SCIM.");
        }

        if (value is null)
        {
            return null;
        }

        if (value is JsonArray array)
        {
            if (!definition.MultipleValues)
            {
                throw ApiProblem.BadRequest($"User attribute '{key}' takes a single value, received an array.");
            }

            if (array.Count == 0)
            {
                return null;
            }

            if (array.Count > Scim.InputLimits.MaxAttributeValues)
            {
                throw ApiProblem.BadRequest($"User attribute '{key}' holds at most {Scim.InputLimits.MaxAttributeValues} values, received {array.Count}.");
            }

            return new JsonArray([.. array.Select((item, i) => (JsonNode)JsonValue.Create(Scalar(definition, $"{key}[{i}]", item)))]);
        }

        var scalar = Scalar(definition, key, value);
        if (scalar.Length == 0)
        {
            return null;
        }

        // A single value for a multi-valued attribute is a list of one.
        return definition.MultipleValues ? new JsonArray(JsonValue.Create(scalar)) : JsonValue.Create(scalar);
    }

    private string Scalar(UserAttributeDefinition definition, string field, JsonNode? value)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        var isNumber = definition.Type == "Number";
        switch (kind)
        {
            case JsonValueKind.Number:
                return DecimalString(value!.ToJsonString(), field);
            case JsonValueKind.String:
                var text = Scim.InputLimits.AttributeValue(value!.GetValue<string>(), field);
                return isNumber && text.Length > 0 ? DecimalString(text, field) : text;
            case JsonValueKind.True or JsonValueKind.False when !isNumber:
                return (kind == JsonValueKind.True, options.BooleanAttributesAsYesNo) switch
                {
                    (true, true) => "yes",
                    (false, true) => "no",
                    (true, false) => "true",
                    (false, false) => "false",
                };
            default:
                throw ApiProblem.BadRequest(
                    $"User attribute '{field}' is a {definition.Type} attribute and cannot hold {RequestBody.Describe(value)}.");
        }
    }

    /// <summary>The shortest invariant decimal form: 3 → "3", 3.50 → "3.5", 1e3 → "1000".</summary>
    internal static string DecimalString(string text, string field)
    {
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return (number / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var large) && double.IsFinite(large))
        {
            return large.ToString("R", CultureInfo.InvariantCulture);
        }

        throw ApiProblem.BadRequest($"User attribute '{field}' is a Number attribute: '{text}' is not a number.");
    }
}
