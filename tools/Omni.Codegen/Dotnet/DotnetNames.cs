using Omni.Codegen.Schema;

namespace Omni.Codegen.Dotnet;

/// <summary>How a type is shaped where it is written (Pulumi's .NET generator: typeString's input/state/args).</summary>
internal enum Shape
{
    /// <summary>An output: a resource's <c>Output&lt;T&gt;</c>, an output type's field, a function's result.</summary>
    Output,

    /// <summary>A resource's args, an input type or a function's Invoke args: <c>Input&lt;T&gt;</c>-wrapped, objects as <c>XArgs</c>.</summary>
    Input,

    /// <summary>A resource's <c>Get</c> state: like Input, objects as <c>XGetArgs</c>.</summary>
    State,

    /// <summary>A function's plain args (<c>InvokeAsync</c>): values, objects as <c>X : InvokeArgs</c>.</summary>
    Plain,
}

/// <summary>The .NET generator's naming rules: namespaces, class and property names, C# type text.</summary>
internal sealed class DotnetNames(PackageSchema schema)
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    ];

    public PackageSchema Schema => schema;

    /// <summary>The package's name as a namespace part and attribute prefix: <c>Omni</c>.</summary>
    public string PackageName => NamespaceName(schema.Name);

    /// <summary>The root module's namespace and the assembly's name: <c>Pulumi.Omni</c>.</summary>
    public string PackageNamespace => $"{schema.CSharp.RootNamespace}.{PackageName}";

    public string NamespaceName(string name)
    {
        if (schema.CSharp.Namespaces.TryGetValue(name, out var mapped))
        {
            return mapped;
        }

        return string.Join(".", name.Split('/').Select(part => string.Concat(part.Split('-').Select(UppercaseFirst))));
    }

    /// <summary>The namespace of a module (<c>""</c> is the package's root).</summary>
    public string ModuleNamespace(string module) => module.Length == 0 ? PackageNamespace : $"{PackageNamespace}.{NamespaceName(module)}";

    /// <summary>The folder of a module under sdk/dotnet ("" for the root module).</summary>
    public string ModuleFolder(string module) =>
        string.Join("/", ModuleNamespace(module).Split('.').Skip(2));

    /// <summary>Pulumi's tokenToNamespace: the namespace a token's member lives in, with an optional qualifier.</summary>
    public string TokenNamespace(string token, string qualifier)
    {
        var ns = ModuleNamespace(PackageSchema.Module(token));
        return qualifier.Length == 0 ? ns : $"{ns}.{qualifier}";
    }

    public static string ClassName(string token) => UppercaseFirst(PackageSchema.Member(token));

    public static string ResourceClassName(SchemaResource resource) => resource.IsProvider ? "Provider" : ClassName(resource.Token);

    /// <summary>A property's C# name: the wire name without hyphens, first letter upper case.</summary>
    public static string PropertyName(string wireName) => UppercaseFirst(Unhyphenate(wireName));

    /// <summary>A constructor parameter's name: the wire name, escaped where it is a C# keyword.</summary>
    public static string ParameterName(string wireName)
    {
        var name = wireName.TrimStart('$');
        return Unhyphenate(Keywords.Contains(name) ? "@" + name : name);
    }

    public static string UppercaseFirst(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    public static string Unhyphenate(string s)
    {
        var parts = s.Split('-');
        return parts[0] + string.Concat(parts.Skip(1).Select(UppercaseFirst));
    }

    /// <summary>The class name of an object type in a shape: <c>X</c>, <c>XArgs</c> or <c>XGetArgs</c>.</summary>
    public static string ObjectClassName(string token, Shape shape) => ClassName(token) + shape switch
    {
        Shape.Input => "Args",
        Shape.State => "GetArgs",
        _ => "",
    };

    /// <summary>A property's C# type where it is declared (Pulumi's typeString on the property's type).</summary>
    /// <param name="requireInitializers">Lists and maps as List/Dictionary (a plain args' backing field) rather than immutable.</param>
    public string PropertyType(SchemaType type, bool required, Shape shape, string qualifier, string currentNamespace, bool requireInitializers = false)
    {
        if (shape is Shape.Input or Shape.State)
        {
            var (wrapper, element) = type switch
            {
                SchemaType.Array a => ("InputList", a.Items),
                SchemaType.Map m => ("InputMap", m.Values),
                _ => ("Input", type),
            };
            if (type is SchemaType.Builtin { Name: "Json" })
            {
                return required ? "InputJson" : "InputJson?";
            }

            var wrapped = $"{wrapper}<{Plain(element, shape, qualifier, currentNamespace, false)}>";
            return required || wrapper != "Input" ? wrapped : wrapped + "?";
        }

        var plain = Plain(type, shape, qualifier, currentNamespace, requireInitializers);
        return required || (type is SchemaType.Array && !requireInitializers) ? plain : plain + "?";
    }

    /// <summary>A type without its optional or input wrapper.</summary>
    public string Plain(SchemaType type, Shape shape, string qualifier, string currentNamespace, bool requireInitializers) => type switch
    {
        SchemaType.Primitive { Name: "string" } => "string",
        SchemaType.Primitive { Name: "boolean" } => "bool",
        SchemaType.Primitive { Name: "integer" } => "int",
        SchemaType.Primitive { Name: "number" } => "double",
        SchemaType.Primitive p => throw new NotSupportedException($"primitive type '{p.Name}'"),
        SchemaType.Builtin { Name: "Any" } => "object",
        SchemaType.Builtin { Name: "Json" } => "System.Text.Json.JsonElement",
        SchemaType.Builtin { Name: "Asset" } => "AssetOrArchive",
        SchemaType.Builtin { Name: "Archive" } => "Archive",
        SchemaType.Builtin b => throw new NotSupportedException($"pulumi.json#/{b.Name}"),
        SchemaType.Array a => $"{(requireInitializers ? "List" : "ImmutableArray")}<{Plain(a.Items, shape, qualifier, currentNamespace, false)}>",
        SchemaType.Map m => $"{(requireInitializers ? "Dictionary" : "ImmutableDictionary")}<string, {Plain(m.Values, shape, qualifier, currentNamespace, false)}>",
        SchemaType.Enum e => $"{TokenNamespace(e.Token, "")}.{ClassName(e.Token)}",
        SchemaType.Object o => ObjectReference(o.Token, shape, qualifier, currentNamespace),
        SchemaType.Resource r => r.Token.StartsWith("pulumi:providers:", StringComparison.Ordinal)
            ? $"{schema.CSharp.RootNamespace}.{NamespaceName(r.Token["pulumi:providers:".Length..])}.Provider"
            : $"{TokenNamespace(r.Token, "")}.{ClassName(r.Token)}",
        _ => throw new NotSupportedException(type.ToString()),
    };

    private string ObjectReference(string token, Shape shape, string qualifier, string currentNamespace)
    {
        var ns = TokenNamespace(token, qualifier);
        if ((ns == currentNamespace && qualifier.Length == 0) || ns == $"{currentNamespace}.{qualifier}")
        {
            ns = qualifier;
        }

        return (ns.Length == 0 ? "" : ns + ".") + ObjectClassName(token, shape);
    }

    /// <summary>Pulumi's isValueType: a required property of this type needs no <c>= null!</c>.</summary>
    public static bool IsValueType(SchemaType type, Shape shape) =>
        shape is Shape.Output or Shape.Plain && type is SchemaType.Enum or SchemaType.Primitive { Name: "boolean" or "integer" or "number" };
}
