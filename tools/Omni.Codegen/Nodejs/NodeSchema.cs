using System.Text.Json.Nodes;

namespace Omni.Codegen.Nodejs;

/// <summary>One property of a resource, function, object type or the package config, as the schema declares it.</summary>
internal sealed record NodeProperty(string Name, JsonObject Spec, bool Required)
{
    public string Description => Spec["description"]?.GetValue<string>() ?? "";

    public string Deprecation => Spec["deprecationMessage"]?.GetValue<string>() ?? "";

    public bool Secret => Spec["secret"]?.GetValue<bool>() == true;

    public bool ReplaceOnChanges => Spec["replaceOnChanges"]?.GetValue<bool>() == true;

    /// <summary>A plain property is never wrapped in pulumi.Input (its value must be known at construction).</summary>
    public bool Plain => Spec["plain"]?.GetValue<bool>() == true;

    public JsonNode? Default => Spec["default"];

    public JsonNode? Const => Spec["const"];

    public IReadOnlyList<string> DefaultEnvironment =>
        Spec["defaultInfo"]?["environment"]?.AsArray().Select(e => e!.GetValue<string>()).ToList() ?? [];

    public bool HasDefault => Default is not null || DefaultEnvironment.Count > 0;

    /// <summary>The properties of an object spec, sorted by name as Pulumi's schema binder sorts them.</summary>
    public static IReadOnlyList<NodeProperty> ListOf(JsonNode? properties, JsonNode? required)
    {
        var requiredNames = required?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
        return properties?.AsObject()
            .Select(p => new NodeProperty(p.Key, p.Value!.AsObject(), requiredNames.Contains(p.Key)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList() ?? [];
    }
}

/// <summary>A resource (or the package's provider) of the schema.</summary>
internal sealed record NodeResource(
    string Token,
    string Name,
    string Module,
    string Description,
    string Deprecation,
    IReadOnlyList<NodeProperty> Properties,
    IReadOnlyList<NodeProperty> InputProperties,
    IReadOnlyList<NodeProperty>? StateInputs,
    string StateDescription,
    IReadOnlyList<string> AliasTypes,
    bool IsProvider,
    bool IsComponent);

/// <summary>A function (invoke) of the schema; Outputs is its inline result object (or the referenced type's properties).</summary>
internal sealed record NodeFunction(
    string Token,
    string Name,
    string Module,
    string Description,
    string Deprecation,
    IReadOnlyList<NodeProperty>? Inputs,
    string InputsDescription,
    IReadOnlyList<NodeProperty>? Outputs,
    string OutputsDescription,
    JsonObject? ReturnTypeRef);

/// <summary>An object type of the schema's `types`.</summary>
internal sealed record NodeObjectType(string Token, string Name, string Module, string Description, IReadOnlyList<NodeProperty> Properties);

/// <summary>One value of an enum type.</summary>
internal sealed record NodeEnumValue(string Name, JsonNode Value, string Description, string Deprecation);

/// <summary>An enum type of the schema's `types`.</summary>
internal sealed record NodeEnumType(string Token, string Name, string Module, string Description, IReadOnlyList<NodeEnumValue> Values);

/// <summary>The schema's `language.nodejs` settings that the generator honours (Pulumi's NodePackageInfo).</summary>
internal sealed record NodeLanguageInfo(
    string? PackageName,
    string? PackageDescription,
    string? Readme,
    string? TypeScriptVersion,
    IReadOnlyDictionary<string, string> Dependencies,
    IReadOnlyDictionary<string, string> DevDependencies);

/// <summary>The package as the TypeScript generator sees it: every token already placed in its module.</summary>
internal sealed class NodePackage
{
    private readonly System.Text.RegularExpressions.Regex moduleFormat;

    public NodePackage(JsonObject schema)
    {
        Name = Text(schema, "name") ?? throw new InvalidDataException("sdk/schema.json has no `name`.");
        Version = Text(schema, "version") ?? throw new InvalidDataException("sdk/schema.json has no `version`: the TypeScript SDK's package.json and the plugin version come from it.");
        Description = Text(schema, "description") ?? "";
        Homepage = Text(schema, "homepage");
        Repository = Text(schema, "repository");
        License = Text(schema, "license");
        PluginDownloadUrl = Text(schema, "pluginDownloadURL");
        Keywords = schema["keywords"]?.AsArray().Select(k => k!.GetValue<string>()).ToList() ?? [];
        moduleFormat = new System.Text.RegularExpressions.Regex(
            "^" + (schema["meta"]?["moduleFormat"]?.GetValue<string>() ?? "(.*)") + "$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        Language = ReadLanguage(schema["language"]?["nodejs"] as JsonObject);

        Config = NodeProperty.ListOf(schema["config"]?["variables"], schema["config"]?["required"]);
        var provider = schema["provider"] as JsonObject ?? [];
        Provider = ReadResource($"pulumi:providers:{Name}", provider, isProvider: true);
        Resources = (schema["resources"] as JsonObject ?? [])
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => ReadResource(r.Key, r.Value!.AsObject(), isProvider: false))
            .ToList();
        Functions = (schema["functions"] as JsonObject ?? [])
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => ReadFunction(f.Key, f.Value!.AsObject()))
            .ToList();

        var objects = new Dictionary<string, NodeObjectType>(StringComparer.Ordinal);
        var enums = new Dictionary<string, NodeEnumType>(StringComparer.Ordinal);
        foreach (var (token, node) in schema["types"] as JsonObject ?? [])
        {
            var spec = node!.AsObject();
            if (spec["enum"] is JsonArray values)
            {
                enums[token] = new NodeEnumType(token, TsNames.TokenName(token), ModuleOf(token), Text(spec, "description") ?? "",
                    values.Select(v => ReadEnumValue(v!.AsObject())).ToList());
            }
            else
            {
                objects[token] = new NodeObjectType(token, TsNames.TokenName(token), ModuleOf(token), Text(spec, "description") ?? "",
                    NodeProperty.ListOf(spec["properties"], spec["required"]));
            }
        }

        ObjectTypes = objects;
        EnumTypes = enums;
    }

    public string Name { get; }

    public string Version { get; }

    public string Description { get; }

    public string? Homepage { get; }

    public string? Repository { get; }

    public string? License { get; }

    public string? PluginDownloadUrl { get; }

    public IReadOnlyList<string> Keywords { get; }

    public NodeLanguageInfo Language { get; }

    public IReadOnlyList<NodeProperty> Config { get; }

    public NodeResource Provider { get; }

    public IReadOnlyList<NodeResource> Resources { get; }

    public IReadOnlyList<NodeFunction> Functions { get; }

    public IReadOnlyDictionary<string, NodeObjectType> ObjectTypes { get; }

    public IReadOnlyDictionary<string, NodeEnumType> EnumTypes { get; }

    /// <summary>Pulumi's TokenToModule: `pkg:mod:Name` → mod (through meta.moduleFormat), with `index` (and providers) at the root.</summary>
    public string ModuleOf(string token)
    {
        var parts = token.Split(':');
        if (parts.Length != 3)
        {
            throw new InvalidDataException($"sdk/schema.json: `{token}` is not a token of the form package:module:Name.");
        }

        if (parts[1] == "providers")
        {
            return "";
        }

        var match = moduleFormat.Match(parts[1]);
        var module = match.Success && match.Groups.Count > 1 ? match.Groups[1].Value : "";
        return module.StartsWith("index", StringComparison.Ordinal) ? "" : module;
    }

    private NodeResource ReadResource(string token, JsonObject spec, bool isProvider)
    {
        var stateInputs = spec["stateInputs"] as JsonObject;
        if (spec["methods"] is JsonObject { Count: > 0 })
        {
            throw new NotSupportedException($"sdk/schema.json: {token} declares methods, which the TypeScript generator (tools/Omni.Codegen/Nodejs) does not emit yet.");
        }

        return new NodeResource(
            token,
            isProvider ? "Provider" : TsNames.TokenName(token),
            isProvider ? "" : ModuleOf(token),
            Text(spec, "description") ?? "",
            Text(spec, "deprecationMessage") ?? "",
            NodeProperty.ListOf(spec["properties"], spec["required"]),
            NodeProperty.ListOf(spec["inputProperties"], spec["requiredInputs"]),
            stateInputs is null ? null : NodeProperty.ListOf(stateInputs["properties"], stateInputs["required"]),
            stateInputs is null ? "" : Text(stateInputs, "description") ?? "",
            spec["aliases"]?.AsArray().Select(a => a?["type"]?.GetValue<string>()).OfType<string>().ToList() ?? [],
            isProvider,
            spec["isComponent"]?.GetValue<bool>() == true);
    }

    private NodeFunction ReadFunction(string token, JsonObject spec)
    {
        if (spec["multiArgumentInputs"] is JsonArray { Count: > 0 })
        {
            throw new NotSupportedException($"sdk/schema.json: {token} uses multiArgumentInputs, which the TypeScript generator (tools/Omni.Codegen/Nodejs) does not emit yet.");
        }

        var inputs = spec["inputs"] as JsonObject;
        // `returnType` is the newer spelling of `outputs`, for a reference or an inline object alike.
        var outputs = spec["outputs"] as JsonObject ?? spec["returnType"] as JsonObject;
        JsonObject? returnTypeRef = null;
        if (outputs is not null && outputs["properties"] is null && outputs["$ref"] is not null)
        {
            returnTypeRef = outputs;
            outputs = null;
        }
        else if (outputs is not null && outputs["properties"] is null)
        {
            throw new NotSupportedException($"sdk/schema.json: {token} returns a non-object value, which the TypeScript generator (tools/Omni.Codegen/Nodejs) does not emit yet (Pulumi's invokeSingle).");
        }

        return new NodeFunction(
            token,
            TsNames.Camel(TsNames.TokenName(token)),
            ModuleOf(token),
            Text(spec, "description") ?? "",
            Text(spec, "deprecationMessage") ?? "",
            inputs is null ? null : NodeProperty.ListOf(inputs["properties"], inputs["required"]),
            inputs is null ? "" : Text(inputs, "description") ?? "",
            outputs is null ? null : NodeProperty.ListOf(outputs["properties"], outputs["required"]),
            outputs is null ? "" : Text(outputs, "description") ?? "",
            returnTypeRef);
    }

    private static NodeEnumValue ReadEnumValue(JsonObject spec)
    {
        var value = spec["value"] ?? throw new InvalidDataException("sdk/schema.json: an enum value has no `value`.");
        var name = Text(spec, "name") ?? value.ToJsonString().Trim('"');
        return new NodeEnumValue(TsNames.EnumMemberName(name), value, Text(spec, "description") ?? "", Text(spec, "deprecationMessage") ?? "");
    }

    private static NodeLanguageInfo ReadLanguage(JsonObject? nodejs) => new(
        nodejs is null ? null : Text(nodejs, "packageName"),
        nodejs is null ? null : Text(nodejs, "packageDescription"),
        nodejs is null ? null : Text(nodejs, "readme"),
        nodejs is null ? null : Text(nodejs, "typescriptVersion"),
        StringMap(nodejs?["dependencies"]),
        StringMap(nodejs?["devDependencies"]));

    private static Dictionary<string, string> StringMap(JsonNode? node) =>
        node?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal) ?? [];

    private static string? Text(JsonObject spec, string key) => spec[key]?.GetValue<string>();
}
