using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Protocol;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Schema;

/// <summary>
/// Derives the package schema (sdk/schema.json) from the annotated records, the way
/// pulumi-go-provider's <c>infer</c> does: the code is the single source of truth. Resources and
/// functions share one <c>types</c> section, so a type used by both is declared once.
/// </summary>
internal static class SchemaGenerator
{
    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Generate(IEnumerable<IResourceHandler> resources, IEnumerable<IFunctionHandler> functions) =>
        Build(resources, functions).ToJsonString(Output).ReplaceLineEndings("\n") + "\n";

    public static JsonObject Build(IEnumerable<IResourceHandler> resources, IEnumerable<IFunctionHandler> functions)
    {
        var types = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        var config = Properties(typeof(ProviderConfig), types);
        var resourceSpecs = new JsonObject();
        foreach (var resource in resources.OrderBy(r => r.Token, StringComparer.Ordinal))
        {
            resourceSpecs[resource.Token] = new JsonObject
            {
                ["description"] = resource.Description,
                ["properties"] = Properties(resource.StateType, types, includeDefaults: false),
                ["required"] = Required(resource.StateType, defaultedAreAlwaysSet: true),
                ["inputProperties"] = Properties(resource.ArgsType, types),
                ["requiredInputs"] = Required(resource.ArgsType, defaultedAreAlwaysSet: false),
            };
        }

        var functionSpecs = new JsonObject();
        foreach (var function in functions.OrderBy(f => f.Token, StringComparer.Ordinal))
        {
            functionSpecs[function.Token] = FunctionSpec(function, types);
        }

        return new JsonObject
        {
            ["name"] = PackageInfo.Name,
            ["displayName"] = PackageInfo.DisplayName,
            ["version"] = PackageInfo.Version,
            ["description"] = PackageInfo.Description,
            ["keywords"] = new JsonArray([.. PackageInfo.Keywords.Select(k => (JsonNode)JsonValue.Create(k))]),
            ["license"] = PackageInfo.License,
            ["repository"] = PackageInfo.Repository,
            ["publisher"] = PackageInfo.Publisher,
            ["pluginDownloadURL"] = PackageInfo.PluginDownloadUrl,
            ["config"] = new JsonObject { ["variables"] = config.DeepClone() },
            ["provider"] = new JsonObject
            {
                ["description"] = "The provider type for the omni package.",
                ["properties"] = OutputsOfProvider(config),
                ["inputProperties"] = config,
            },
            ["resources"] = resourceSpecs,
            ["functions"] = functionSpecs,
            ["types"] = new JsonObject([.. types]),
            ["language"] = new JsonObject
            {
                ["csharp"] = new JsonObject
                {
                    ["rootNamespace"] = "Pulumi",
                    ["packageReferences"] = new JsonObject { ["Pulumi"] = "3.*" },
                    ["respectSchemaVersion"] = true,
                },
            },
        };
    }

    /// <summary>A function's args and result as inline object types; a function without args has no <c>inputs</c>.</summary>
    private static JsonObject FunctionSpec(IFunctionHandler function, SortedDictionary<string, JsonNode?> types)
    {
        var name = function.Token[(function.Token.LastIndexOf(':') + 1)..];
        var spec = new JsonObject { ["description"] = function.Description };
        if (PulumiProperties.Of(function.ArgsType).Count > 0)
        {
            spec["inputs"] = new JsonObject
            {
                ["description"] = $"The arguments of {name}.",
                ["type"] = "object",
                ["properties"] = Properties(function.ArgsType, types),
                ["required"] = Required(function.ArgsType, defaultedAreAlwaysSet: false),
            };
        }

        spec["outputs"] = new JsonObject
        {
            ["description"] = $"The result of {name}.",
            ["type"] = "object",
            ["properties"] = Properties(function.ResultType, types, includeDefaults: false),
            ["required"] = Required(function.ResultType, defaultedAreAlwaysSet: false),
        };
        return spec;
    }

