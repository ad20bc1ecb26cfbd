using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Omni.Sdk.Tests;

/// <summary>
/// What `pulumi package gen-sdk --language dotnet` writes for a schema property (pulumi-dotnet
/// codegen gen.go: typeString, getDefaultValue, getConfigProperty), as C# text to compare with.
/// </summary>
internal static class GeneratorRules
{
    /// <summary>T in a resource's <c>Output&lt;T&gt;</c> or an output type's field.</summary>
    public static string OutputType(PackageSchema schema, JsonObject spec, bool required, string typeQualifier = "Outputs.")
    {
        var plain = Plain(schema, spec, typeQualifier);
        // Optional arrays stay ImmutableArray (a struct that is default when absent); all else is nullable.
        return required || IsArray(spec) ? plain : plain + "?";
    }

    /// <summary>The type of a ResourceArgs property (for a list or map, the property itself, not its backing field).</summary>
    public static string InputType(PackageSchema schema, JsonObject spec, bool required)
    {
        if (IsArray(spec))
        {
            return $"InputList<{Plain(schema, spec["items"]!.AsObject(), "Inputs.", inputs: true)}>";
        }

        if (IsMap(spec))
        {
            return $"InputMap<{MapElement(schema, spec, "Inputs.", inputs: true)}>";
        }

        var input = $"Input<{Plain(schema, spec, "Inputs.", inputs: true)}>";
        return required ? input : input + "?";
    }

    /// <summary>The type of a plain InvokeArgs property (a function's <c>GetXArgs</c>): the value itself, no Input wrapper.</summary>
    public static string PlainArgType(PackageSchema schema, JsonObject spec, bool required)
    {
        if (IsArray(spec))
        {
            return $"List<{Plain(schema, spec["items"]!.AsObject(), "Inputs.", inputs: true)}>";
        }

        if (IsMap(spec))
        {
            return $"Dictionary<string, {MapElement(schema, spec, "Inputs.", inputs: true)}>";
        }

        var plain = Plain(schema, spec, "Inputs.", inputs: true);
        return required ? plain : plain + "?";
    }

    /// <summary>The type and Pulumi.Config getter the generator uses for a config variable.</summary>
    public static (string Type, string Getter) ConfigProperty(PackageSchema schema, JsonObject spec)
    {
        var plain = Plain(schema, spec, "Types.");
        return (string?)spec["type"] switch
        {
            "string" => (plain + "?", "Get"),
            "boolean" => (plain + "?", "GetBoolean"),
            "integer" => (plain + "?", "GetInt32"),
            "number" => (plain + "?", "GetDouble"),
            "array" => (plain, $"GetObject<{plain}>"),
            _ => (plain + "?", $"GetObject<{plain}>"),
        };
    }

    /// <summary>The expression a generated ctor (or config getter) assigns for a default, or null when there is none.</summary>
    public static string? DefaultExpression(SchemaProperty property)
    {
        string? value = property.Default switch
        {
            null => null,
            JsonValue v when v.GetValueKind() is JsonValueKind.True => "true",
            JsonValue v when v.GetValueKind() is JsonValueKind.False => "false",
            JsonValue v when v.GetValueKind() is JsonValueKind.String => JsonSerializer.Serialize(v.GetValue<string>()),
            JsonValue v when v.GetValueKind() is JsonValueKind.Number && v.TryGetValue<int>(out var i) => i.ToString(CultureInfo.InvariantCulture),
            JsonValue v when v.GetValueKind() is JsonValueKind.Number => v.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException($"default of {property.Name} is not a primitive: {property.Default.ToJsonString()}"),
        };

        if (property.EnvironmentVariables.Count == 0)
        {
            return value;
        }

        var getter = (string?)property.Spec["type"] switch
        {
            "boolean" => "GetEnvBoolean",
            "integer" => "GetEnvInt32",
            "number" => "GetEnvDouble",
            _ => "GetEnv",
        };
        var names = string.Join(", ", property.EnvironmentVariables.Select(e => JsonSerializer.Serialize(e)));
        var env = $"Utilities.{getter}({names})";
        return value is null ? env : $"{env} ?? {value}";
    }

    /// <summary>Provider inputs other than strings are sent JSON-encoded (<c>[Input("x", json: true)]</c>).</summary>
    public static bool IsJsonProviderInput(JsonObject spec) => (string?)spec["type"] != "string";

    /// <summary>Provider outputs come back from the engine as strings, so non-primitive ones are typed string.</summary>
    public static bool IsPrimitive(JsonObject spec) =>
        (string?)spec["type"] is "string" or "boolean" or "integer" or "number"
        || (string?)spec["$ref"] is "pulumi.json#/Any" or "pulumi.json#/Json" or "pulumi.json#/Asset" or "pulumi.json#/Archive";

    public static string Normalize(string typeText) =>
        string.Concat(typeText.Where(c => !char.IsWhiteSpace(c))).Replace("global::", "", StringComparison.Ordinal);

    private static bool IsArray(JsonObject spec) => (string?)spec["type"] == "array";

    private static bool IsMap(JsonObject spec) => (string?)spec["type"] == "object";

    private static string MapElement(PackageSchema schema, JsonObject spec, string qualifier, bool inputs) =>
        spec["additionalProperties"] is JsonObject element ? Plain(schema, element, qualifier, inputs) : "object";

    private static string Plain(PackageSchema schema, JsonObject spec, string qualifier, bool inputs = false)
    {
        if ((string?)spec["$ref"] is { } reference)
        {
            return reference switch
            {
                "pulumi.json#/Any" => "object",
                "pulumi.json#/Json" => "System.Text.Json.JsonElement",
                "pulumi.json#/Asset" => "AssetOrArchive",
                "pulumi.json#/Archive" => "Archive",
                _ when schema.IsEnum(SchemaNames.TypeToken(reference)) => SchemaNames.ClassName(SchemaNames.TypeToken(reference)),
                _ => qualifier + SchemaNames.ClassName(SchemaNames.TypeToken(reference)) + (inputs ? "Args" : ""),
            };
        }

        return (string?)spec["type"] switch
        {
            "string" => "string",
            "boolean" => "bool",
            "integer" => "int",
            "number" => "double",
            "array" => $"ImmutableArray<{Plain(schema, spec["items"]!.AsObject(), qualifier, inputs)}>",
            "object" => $"ImmutableDictionary<string, {MapElement(schema, spec, qualifier, inputs)}>",
            var other => throw new NotSupportedException($"schema type '{other}' in {spec.ToJsonString()}"),
        };
    }
}
