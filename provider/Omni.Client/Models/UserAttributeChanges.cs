using System.Text.Json.Nodes;

namespace Omni.Client;

/// <summary>A custom user attribute to create (POST /api/v1/user-attributes).</summary>
/// <param name="Name">The reference name used in model SQL and in a user's attributes: a letter, then letters, digits or underscores; not omni_*.</param>
/// <param name="Type">"String" or "Number".</param>
/// <param name="Label">The name shown in Omni's UI; the reference name when null.</param>
/// <param name="MultipleValues">Whether a user holds a list of values.</param>
/// <param name="Description">Free text.</param>
/// <param name="DefaultValue">What a user without a value gets; a list only when <paramref name="MultipleValues"/>.</param>
public sealed record UserAttributeSpec(string Name, string Type, string? Label = null, bool MultipleValues = false, string? Description = null,
    AttributeValue? DefaultValue = null);

/// <summary>
/// Changes to a custom attribute (PUT /api/v1/user-attributes/{id}): only what is set is sent. Omni refuses a
/// type change and turning multiple values off; the client refuses them before calling.
/// </summary>
public sealed class UserAttributeUpdate
{
    private readonly JsonObject _body = [];

    public bool IsEmpty => _body.Count == 0;

    public UserAttributeUpdate SetName(string name)
    {
        UserAttributeRules.RequireName(name);
        _body["name"] = name;
        return this;
    }

    public UserAttributeUpdate SetLabel(string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        _body["label"] = label;
        return this;
    }

    /// <summary>Turns multiple values on (Omni cannot turn them off again).</summary>
    public UserAttributeUpdate EnableMultipleValues()
    {
        _body["multiple_values"] = true;
        return this;
    }

    /// <param name="description">The new text; null clears it.</param>
    public UserAttributeUpdate SetDescription(string? description)
    {
        _body["description"] = description;
        return this;
    }

    /// <param name="value">The new default; null clears it.</param>
    public UserAttributeUpdate SetDefaultValue(AttributeValue? value)
    {
        _body["default_value"] = UserAttributeRules.ToJson(value);
        return this;
    }

    internal JsonObject ToBody() => (JsonObject)_body.DeepClone();
}

/// <summary>Checks made before a definition is sent, each naming the field and the fix.</summary>
internal static class UserAttributeRules
{
    public static void RequireName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.StartsWith("omni_", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"User attribute name '{name}' starts with omni_, which Omni reserves for its read-only system attributes; choose another name.", nameof(name));
        }
        if (!char.IsAsciiLetter(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"User attribute name '{name}' must start with a letter and hold only letters, digits and underscores (e.g. sales_region).", nameof(name));
        }
    }

    public static string RequireType(string type) => type switch
    {
        _ when string.Equals(type, "String", StringComparison.OrdinalIgnoreCase) => "String",
        _ when string.Equals(type, "Number", StringComparison.OrdinalIgnoreCase) => "Number",
        _ => throw new ArgumentException($"User attribute type '{type}' is not one Omni knows; use \"String\" or \"Number\".", nameof(type)),
    };

    public static JsonNode? ToJson(AttributeValue? value) => value switch
    {
        null => null,
        { IsList: true } => new JsonArray([.. value.Many!.Select(v => (JsonNode?)JsonValue.Create(v))]),
        _ => JsonValue.Create(value.Single),
    };

    public static JsonObject ToBody(UserAttributeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        RequireName(spec.Name);
        var type = RequireType(spec.Type);
        var definition = new UserAttributeDefinition("", spec.Name, spec.Label, type, spec.MultipleValues, spec.Description, false);
        // Shapes the default as Omni stores it, and refuses a list for a single value or text for a Number.
        var defaultValue = AttributeValue.Normalize(spec.DefaultValue, definition);
        return new JsonObject
        {
            ["name"] = spec.Name,
            ["label"] = string.IsNullOrWhiteSpace(spec.Label) ? spec.Name : spec.Label,
            ["type"] = type,
            ["multiple_values"] = spec.MultipleValues,
            ["description"] = spec.Description,
            ["default_value"] = ToJson(defaultValue),
        };
    }
}
