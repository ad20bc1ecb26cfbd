using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Omni.Emulator.Http;
using Omni.Emulator.Json;

namespace Omni.Emulator.Attributes;

/// <summary>
/// Reads the body of POST and PUT /api/v1/user-attributes. Omni documents no field names for them, so both
/// GET's snake_case (multiple_values, default_value) and camelCase are accepted. The rules: a reference name
/// of letters, digits and underscores, not starting with omni_ (system attributes are read-only); type
/// String or Number, never changed; multiple values may be turned on but not off; the default fits the type.
/// </summary>
internal static partial class AttributeDefinitionRequest
{
    private const int MaxNameLength = 64;
    private const int MaxLabelLength = 255;

    public static UserAttributeDefinition ForCreate(JsonObject body)
    {
        RefuseSystem(body);
        var name = Name(RequestBody.OptionalString(body, "name") ?? throw ApiProblem.BadRequest("name: Required (the reference name, e.g. region)"));
        var type = Type(RequestBody.OptionalString(body, "type") ?? throw ApiProblem.BadRequest("type: Required (\"String\" or \"Number\")"));
        var multiple = Boolean(body, "multiple_values", "multipleValues") ?? false;
        var draft = new UserAttributeDefinition { Name = name, Type = type, MultipleValues = multiple };
        return draft with
        {
            Label = Label(RequestBody.OptionalString(body, "label") ?? name),
            Description = RequestBody.OptionalString(body, "description"),
            DefaultValue = Field(body, "default_value", "defaultValue", out var given) ? DefaultValue(draft, given) : null,
        };
    }

    /// <summary>PUT: omitted fields keep their value; null clears description and default.</summary>
    public static UserAttributeDefinition ForUpdate(JsonObject body, UserAttributeDefinition current)
    {
        RefuseSystem(body);
        if (RequestBody.OptionalString(body, "type") is { } type && Type(type) != current.Type)
        {
            throw ApiProblem.BadRequest($"type: cannot be changed (\"{current.Type}\" to \"{Type(type)}\"); delete the attribute and create a new one");
        }

        var multiple = Boolean(body, "multiple_values", "multipleValues") ?? current.MultipleValues;
        if (current.MultipleValues && !multiple)
        {
            throw ApiProblem.BadRequest("multiple_values: an attribute with multiple values cannot go back to a single value; " +
                "delete the attribute and create a new one");
        }

        var changed = current with
        {
            Name = RequestBody.OptionalString(body, "name") is { } name ? Name(name) : current.Name,
            Label = RequestBody.OptionalString(body, "label") is { } label ? Label(label) : current.Label,
            MultipleValues = multiple,
            Description = body.ContainsKey("description") ? RequestBody.OptionalString(body, "description") : current.Description,
        };
        return changed with
        {
            DefaultValue = Field(body, "default_value", "defaultValue", out var given)
                ? DefaultValue(changed, given)
                : DefaultValue(changed, current.DefaultValue?.DeepClone()),
        };
    }

    private static void RefuseSystem(JsonObject body)
    {
        if (body.ContainsKey("system") && RequestBody.OptionalBoolean(body, "system") == true)
        {
            throw ApiProblem.BadRequest("system: system attributes are built into Omni and read-only; only custom attributes (system: false) can be written");
        }
    }

    private static string Name(string name)
    {
        if (name.StartsWith("omni_", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiProblem.BadRequest($"name: \"{name}\" is reserved: names starting with omni_ belong to Omni's read-only system attributes");
        }

        if (name.Length > MaxNameLength || !ReferenceName().IsMatch(name))
        {
            throw ApiProblem.BadRequest($"name: \"{name}\" is not a valid reference name: use a letter, then letters, digits or underscores " +
                $"(at most {MaxNameLength} characters), e.g. sales_region");
        }

        return name;
    }

    private static string Label(string label) =>
        label.Trim().Length is > 0 and <= MaxLabelLength
            ? label
            : throw ApiProblem.BadRequest($"label: must be 1 to {MaxLabelLength} characters and not blank");

    private static string Type(string type) => type.ToUpperInvariant() switch
    {
        "STRING" => "String",
        "NUMBER" => "Number",
        _ => throw ApiProblem.BadRequest($"type: must be \"String\" or \"Number\", got \"{type}\""),
    };

    /// <summary>The default in the form values are stored in: strings (numbers as decimal strings), a list when multiple.</summary>
    private static JsonNode? DefaultValue(UserAttributeDefinition definition, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is JsonArray array)
        {
            if (!definition.MultipleValues)
            {
                throw ApiProblem.BadRequest("default_value: this attribute takes a single value, received an array");
            }

            var items = array.Select((item, i) => Scalar(definition, item, $"default_value[{i}]")).ToArray();
            return items.Length == 0 ? null : new JsonArray([.. items.Select(i => (JsonNode)JsonValue.Create(i))]);
        }

        var scalar = Scalar(definition, value, "default_value");
        if (scalar.Length == 0)
        {
            return null;
        }

        return definition.MultipleValues ? new JsonArray(JsonValue.Create(scalar)) : JsonValue.Create(scalar);
    }

    private static string Scalar(UserAttributeDefinition definition, JsonNode? value, string field)
    {
        var kind = value?.GetValueKind();
        if (kind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            throw ApiProblem.BadRequest($"{field}: a {definition.Type} attribute's default must be a string or a number, received {RequestBody.Describe(value)}");
        }

        var text = kind == JsonValueKind.String ? value!.GetValue<string>() : value!.ToJsonString();
        if (definition.Type != "Number" || text.Length == 0)
        {
            return text;
        }

        try
        {
            return AttributeValues.DecimalString(text, definition.Name);
        }
        catch (ApiProblem)
        {
            throw ApiProblem.BadRequest($"{field}: \"{text}\" is not a number, and this is a Number attribute");
        }
    }

    private static bool? Boolean(JsonObject body, string snake, string camel) =>
        Field(body, snake, camel, out var node) && node is not null ? RequestBody.Boolean(node, snake) : null;

    private static bool Field(JsonObject body, string snake, string camel, out JsonNode? node) =>
        body.TryGetPropertyValue(snake, out node) || body.TryGetPropertyValue(camel, out node);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex ReferenceName();
}
