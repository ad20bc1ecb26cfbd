using System.Text;
using Omni.Codegen.Dotnet;
using Omni.Codegen.Schema;

namespace Omni.Codegen.Docs;

/// <summary>
/// A resource's or function's example program in C# and in YAML, every input set (its default
/// where it has one, else a value of its type), the way the Registry's constructor examples read.
/// </summary>
internal sealed class ExampleWriter(PackageSchema schema)
{
    private readonly DotnetNames _names = new(schema);

    private string Alias => _names.PackageName;

    public string CSharpResource(SchemaResource r)
    {
        var variable = Variable(DotnetNames.ResourceClassName(r));
        var w = new StringBuilder();
        Preamble(w);
        w.Append("    var ").Append(variable).Append(" = new ").Append(Qualified(r.Token)).Append("(\"").Append(variable).Append('"');
        if (r.InputProperties.Count > 0)
        {
            w.Append(", new()\n    {\n");
            CSharpProperties(w, r.InputProperties, "        ", Shape.Input);
            w.Append("    }");
        }

        w.Append(");\n");
        w.Append("});\n");
        return w.ToString();
    }

    public string CSharpFunction(SchemaFunction f)
    {
        var w = new StringBuilder();
        Preamble(w);
        w.Append("    var result = ").Append(Qualified(f.Token)).Append(".Invoke(");
        if (f.Inputs is { Count: > 0 } inputs)
        {
            w.Append("new()\n    {\n");
            CSharpProperties(w, inputs, "        ", Shape.Input);
            w.Append("    }");
        }

        w.Append(");\n");
        w.Append("});\n");
        return w.ToString();
    }

    public string YamlResource(SchemaResource r)
    {
        var w = new StringBuilder("resources:\n");
        w.Append("  ").Append(Variable(DotnetNames.ResourceClassName(r))).Append(":\n");
        w.Append("    type: ").Append(r.Token).Append('\n');
        if (r.InputProperties.Count > 0)
        {
            w.Append("    properties:\n");
            YamlProperties(w, r.InputProperties, "      ");
        }

        return w.ToString();
    }

    public string YamlFunction(SchemaFunction f)
    {
        var w = new StringBuilder("variables:\n  result:\n    fn::invoke:\n");
        w.Append("      function: ").Append(f.Token).Append('\n');
        if (f.Inputs is { Count: > 0 } inputs)
        {
            w.Append("      arguments:\n");
            YamlProperties(w, inputs, "        ");
        }

        return w.ToString();
    }

    private void Preamble(StringBuilder w)
    {
        w.Append("using System.Collections.Generic;\nusing System.Linq;\nusing Pulumi;\n");
        w.Append("using ").Append(Alias).Append(" = ").Append(_names.PackageNamespace).Append(";\n\n");
        w.Append("return await Deployment.RunAsync(() =>\n{\n");
    }

    private string Qualified(string token)
    {
        var ns = _names.TokenNamespace(token, "");
        var relative = ns == _names.PackageNamespace ? "" : ns[(_names.PackageNamespace.Length + 1)..] + ".";
        return $"{Alias}.{relative}{DotnetNames.ClassName(token)}";
    }

    private static string Variable(string className) => char.ToLowerInvariant(className[0]) + className[1..];

    private void CSharpProperties(StringBuilder w, IEnumerable<SchemaProperty> properties, string indent, Shape shape)
    {
        foreach (var p in properties)
        {
            w.Append(indent).Append(DotnetNames.PropertyName(p.Name)).Append(" = ").Append(CSharpValue(p, p.Type, indent, shape)).Append(",\n");
        }
    }

    private string CSharpValue(SchemaProperty? p, SchemaType type, string indent, Shape shape)
    {
        if (p?.Default is { } dv && type is SchemaType.Primitive)
        {
            return CSharpText.Primitive(dv, type);
        }

        switch (type)
        {
            case SchemaType.Array a:
                return $"new[] {{ {CSharpValue(null, a.Items, indent, shape)} }}";
            case SchemaType.Map m:
                return $"{{ {{ \"key\", {CSharpValue(null, m.Values, indent, shape)} }} }}";
            case SchemaType.Object o:
            {
                var ns = _names.TokenNamespace(o.Token, "Inputs");
                var typeName = $"{Alias}.{ns[(_names.PackageNamespace.Length + 1)..]}.{DotnetNames.ObjectClassName(o.Token, shape)}";
                var w = new StringBuilder($"new {typeName}\n{indent}{{\n");
                CSharpProperties(w, schema.ObjectTypes[o.Token].Properties, indent + "    ", shape);
                return w.Append(indent).Append('}').ToString();
            }

            case SchemaType.Enum e:
                var first = schema.EnumTypes[e.Token].Values[0];
                return $"{Qualified(e.Token)}.{EnumWriter.SafeName(first, DotnetNames.ClassName(e.Token))}";
            case SchemaType.Primitive { Name: "string" } or SchemaType.Builtin:
                return CSharpText.Quote(Placeholder(type));
            default:
                return Placeholder(type);
        }
    }

    private void YamlProperties(StringBuilder w, IEnumerable<SchemaProperty> properties, string indent)
    {
        foreach (var p in properties)
        {
            w.Append(indent).Append(p.Name).Append(':');
            YamlValue(w, p, p.Type, indent);
        }
    }

    /// <summary>Writes a value after "key:" (scalars on the same line, collections below it).</summary>
    private void YamlValue(StringBuilder w, SchemaProperty? p, SchemaType type, string indent)
    {
        switch (type)
        {
            case SchemaType.Array a:
                w.Append('\n').Append(indent).Append("  -");
                YamlValue(w, null, a.Items, indent + "    ");
                break;
            case SchemaType.Map m:
                w.Append('\n').Append(indent).Append("  key:");
                YamlValue(w, null, m.Values, indent + "  ");
                break;
            case SchemaType.Object o:
                w.Append('\n');
                YamlProperties(w, schema.ObjectTypes[o.Token].Properties, indent + "  ");
                break;
            case SchemaType.Enum e:
                w.Append(' ').Append(schema.EnumTypes[e.Token].Values[0].Value.ToJsonString()).Append('\n');
                break;
            default:
                w.Append(' ').Append(p?.Default is { } dv ? dv.ToJsonString() : Placeholder(type)).Append('\n');
                break;
        }
    }

    /// <summary>A value of a type to show in an example: the type's own name, as the Registry's examples do.</summary>
    private static string Placeholder(SchemaType type) => type switch
    {
        SchemaType.Primitive { Name: "string" } => "string",
        SchemaType.Primitive { Name: "boolean" } => "false",
        SchemaType.Primitive { Name: "integer" } or SchemaType.Primitive { Name: "number" } => "0",
        _ => "any",
    };
}
