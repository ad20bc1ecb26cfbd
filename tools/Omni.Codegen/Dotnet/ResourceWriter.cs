using System.Text;
using Omni.Codegen.Schema;

namespace Omni.Codegen.Dotnet;

/// <summary>A resource's (or the provider's) file: the resource class, its args and its Get state class.</summary>
internal static class ResourceWriter
{
    public static string File(DotnetNames names, SchemaResource r)
    {
        var module = r.IsProvider ? "" : PackageSchema.Module(r.Token);
        var ns = names.ModuleNamespace(module);
        var name = DotnetNames.ResourceClassName(r);
        var w = new StringBuilder();
        CSharpText.Header(w, CSharpText.Imports(names));
        w.Append("namespace ").Append(ns).Append("\n{\n");
        CSharpText.Comment(w, r.Description, "    ");

        var (baseType, optionsType) = r switch
        {
            { IsProvider: true } => ("global::Pulumi.ProviderResource", "CustomResourceOptions"),
            { IsComponent: true } => ("global::Pulumi.ComponentResource", "ComponentResourceOptions"),
            _ => ("global::Pulumi.CustomResource", "CustomResourceOptions"),
        };
        if (!string.IsNullOrEmpty(r.DeprecationMessage))
        {
            w.Append("    [Obsolete(@\"").Append(r.DeprecationMessage.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\")]\n");
        }

        w.Append("    [").Append(names.PackageName).Append("ResourceType(\"").Append(r.Token).Append("\")]\n");
        w.Append("    public partial class ").Append(name).Append(" : ").Append(baseType).Append('\n');
        w.Append("    {\n");

        foreach (var property in r.Properties)
        {
            var type = names.PropertyType(property.Type, property.Required, Shape.Output, "Outputs", ns);
            if (r.IsProvider && !property.Type.IsPrimitive)
            {
                // The engine hands a provider's non-string inputs back as strings.
                type = property.Required ? "string" : "string?";
            }

            CSharpText.Comment(w, property.Description, "        ");
            w.Append("        [Output(\"").Append(property.Name).Append("\")]\n");
            w.Append("        public Output<").Append(type).Append("> ").Append(DotnetNames.PropertyName(property.Name)).Append(" { get; private set; } = null!;\n\n");
        }

        if (r.Properties.Count > 0)
        {
            w.Append('\n');
        }

        WriteConstructors(w, names, r, name, optionsType);
        WriteResourceOptions(w, names, r, optionsType);
        if (!r.IsProvider && !r.IsComponent)
        {
            WriteGet(w, r, name, optionsType);
        }

        w.Append("    }\n");

        new PlainType(name + "Args", null, r.InputProperties, Shape.Input, "Inputs", ns, "ResourceArgs", r.IsProvider).WriteInputType(w, names, 1);
        if (r.StateInputs is { } state)
        {
            new PlainType(name + "State", null, state, Shape.State, "Inputs", ns, "ResourceArgs").WriteInputType(w, names, 1);
        }

        w.Append("}\n");
        return w.ToString();
    }

    private static void WriteConstructors(StringBuilder w, DotnetNames names, SchemaResource r, string name, string optionsType)
    {
        var allOptional = r.InputProperties.All(p => !p.Required);
        var hasConst = r.InputProperties.Any(p => p.Const is not null);
        var argsType = name + "Args" + (allOptional ? "?" : "");
        var token = r.IsProvider ? names.Schema.Name : r.Token;
        var args = hasConst ? "MakeArgs(args)" : $"args ?? new {name}Args()";
        var remote = r.IsComponent ? ", remote: true" : "";

        w.Append("        /// <summary>\n");
        w.Append("        /// Create a ").Append(name).Append(" resource with the given unique name, arguments, and options.\n");
        w.Append("        /// </summary>\n");
        w.Append("        ///\n");
        w.Append("        /// <param name=\"name\">The unique name of the resource</param>\n");
        w.Append("        /// <param name=\"args\">The arguments used to populate this resource's properties</param>\n");
        w.Append("        /// <param name=\"options\">A bag of options that control this resource's behavior</param>\n");
        w.Append("        public ").Append(name).Append("(string name, ").Append(argsType).Append(" args").Append(allOptional ? " = null" : "")
            .Append(", ").Append(optionsType).Append("? options = null)\n");
        w.Append("            : base(\"").Append(token).Append("\", name, ").Append(args).Append(", MakeResourceOptions(options, \"\")").Append(remote).Append(")\n");
        w.Append("        {\n");
        w.Append("        }\n");

        if (!r.IsProvider && !r.IsComponent)
        {
            var (stateParameter, stateReference) = r.StateInputs is null ? ("", "null") : (name + "State? state = null, ", "state");
            w.Append('\n');
            w.Append("        private ").Append(name).Append("(string name, Input<string> id, ").Append(stateParameter).Append(optionsType).Append("? options = null)\n");
            w.Append("            : base(\"").Append(token).Append("\", name, ").Append(stateReference).Append(", MakeResourceOptions(options, id))\n");
            w.Append("        {\n");
            w.Append("        }\n");
        }

        if (hasConst)
        {
            w.Append('\n');
            w.Append("        private static ").Append(argsType).Append(" MakeArgs(").Append(argsType).Append(" args)\n");
            w.Append("        {\n");
            w.Append("            args ??= new ").Append(name).Append("Args();\n");
            foreach (var p in r.InputProperties.Where(p => p.Const is not null))
            {
                w.Append("            args.").Append(DotnetNames.PropertyName(p.Name)).Append(" = ").Append(CSharpText.Primitive(p.Const!, p.Type)).Append(";\n");
            }

            w.Append("            return args;\n");
            w.Append("        }\n");
        }
    }

