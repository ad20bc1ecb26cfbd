namespace Omni.Codegen.Schema;

/// <summary>The type of a schema property (a typeSpec), with its references resolved to kinds.</summary>
internal abstract record SchemaType
{
    /// <summary>string, boolean, integer or number.</summary>
    internal sealed record Primitive(string Name) : SchemaType;

    /// <summary>pulumi.json#/Any, #/Json, #/Asset or #/Archive.</summary>
    internal sealed record Builtin(string Name) : SchemaType;

    internal sealed record Array(SchemaType Items) : SchemaType;

    /// <summary>An object with additionalProperties: a map from string keys.</summary>
    internal sealed record Map(SchemaType Values) : SchemaType;

    /// <summary>A reference to an object type of the package's <c>types</c>.</summary>
    internal sealed record Object(string Token) : SchemaType;

    /// <summary>A reference to an enum type of the package's <c>types</c>.</summary>
    internal sealed record Enum(string Token) : SchemaType;

    /// <summary>A reference to a resource of the package.</summary>
    internal sealed record Resource(string Token) : SchemaType;

    public static readonly SchemaType String = new Primitive("string");

    public bool IsString => this is Primitive { Name: "string" };

    /// <summary>Pulumi's IsPrimitiveType: what the engine hands back as itself, not as a string, for a provider.</summary>
    public bool IsPrimitive => this is Primitive or Builtin;
}

/// <summary>One property of a resource, type, function or the config.</summary>
internal sealed record SchemaProperty(
    string Name,
    SchemaType Type,
    bool Required,
    string? Description,
    bool Secret,
    System.Text.Json.Nodes.JsonNode? Default,
    IReadOnlyList<string> EnvironmentVariables,
    bool ReplaceOnChanges,
    bool WillReplaceOnChanges,
    string? DeprecationMessage,
    System.Text.Json.Nodes.JsonNode? Const)
{
    public bool HasDefault => Default is not null || EnvironmentVariables.Count > 0;
}

/// <summary>An object type: named, sorted properties.</summary>
internal sealed record SchemaObjectType(string Token, string? Description, IReadOnlyList<SchemaProperty> Properties);

/// <summary>One value of an enum type.</summary>
internal sealed record SchemaEnumValue(string? Name, System.Text.Json.Nodes.JsonNode Value, string? Description, string? DeprecationMessage);

/// <summary>An enum type: its underlying primitive and its values.</summary>
internal sealed record SchemaEnumType(string Token, string? Description, string ElementType, IReadOnlyList<SchemaEnumValue> Values);

/// <summary>A resource (or the provider): its outputs, inputs and optional state inputs.</summary>
internal sealed record SchemaResource(
    string Token,
    string? Description,
    IReadOnlyList<SchemaProperty> Properties,
    IReadOnlyList<SchemaProperty> InputProperties,
    IReadOnlyList<SchemaProperty>? StateInputs,
    bool IsProvider,
    bool IsComponent,
    IReadOnlyList<string> Aliases,
    string? DeprecationMessage)
{
    /// <summary>Property paths a change of which replaces the resource (<c>replaceOnChanges</c>), nested ones dotted.</summary>
    public IReadOnlyList<string> ReplaceOnChangesPaths(PackageSchema package)
    {
        var paths = new List<string>();
        Collect(Properties, "", new HashSet<string>(StringComparer.Ordinal));
        return paths;

        void Collect(IReadOnlyList<SchemaProperty> properties, string prefix, HashSet<string> visiting)
        {
            foreach (var property in properties)
            {
                var path = prefix + property.Name;
                if (property.ReplaceOnChanges)
                {
                    paths.Add(path);
                }

                var (type, suffix) = property.Type switch
                {
                    SchemaType.Array a => (a.Items, "[*]"),
                    SchemaType.Map m => (m.Values, ".*"),
                    var t => (t, ""),
                };
                if (type is SchemaType.Object o && package.ObjectTypes.TryGetValue(o.Token, out var nested) && visiting.Add(o.Token))
                {
                    Collect(nested.Properties, path + suffix + ".", visiting);
                    visiting.Remove(o.Token);
                }
            }
        }
    }
}

/// <summary>A function: its args (null when it takes none) and its result object (null when it returns nothing).</summary>
internal sealed record SchemaFunction(
    string Token,
    string? Description,
    IReadOnlyList<SchemaProperty>? Inputs,
    IReadOnlyList<SchemaProperty>? Outputs,
    string? DeprecationMessage);

/// <summary>language.csharp of the schema.</summary>
internal sealed record CSharpLanguage(
    string RootNamespace,
    IReadOnlyDictionary<string, string> PackageReferences,
    IReadOnlyDictionary<string, string> Namespaces,
    bool RespectSchemaVersion);
