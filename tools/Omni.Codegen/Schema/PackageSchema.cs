using System.Text.Json.Nodes;

namespace Omni.Codegen.Schema;

/// <summary>
/// sdk/schema.json read into a model every generator shares: properties sorted by name (as
/// Pulumi's schema binder sorts them), references resolved to object, enum or resource kinds.
/// </summary>
internal sealed class PackageSchema
{
    private const string TypesPrefix = "#/types/";
    private const string ResourcesPrefix = "#/resources/";

    private PackageSchema(JsonObject root)
    {
        Root = root;
        Name = Required(root, "name", "the package");
        var types = root["types"] as JsonObject ?? [];
        EnumTypes = types
            .Where(t => t.Value?["enum"] is JsonArray)
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(t => t.Key, t => ReadEnum(t.Key, t.Value!.AsObject()), StringComparer.Ordinal);
        ObjectTypes = types
            .Where(t => t.Value?["enum"] is null)
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(t => t.Key, t => new SchemaObjectType(t.Key, Text(t.Value!, "description"), ReadProperties(t.Value!.AsObject(), "properties", "required", t.Key)), StringComparer.Ordinal);
        Config = ReadProperties(root["config"] as JsonObject ?? [], "variables", "defaults", "config");
        var provider = root["provider"] as JsonObject ?? [];
        Provider = ReadResource($"pulumi:providers:{Name}", provider, isProvider: true);
        Resources = (root["resources"] as JsonObject ?? [])
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => ReadResource(r.Key, r.Value!.AsObject(), isProvider: false))
            .ToList();
        Functions = (root["functions"] as JsonObject ?? [])
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => ReadFunction(f.Key, f.Value!.AsObject()))
            .ToList();
        CSharp = ReadCSharp(root["language"]?["csharp"] as JsonObject);
    }

    public JsonObject Root { get; }

    public string Name { get; }

    public string DisplayName => Text(Root, "displayName") ?? Name;

    public string? Version => Text(Root, "version");

    public string? Description => Text(Root, "description");

    public IReadOnlyList<string> Keywords => (Root["keywords"] as JsonArray ?? []).Select(k => (string)k!).ToList();

    public string? License => Text(Root, "license");

    public string? Homepage => Text(Root, "homepage");

    public string? Repository => Text(Root, "repository");

    public string? Publisher => Text(Root, "publisher");

    public string? PluginDownloadUrl => Text(Root, "pluginDownloadURL");

    public IReadOnlyList<SchemaProperty> Config { get; }

    public SchemaResource Provider { get; }

    public IReadOnlyList<SchemaResource> Resources { get; }

    public IReadOnlyList<SchemaFunction> Functions { get; }

    public IReadOnlyDictionary<string, SchemaObjectType> ObjectTypes { get; }

    public IReadOnlyDictionary<string, SchemaEnumType> EnumTypes { get; }

    public CSharpLanguage CSharp { get; }

    public static PackageSchema From(JsonObject root) => new(root);

    /// <summary>The module of a token (<c>pkg:module:Name</c>); <c>index</c> is the package's root module, "".</summary>
    public static string Module(string token)
    {
        var parts = Split(token);
        var module = parts[1];
        return module is "index" ? "" : module.EndsWith("/index", StringComparison.Ordinal) ? module[..^"/index".Length] : module;
    }

    /// <summary>The member part of a token, as written (<c>getUser</c> of <c>omni:index:getUser</c>).</summary>
    public static string Member(string token) => Split(token)[2];

    private static string[] Split(string token)
    {
        var parts = token.Split(':');
        return parts.Length == 3
            ? parts
            : throw new InvalidDataException($"sdk/schema.json: token '{token}' is not of the form package:module:Name.");
    }

    private SchemaResource ReadResource(string token, JsonObject spec, bool isProvider)
    {
        var properties = ReadProperties(spec, "properties", "required", token);
        var inputs = ReadProperties(spec, "inputProperties", "requiredInputs", token);
        var state = spec["stateInputs"] is JsonObject stateSpec ? ReadProperties(stateSpec, "properties", "required", token) : null;
        var aliases = (spec["aliases"] as JsonArray ?? []).Select(a => (string?)a?["type"]).OfType<string>().ToList();
        return new SchemaResource(token, Text(spec, "description"), properties, inputs, state, isProvider,
            spec["isComponent"]?.GetValue<bool>() ?? false, aliases, Text(spec, "deprecationMessage"));
    }

    private SchemaFunction ReadFunction(string token, JsonObject spec)
    {
        var inputs = spec["inputs"] is JsonObject i ? ReadProperties(i, "properties", "required", token) : null;
        IReadOnlyList<SchemaProperty>? outputs = spec["outputs"] switch
        {
            null => null,
            JsonObject o when o["properties"] is JsonObject => ReadProperties(o, "properties", "required", token),
            _ => throw new NotSupportedException(
                $"sdk/schema.json: function {token} returns something other than an object with properties; the generators support object results only."),
        };
        return new SchemaFunction(token, Text(spec, "description"), inputs, outputs, Text(spec, "deprecationMessage"));
    }

    private List<SchemaProperty> ReadProperties(JsonObject spec, string propertiesKey, string requiredKey, string owner)
    {
        var required = (spec[requiredKey] as JsonArray ?? []).Select(r => (string)r!).ToHashSet(StringComparer.Ordinal);
        return (spec[propertiesKey] as JsonObject ?? [])
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => ReadProperty(p.Key, p.Value!.AsObject(), required.Contains(p.Key), $"{owner}.{p.Key}"))
            .ToList();
    }

    private SchemaProperty ReadProperty(string name, JsonObject spec, bool required, string where) => new(
        name,
        ReadType(spec, where),
        required,
        Text(spec, "description"),
        spec["secret"]?.GetValue<bool>() ?? false,
        spec["default"]?.DeepClone(),
        (spec["defaultInfo"]?["environment"] as JsonArray ?? []).Select(e => (string)e!).ToList(),
        spec["replaceOnChanges"]?.GetValue<bool>() ?? false,
        spec["willReplaceOnChanges"]?.GetValue<bool>() ?? false,
        Text(spec, "deprecationMessage"),
        spec["const"]?.DeepClone());

    private SchemaType ReadType(JsonObject spec, string where)
    {
        if (Text(spec, "$ref") is { } reference)
        {
            if (reference.StartsWith("pulumi.json#/", StringComparison.Ordinal))
            {
                return new SchemaType.Builtin(reference["pulumi.json#/".Length..]);
            }

            if (reference.StartsWith(TypesPrefix, StringComparison.Ordinal))
            {
                var token = Uri.UnescapeDataString(reference[TypesPrefix.Length..]);
                if (Root["types"]?[token] is null)
                {
                    throw new InvalidDataException($"sdk/schema.json: {where} refers to type '{token}', which the schema's types do not declare.");
                }

                return Root["types"]?[token]?["enum"] is JsonArray ? new SchemaType.Enum(token) : new SchemaType.Object(token);
            }

            if (reference.StartsWith(ResourcesPrefix, StringComparison.Ordinal))
            {
                return new SchemaType.Resource(Uri.UnescapeDataString(reference[ResourcesPrefix.Length..]));
            }

            throw new NotSupportedException($"sdk/schema.json: {where} refers to '{reference}', which is not a type of this package.");
        }

        return Text(spec, "type") switch
        {
            "string" or "boolean" or "integer" or "number" => new SchemaType.Primitive(Text(spec, "type")!),
            "array" => new SchemaType.Array(ReadType(spec["items"] as JsonObject
                ?? throw new InvalidDataException($"sdk/schema.json: {where} is an array without items."), where + "[]")),
            "object" => new SchemaType.Map(spec["additionalProperties"] is JsonObject values ? ReadType(values, where + "{}") : new SchemaType.Builtin("Any")),
            var other => throw new NotSupportedException($"sdk/schema.json: {where} has type '{other ?? "(none)"}'; give it a type or a $ref."),
        };
    }

    private static SchemaEnumType ReadEnum(string token, JsonObject spec) => new(
        token,
        Text(spec, "description"),
        Text(spec, "type") ?? "string",
        spec["enum"]!.AsArray()
            .Select(e => e!.AsObject())
            .Select(e => new SchemaEnumValue(Text(e, "name"), e["value"]!.DeepClone(), Text(e, "description"), Text(e, "deprecationMessage")))
            .ToList());

    private static CSharpLanguage ReadCSharp(JsonObject? spec) => new(
        Text(spec, "rootNamespace") ?? "Pulumi",
        StringMap(spec?["packageReferences"]),
        StringMap(spec?["namespaces"]),
        spec?["respectSchemaVersion"]?.GetValue<bool>() ?? false);

    private static SortedDictionary<string, string> StringMap(JsonNode? node) =>
        new((node as JsonObject ?? []).ToDictionary(e => e.Key, e => (string)e.Value!, StringComparer.Ordinal), StringComparer.Ordinal);

    private static string Required(JsonObject spec, string key, string what) =>
        Text(spec, key) ?? throw new InvalidDataException($"sdk/schema.json: {what} has no '{key}'.");

    private static string? Text(JsonNode? node, string key) => node?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