    private static void WriteResourceOptions(StringBuilder w, DotnetNames names, SchemaResource r, string optionsType)
    {
        w.Append('\n');
        w.Append("        private static ").Append(optionsType).Append(" MakeResourceOptions(").Append(optionsType).Append("? options, Input<string>? id)\n");
        w.Append("        {\n");
        w.Append("            var defaultOptions = new ").Append(optionsType).Append('\n');
        w.Append("            {\n");
        w.Append("                Version = Utilities.Version,\n");
        if (names.Schema.PluginDownloadUrl is { Length: > 0 } url)
        {
            w.Append("                PluginDownloadURL = ").Append(CSharpText.Quote(url)).Append(",\n");
        }

        List(w, "Aliases", r.Aliases.Select(a => $"new global::Pulumi.Alias {{ Type = \"{a}\" }}"));
        List(w, "AdditionalSecretOutputs", r.Properties.Where(p => p.Secret).Select(p => CSharpText.Quote(p.Name)));
        List(w, "ReplaceOnChanges", r.ReplaceOnChangesPaths(names.Schema).Select(CSharpText.Quote));
        w.Append("            };\n");
        w.Append("            var merged = ").Append(optionsType).Append(".Merge(defaultOptions, options);\n");
        w.Append("            // Override the ID if one was specified for consistency with other language SDKs.\n");
        w.Append("            merged.Id = id ?? merged.Id;\n");
        w.Append("            return merged;\n");
        w.Append("        }\n");
    }

    private static void List(StringBuilder w, string option, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        w.Append("                ").Append(option).Append(" =\n");
        w.Append("                {\n");
        foreach (var item in list)
        {
            w.Append("                    ").Append(item).Append(",\n");
        }

        w.Append("                },\n");
    }

    private static void WriteGet(StringBuilder w, SchemaResource r, string name, string optionsType)
    {
        w.Append("        /// <summary>\n");
        w.Append("        /// Get an existing ").Append(name).Append(" resource's state with the given name, ID, and optional extra\n");
        w.Append("        /// properties used to qualify the lookup.\n");
        w.Append("        /// </summary>\n");
        w.Append("        ///\n");
        w.Append("        /// <param name=\"name\">The unique name of the resulting resource.</param>\n");
        w.Append("        /// <param name=\"id\">The unique provider ID of the resource to lookup.</param>\n");
        var (stateParameter, stateReference) = ("", "");
        if (r.StateInputs is not null)
        {
            (stateParameter, stateReference) = (name + "State? state = null, ", "state, ");
            w.Append("        /// <param name=\"state\">Any extra arguments used during the lookup.</param>\n");
        }

        w.Append("        /// <param name=\"options\">A bag of options that control this resource's behavior</param>\n");
        w.Append("        public static ").Append(name).Append(" Get(string name, Input<string> id, ").Append(stateParameter).Append(optionsType).Append("? options = null)\n");
        w.Append("        {\n");
        w.Append("            return new ").Append(name).Append("(name, id, ").Append(stateReference).Append("options);\n");
        w.Append("        }\n");
    }
}
