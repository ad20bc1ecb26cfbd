using System.Text.Json.Nodes;

namespace Omni.Sdk.Tests;

/// <summary>One property of a Pulumi package schema (a propertySpec), with what the SDK needs of it.</summary>
internal sealed record SchemaProperty(string Name, JsonObject Spec, bool Required)
{
    public string? Description => (string?)Spec["description"];

    public bool Secret => Spec["secret"]?.GetValue<bool>() ?? false;

    public JsonNode? Default => Spec["default"];

    public IReadOnlyList<string> EnvironmentVariables =>
        Spec["defaultInfo"]?["environment"]?.AsArray().Select(e => (string)e!).ToList() ?? [];

    public bool HasDefault => Default is not null || EnvironmentVariables.Count > 0;
}

/// <summary>A resource, the provider, an object type or a function's inputs/outputs: named property lists.</summary>
internal sealed record SchemaObject(string Token, string? Description, IReadOnlyList<SchemaProperty> Properties)
{
    public static SchemaObject From(string token, JsonObject? spec, string propertiesKey = "properties", string requiredKey = "required")
    {
        var required = spec?[requiredKey]?.AsArray().Select(r => (string)r!).ToHashSet(StringComparer.Ordinal) ?? [];
        var properties = (spec?[propertiesKey] as JsonObject ?? [])
            .Select(p => new SchemaProperty(p.Key, p.Value!.AsObject(), required.Contains(p.Key)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        return new SchemaObject(token, (string?)spec?["description"], properties);
    }
}

/// <summary>A resource (or the provider) as the schema declares it.</summary>
internal sealed record SchemaResource(string Token, string? Description, SchemaObject Outputs, SchemaObject Inputs, SchemaObject? StateInputs)
{
    public bool IsProvider => Token.StartsWith("pulumi:providers:", StringComparison.Ordinal);

    public string ClassName => IsProvider ? "Provider" : SchemaNames.ClassName(Token);
}

/// <summary>A function: its args (null when it takes none) and its result, both inline object types.</summary>
internal sealed record SchemaFunction(string Token, string? Description, SchemaObject? Inputs, SchemaObject Outputs)
{
    public string ClassName => SchemaNames.ClassName(Token);

    /// <summary>The generator makes the args parameter optional (<c>= null</c>) when no arg is required.</summary>
    public bool AllInputsOptional => Inputs is null || Inputs.Properties.All(p => !p.Required);
}

/// <summary>sdk/schema.json, read as plain JSON: the single source of truth the SDK is checked against.</summary>
internal sealed class PackageSchema
{
    private PackageSchema(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    public string Name => (string)Root["name"]!;

    public static PackageSchema Load(string path) =>
        new(JsonNode.Parse(File.ReadAllText(path))?.AsObject()
            ?? throw new InvalidDataException($"{path} is not a JSON object"));

    public IReadOnlyList<SchemaResource> Resources =>
        (Root["resources"] as JsonObject ?? [])
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => ToResource(r.Key, r.Value!.AsObject()))
            .ToList();

    public SchemaResource Provider => ToResource($"pulumi:providers:{Name}", Root["provider"] as JsonObject ?? []);

    public SchemaObject Config =>
        SchemaObject.From("config", Root["config"] as JsonObject, propertiesKey: "variables", requiredKey: "defaults");

    public IReadOnlyList<SchemaObject> Types =>
        (Root["types"] as JsonObject ?? [])
            .Where(t => (string?)t.Value?["type"] == "object")
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => SchemaObject.From(t.Key, t.Value!.AsObject()))
            .ToList();

    public IReadOnlyList<string> FunctionTokens =>
        (Root["functions"] as JsonObject ?? []).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<SchemaFunction> Functions =>
        (Root["functions"] as JsonObject ?? [])
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new SchemaFunction(
                f.Key,
                (string?)f.Value?["description"],
                f.Value?["inputs"] is JsonObject inputs ? SchemaObject.From(f.Key, inputs) : null,
                SchemaObject.From(f.Key, f.Value?["outputs"] as JsonObject)))
            .ToList();

    public bool IsEnum(string token) => Root["types"]?[token]?["enum"] is not null;

    private static SchemaResource ToResource(string token, JsonObject spec) => new(
        token,
        (string?)spec["description"],
        SchemaObject.From(token, spec),
        SchemaObject.From(token, spec, "inputProperties", "requiredInputs"),
        spec["stateInputs"] is JsonObject state ? SchemaObject.From(token, state) : null);
}

/// <summary>The .NET generator's naming rules for tokens and property names.</summary>
internal static class SchemaNames
{
    public static string ClassName(string token) => Pascal(token[(token.LastIndexOf(':') + 1)..]);

    public static string Pascal(string name) => string.Concat(char.ToUpperInvariant(name[0]).ToString(), name[1..]);

    public static string TypeToken(string reference) =>
        reference.StartsWith("#/types/", StringComparison.Ordinal) ? reference["#/types/".Length..] : reference;
}
