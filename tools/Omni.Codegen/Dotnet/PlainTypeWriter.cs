using System.Text;
using Omni.Codegen.Schema;

namespace Omni.Codegen.Dotnet;

/// <summary>
/// One class of properties (Pulumi's plainType): an args class (resource args, input types, a
/// function's args) or an output class (output types, a function's result).
/// </summary>
internal sealed record PlainType(
    string Name,
    string? Comment,
    IReadOnlyList<SchemaProperty> Properties,
    Shape Shape,
    string Qualifier,
    string CurrentNamespace,
    string? BaseClass = null,
    bool IsProviderArgs = false)
{
    /// <summary>Input-wrapped properties (resource args, input types, Invoke args), as opposed to a function's plain args.</summary>
    private bool Args => Shape is Shape.Input or Shape.State;

    public void WriteInputType(StringBuilder w, DotnetNames names, int level)
    {
        var indent = new string(' ', 4 * level);
        w.Append('\n');
        CSharpText.Comment(w, Comment, indent);
        w.Append(indent).Append("public sealed class ").Append(Name).Append(BaseClass is null ? "" : " : global::Pulumi." + BaseClass).Append('\n');
        w.Append(indent).Append("{\n");
        foreach (var property in Properties)
        {
            WriteInputProperty(w, names, property, indent + "    ");
            w.Append('\n');
        }

        w.Append(indent).Append("    public ").Append(Name).Append("()\n");
        w.Append(indent).Append("    {\n");
        foreach (var property in Properties)
        {
            if (CSharpText.DefaultValue(property, names, CurrentNamespace) is { } value)
            {
                w.Append(indent).Append("        ").Append(DotnetNames.PropertyName(property.Name)).Append(" = ").Append(value).Append(";\n");
            }
        }

        w.Append(indent).Append("    }\n");
        w.Append(indent).Append("    public static new ").Append(Name).Append(" Empty => new ").Append(Name).Append("();\n");
        w.Append(indent).Append("}\n");
    }

    public void WriteOutputType(StringBuilder w, DotnetNames names, int level)
    {
        var indent = new string(' ', 4 * level);
        w.Append('\n');
        CSharpText.Comment(w, Comment, indent);
        w.Append(indent).Append("[OutputType]\n");
        w.Append(indent).Append("public sealed class ").Append(Name).Append('\n');
        w.Append(indent).Append("{\n");
        foreach (var property in Properties)
        {
            CSharpText.Comment(w, property.Description, indent + "    ");
            w.Append(indent).Append("    public readonly ").Append(Type(names, property)).Append(' ').Append(DotnetNames.PropertyName(property.Name)).Append(";\n");
        }

        if (Properties.Count > 0)
        {
            w.Append('\n');
        }

        w.Append(indent).Append("    [OutputConstructor]\n");
        w.Append(indent).Append("    private ").Append(Name).Append('(');
        for (var i = 0; i < Properties.Count; i++)
        {
            var property = Properties[i];
            var parameter = $"{Type(names, property)} {DotnetNames.ParameterName(property.Name)}{(i != Properties.Count - 1 ? ",\n" : "")}";
            w.Append(Properties.Count > 1 ? $"\n{indent}        {parameter}" : parameter);
        }

        w.Append(")\n");
        w.Append(indent).Append("    {\n");
        foreach (var property in Properties)
        {
            var parameter = DotnetNames.ParameterName(property.Name);
            var field = DotnetNames.PropertyName(property.Name);
            w.Append(indent).Append("        ").Append(field == parameter ? "this." + field : field).Append(" = ").Append(parameter).Append(";\n");
        }

        w.Append(indent).Append("    }\n");
        w.Append(indent).Append("}\n");
    }

    private string Type(DotnetNames names, SchemaProperty property, bool requireInitializers = false) =>
        names.PropertyType(property.Type, property.Required, Shape, Qualifier, CurrentNamespace, requireInitializers);

    private void WriteInputProperty(StringBuilder w, DotnetNames names, SchemaProperty property, string indent)
    {
        var name = DotnetNames.PropertyName(property.Name);
        var isCollection = property.Type is SchemaType.Array or SchemaType.Map;
        if (!isCollection && !property.Secret)
        {
            CSharpText.Comment(w, property.Description, indent);
            CSharpText.Obsolete(w, property.DeprecationMessage, indent);
            WriteAttribute(w, property, indent);
            var initializer = property.Required && !DotnetNames.IsValueType(property.Type, Shape) ? " = null!;" : "";
            w.Append(indent).Append("public ").Append(Type(names, property)).Append(' ').Append(name).Append(" { get; set; }").Append(initializer).Append('\n');
            return;
        }

        // Lists, maps and secrets have a backing field: collections start empty, secrets are wrapped.
        var field = "_" + property.Name;
        var fieldType = names.PropertyType(property.Type, required: true, Shape, Qualifier, CurrentNamespace, requireInitializers: !Args);
        WriteAttribute(w, property, indent);
        w.Append(indent).Append("private ").Append(fieldType).Append("? ").Append(field).Append(";\n");
        if (!string.IsNullOrEmpty(property.Description))
        {
            w.Append('\n');
            CSharpText.Comment(w, property.Description, indent);
        }

        CSharpText.Obsolete(w, property.DeprecationMessage, indent);
        if (isCollection)
        {
            w.Append(indent).Append("public ").Append(fieldType).Append(' ').Append(name).Append('\n');
            w.Append(indent).Append("{\n");
            w.Append(indent).Append("    get => ").Append(field).Append(" ?? (").Append(field).Append(" = new ").Append(fieldType).Append("());\n");
        }
        else
        {
            w.Append(indent).Append("public ").Append(fieldType).Append("? ").Append(name).Append('\n');
            w.Append(indent).Append("{\n");
            w.Append(indent).Append("    get => ").Append(field).Append(";\n");
        }

        if (property.Secret && Args)
        {
            w.Append(indent).Append("    set\n");
            w.Append(indent).Append("    {\n");
            // Output.CreateSecret cannot be assigned directly: combining the value with an empty secret marks it secret.
            switch (property.Type)
            {
                case SchemaType.Array a:
                    w.Append(indent).Append("        var emptySecret = Output.CreateSecret(ImmutableArray.Create<")
                        .Append(names.Plain(a.Items, Shape, Qualifier, CurrentNamespace, false)).Append(">());\n");
                    w.Append(indent).Append("        ").Append(field).Append(" = Output.All(value, emptySecret).Apply(v => v[0]);\n");
                    break;
                case SchemaType.Map m:
                    w.Append(indent).Append("        var emptySecret = Output.CreateSecret(ImmutableDictionary.Create<string, ")
                        .Append(names.Plain(m.Values, Shape, Qualifier, CurrentNamespace, false)).Append(">());\n");
                    w.Append(indent).Append("        ").Append(field).Append(" = Output.All(value, emptySecret).Apply(v => v[0]);\n");
                    break;
                default:
                    w.Append(indent).Append("        var emptySecret = Output.CreateSecret(0);\n");
                    w.Append(indent).Append("        ").Append(field).Append(" = Output.Tuple<").Append(fieldType).Append("?, int>(value, emptySecret).Apply(t => t.Item1);\n");
                    break;
            }

            w.Append(indent).Append("    }\n");
        }
        else
        {
            w.Append(indent).Append("    set => ").Append(field).Append(" = value;\n");
        }

        w.Append(indent).Append("}\n");
    }

    private void WriteAttribute(StringBuilder w, SchemaProperty property, string indent)
    {
        var arguments = property.Required ? ", required: true" : "";
        if (IsProviderArgs && !property.Type.IsString)
        {
            arguments += ", json: true";
        }

        w.Append(indent).Append("[Input(\"").Append(property.Name).Append('"').Append(arguments).Append(")]\n");
    }
}
