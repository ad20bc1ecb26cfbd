using Omni.Codegen.Schema;

namespace Omni.Codegen.Docs;

/// <summary>How the docs and the README write schema types, defaults and table cells.</summary>
internal static class Markdown
{
    /// <summary>A type as words: <c>string</c>, <c>list of string</c>, <c>map of any</c>, a type's token in backticks.</summary>
    public static string TypeName(SchemaType type) => type switch
    {
        SchemaType.Primitive p => p.Name,
        SchemaType.Builtin b => b.Name.ToLowerInvariant(),
        SchemaType.Array a => $"list of {TypeName(a.Items)}",
        SchemaType.Map m => $"map of {TypeName(m.Values)}",
        SchemaType.Object o => $"`{o.Token}`",
        SchemaType.Enum e => $"`{e.Token}`",
        SchemaType.Resource r => $"`{r.Token}`",
        _ => throw new NotSupportedException(type.ToString()),
    };

    /// <summary>A type, with object and enum types linked to their section on the same page.</summary>
    public static string LinkedTypeName(SchemaType type) => type switch
    {
        SchemaType.Array a => $"list of {LinkedTypeName(a.Items)}",
        SchemaType.Map m => $"map of {LinkedTypeName(m.Values)}",
        SchemaType.Object o => $"[{PackageSchema.Member(o.Token)}](#{Anchor(PackageSchema.Member(o.Token))})",
        SchemaType.Enum e => $"[{PackageSchema.Member(e.Token)}](#{Anchor(PackageSchema.Member(e.Token))})",
        _ => TypeName(type),
    };

    public static string Anchor(string heading) => heading.ToLowerInvariant();

    public static string DefaultValue(SchemaProperty p) => p.Default is null ? "" : $"`{p.Default.ToJsonString()}`";

    public static string Codes(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));

    /// <summary>Text fit for one table cell: one line, pipes escaped.</summary>
    public static string Cell(string? text) =>
        string.Join(" ", (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>The object and enum types a set of properties reaches, nested ones included, each once, in the order met.</summary>
    public static IReadOnlyList<string> ReachableTypes(PackageSchema schema, IEnumerable<SchemaProperty> properties)
    {
        var seen = new List<string>();
        foreach (var p in properties)
        {
            Visit(p.Type);
        }

        return seen;

        void Visit(SchemaType type)
        {
            switch (type)
            {
                case SchemaType.Array a:
                    Visit(a.Items);
                    break;
                case SchemaType.Map m:
                    Visit(m.Values);
                    break;
                case SchemaType.Enum e when !seen.Contains(e.Token):
                    seen.Add(e.Token);
                    break;
                case SchemaType.Object o when !seen.Contains(o.Token):
                    seen.Add(o.Token);
                    foreach (var nested in schema.ObjectTypes[o.Token].Properties)
                    {
                        Visit(nested.Type);
                    }

                    break;
            }
        }
    }
}
