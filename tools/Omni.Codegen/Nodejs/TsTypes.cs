using System.Text.Json.Nodes;

namespace Omni.Codegen.Nodejs;

/// <summary>How a schema type is spelled in TypeScript.</summary>
internal enum TsShape
{
    /// <summary>A value the engine returns (resource outputs, types/output.ts, function results).</summary>
    Output,

    /// <summary>A plain value a program passes (a function's Args, plain object types in types/input.ts).</summary>
    Plain,

    /// <summary>A value that may be an Input at every level (resource Args, `...OutputArgs`, `...Args` types).</summary>
    Input,
}

/// <summary>What a generated file must import for the types it spells: the types modules, and resource classes by module path.</summary>
internal sealed class TsImports
{
    public bool NeedsTypes { get; set; }

    public SortedDictionary<string, SortedSet<string>> Resources { get; } = new(StringComparer.Ordinal);

    public void AddResource(string modulePath, string name)
    {
        if (!Resources.TryGetValue(modulePath, out var names))
        {
            Resources[modulePath] = names = new SortedSet<string>(StringComparer.Ordinal);
        }

        names.Add(name);
    }
}

/// <summary>Pulumi's typeAst/typeString for the Node SDK (gen.go), from a property spec of the schema.</summary>
internal sealed class TsTypes(NodePackage package)
{
    private const string TypesPrefix = "#/types/";
    private const string ResourcesPrefix = "#/resources/";

    /// <summary>The type of a value of this spec in the given shape, seen from the module `from`.</summary>
    public string TypeOf(JsonObject spec, TsShape shape, string from, TsImports imports)
    {
        var inner = Core(spec, shape, from, imports);
        return shape == TsShape.Input && inner != "any" ? $"pulumi.Input<{inner}>" : inner;
    }

    /// <summary>The type of a property: a plain property is not wrapped in pulumi.Input at its top level.</summary>
    public string PropertyType(NodeProperty property, TsShape shape, string from, TsImports imports) =>
        shape == TsShape.Input && property.Plain
            ? Core(property.Spec, TsShape.Plain, from, imports)
            : TypeOf(property.Spec, shape, from, imports);

    /// <summary>Every object type reachable from these properties (through arrays, maps, unions and other objects).</summary>
    public IEnumerable<NodeObjectType> ObjectTypesReachableFrom(IEnumerable<NodeProperty> properties)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonObject>(properties.Select(p => p.Spec));
        while (pending.TryPop(out var spec))
        {
            if (spec["$ref"]?.GetValue<string>() is { } reference
                && reference.StartsWith(TypesPrefix, StringComparison.Ordinal)
                && package.ObjectTypes.TryGetValue(reference[TypesPrefix.Length..], out var type)
                && seen.Add(type.Token))
            {
                yield return type;
                foreach (var property in type.Properties)
                {
                    pending.Push(property.Spec);
                }
            }

            foreach (var child in new[] { spec["items"], spec["additionalProperties"] }.OfType<JsonObject>())
            {
                pending.Push(child);
            }

            foreach (var member in spec["oneOf"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                pending.Push(member);
            }
        }
    }

    private string Core(JsonObject spec, TsShape shape, string from, TsImports imports)
    {
        if (spec["$ref"]?.GetValue<string>() is { } reference)
        {
            return Reference(reference, shape, from, imports);
        }

        if (spec["oneOf"] is JsonArray members)
        {
            return Union(members.OfType<JsonObject>().Select(m => Core(m, shape, from, imports)));
        }

        var type = spec["type"]?.GetValue<string>();
        return type switch
        {
            "string" when spec["const"] is { } constant => TsNames.Quote(constant.GetValue<string>()),
            "string" => "string",
            "integer" or "number" => "number",
            "boolean" => "boolean",
            "array" => ArrayOf(TypeOf(Child(spec, "items"), shape, from, imports)),
            "object" when spec["additionalProperties"] is JsonObject element => $"{{[key: string]: {TypeOf(element, shape, from, imports)}}}",
            "object" => $"{{[key: string]: {(shape == TsShape.Input ? "pulumi.Input<string>" : "string")}}}",
            _ => throw new NotSupportedException($"sdk/schema.json: a property has type `{type ?? "(none)"}`, which the TypeScript generator does not know."),
        };
    }

    private string Reference(string reference, TsShape shape, string from, TsImports imports)
    {
        switch (reference)
        {
            case "pulumi.json#/Any" or "pulumi.json#/Json":
                return "any";
            case "pulumi.json#/Archive":
                return "pulumi.asset.Archive";
            case "pulumi.json#/Asset":
                return "pulumi.asset.Asset | pulumi.asset.Archive";
        }

        if (reference.StartsWith(TypesPrefix, StringComparison.Ordinal))
        {
            var token = reference[TypesPrefix.Length..];
            imports.NeedsTypes = true;
            if (package.EnumTypes.TryGetValue(token, out var enumType))
            {
                return $"enums.{Qualifier(enumType.Module)}{enumType.Name}";
            }

            if (package.ObjectTypes.TryGetValue(token, out var objectType))
            {
                var root = shape == TsShape.Output ? "outputs." : "inputs.";
                var suffix = shape == TsShape.Input ? "Args" : "";
                return $"{root}{Qualifier(objectType.Module)}{objectType.Name}{suffix}";
            }

            throw new InvalidDataException($"sdk/schema.json: `{reference}` names no type in `types`.");
        }

        if (reference.StartsWith(ResourcesPrefix, StringComparison.Ordinal))
        {
            var token = reference[ResourcesPrefix.Length..];
            var resource = package.Resources.FirstOrDefault(r => r.Token == token)
                ?? throw new InvalidDataException($"sdk/schema.json: `{reference}` names no resource in `resources`.");
            imports.AddResource(TsNames.RelativeModule(from, resource.Module), resource.Name);
            return resource.Name;
        }

        throw new NotSupportedException($"sdk/schema.json: the reference `{reference}` points outside this package, which the TypeScript generator does not support.");
    }

    private static JsonObject Child(JsonObject spec, string key) =>
        spec[key] as JsonObject ?? throw new InvalidDataException($"sdk/schema.json: an array property has no `{key}`.");

    private static string Qualifier(string module) => module.Length == 0 ? "" : module.Replace('/', '.') + ".";

    /// <summary>`T[]`, parenthesised when T is a top-level union.</summary>
    private static string ArrayOf(string element) => IsTopLevelUnion(element) ? $"({element})[]" : element + "[]";

    public static string Union(IEnumerable<string> members)
    {
        var distinct = members.SelectMany(SplitTopLevelUnion).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Contains("any") ? "any" : string.Join(" | ", distinct);
    }

    private static bool IsTopLevelUnion(string type) => SplitTopLevelUnion(type).Count() > 1;

    private static IEnumerable<string> SplitTopLevelUnion(string type)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < type.Length; i++)
        {
            switch (type[i])
            {
                case '<' or '{' or '(' or '[':
                    depth++;
                    break;
                case '>' or '}' or ')' or ']':
                    depth--;
                    break;
                case '|' when depth == 0:
                    yield return type[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }

        yield return type[start..].Trim();
    }
}