    // A provider's state holds its string inputs, as the engine records them.
    private static JsonObject OutputsOfProvider(JsonObject config) =>
        new([.. config.Where(p => p.Value?["type"]?.GetValue<string>() == "string").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))]);

    /// <param name="includeDefaults">Defaults describe inputs; outputs always carry the value.</param>
    private static JsonObject Properties(Type record, SortedDictionary<string, JsonNode?> types, bool includeDefaults = true)
    {
        var properties = new JsonObject();
        foreach (var info in PulumiProperties.Of(record))
        {
            var spec = TypeSpec(info.Shape, $"{record.Name}.{info.Name}", types);
            spec["description"] = info.Attribute.Description;
            if (includeDefaults && info.Attribute.Default is { } defaultValue)
            {
                spec["default"] = DefaultValue(defaultValue);
            }

            if (info.Attribute.EnvironmentFallbacks is { Length: > 0 } environment)
            {
                spec["defaultInfo"] = new JsonObject { ["environment"] = new JsonArray([.. environment.Select(e => (JsonNode)JsonValue.Create(e))]) };
            }

            if (info.Attribute.Secret)
            {
                spec["secret"] = true;
            }

            if (info.Attribute.ReplaceOnChanges)
            {
                spec["willReplaceOnChanges"] = true;
            }

            properties[info.Name] = spec;
        }

        return properties;
    }

    /// <param name="defaultedAreAlwaysSet">In outputs, an input with a default is always present
    /// (Check applies the default), so the SDK can type it as non-optional.</param>
    private static JsonArray Required(Type record, bool defaultedAreAlwaysSet) =>
        new([.. PulumiProperties.Of(record)
            .Where(p => p.Attribute.Required || (defaultedAreAlwaysSet && p.Attribute.Default is not null))
            .Select(p => (JsonNode)JsonValue.Create(p.Name))]);

    private static JsonValue DefaultValue(object value) => value switch
    {
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        _ => throw new InvalidOperationException($"Unsupported default value type {value.GetType().Name}."),
    };

    private static JsonObject TypeSpec(PulumiShape shape, string where, SortedDictionary<string, JsonNode?> types)
    {
        shape = shape.Underlying;
        switch (shape.Kind)
        {
            case ShapeKind.String:
                return new JsonObject { ["type"] = "string" };
            case ShapeKind.Bool:
                return new JsonObject { ["type"] = "boolean" };
            case ShapeKind.Int or ShapeKind.Long:
                return new JsonObject { ["type"] = "integer" };
            case ShapeKind.Double or ShapeKind.Decimal:
                return new JsonObject { ["type"] = "number" };
            case ShapeKind.Any or ShapeKind.Converted:
                return new JsonObject { ["$ref"] = "pulumi.json#/Any" };
            case ShapeKind.Dictionary:
                return new JsonObject { ["type"] = "object", ["additionalProperties"] = TypeSpec(shape.Element!, where, types) };
            case ShapeKind.List:
                return new JsonObject { ["type"] = "array", ["items"] = TypeSpec(shape.Element!, where, types) };
        }

        if (PulumiProperties.RecordOf(shape.Type)?.TypeAttribute is { } objectType)
        {
            if (!types.ContainsKey(objectType.Token))
            {
                types[objectType.Token] = null; // reserve first: a type may refer to itself
                types[objectType.Token] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = objectType.Description,
                    ["properties"] = Properties(shape.Type, types),
                    ["required"] = Required(shape.Type, defaultedAreAlwaysSet: false),
                };
            }

            return new JsonObject { ["$ref"] = $"#/types/{objectType.Token}" };
        }

        throw new InvalidOperationException($"No schema type for {shape.Type.Name} ({where}); declare it as IReadOnlyList, IReadOnlyDictionary or a [PulumiType] record.");
    }
}
