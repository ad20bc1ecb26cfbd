using System.Text;
using Omni.Codegen.Schema;

namespace Omni.Codegen.Dotnet;

/// <summary>A function's file: InvokeAsync on plain args, Invoke on Input args (with InvokeOptions or InvokeOutputOptions), and its Result.</summary>
internal static class FunctionWriter
{
    public static string File(DotnetNames names, SchemaFunction f)
    {
        var ns = names.TokenNamespace(f.Token, "");
        var name = DotnetNames.ClassName(f.Token);
        var allOptional = f.Inputs is null || f.Inputs.All(p => !p.Required);
        var hasInvokeArgs = f.Inputs is { Count: > 0 } && f.Outputs is not null;
        var resultType = f.Outputs is null ? "" : $"<{name}Result>";
        var w = new StringBuilder();
        CSharpText.Header(w, CSharpText.Imports(names));
        w.Append("namespace ").Append(ns).Append("\n{\n");
        CSharpText.Obsolete(w, f.DeprecationMessage, "    ");
        w.Append("    public static class ").Append(name).Append('\n');
        w.Append("    {\n");

        var (sigil, defaultValue) = allOptional ? ("?", " = null") : ("", "");
        var (argsParameter, argsReference) = f.Inputs is null ? ("", "InvokeArgs.Empty") : ($"{name}Args{sigil} args{defaultValue}, ", $"args ?? new {name}Args()");
        CSharpText.Comment(w, f.Description, "        ");
        w.Append("        public static Task").Append(resultType).Append(" InvokeAsync(").Append(argsParameter).Append("InvokeOptions? options = null)\n");
        w.Append("            => global::Pulumi.Deployment.Instance.InvokeAsync").Append(resultType).Append("(\"").Append(f.Token).Append("\", ").Append(argsReference).Append(", options.WithDefaults());\n");

        if (f.Outputs is not null)
        {
            var (outputParameter, outputReference) = hasInvokeArgs
                ? ($"{name}InvokeArgs{sigil} args{defaultValue}, ", $"args ?? new {name}InvokeArgs()")
                : ("", "InvokeArgs.Empty");
            WriteInvoke(w, f, resultType, outputParameter, outputReference, "InvokeOptions? options = null");
            // InvokeOutputOptions must be required to tell the overloads apart, so the args before it are too.
            WriteInvoke(w, f, resultType, hasInvokeArgs ? $"{name}InvokeArgs args, " : "", outputReference, "InvokeOutputOptions options");
        }

        w.Append("    }\n");

        if (f.Inputs is not null)
        {
            w.Append('\n');
            new PlainType(name + "Args", null, f.Inputs, Shape.Plain, "Inputs", ns, "InvokeArgs").WriteInputType(w, names, 1);
        }

        if (hasInvokeArgs)
        {
            new PlainType(name + "InvokeArgs", null, f.Inputs!, Shape.Input, "Inputs", ns, "InvokeArgs").WriteInputType(w, names, 1);
        }

        if (f.Outputs is not null)
        {
            w.Append('\n');
            new PlainType(name + "Result", null, f.Outputs, Shape.Output, "Outputs", ns).WriteOutputType(w, names, 1);
        }

        w.Append("}\n");
        return w.ToString();
    }

    private static void WriteInvoke(StringBuilder w, SchemaFunction f, string resultType, string argsParameter, string argsReference, string optionsParameter)
    {
        w.Append('\n');
        CSharpText.Comment(w, f.Description, "        ");
        w.Append("        public static Output").Append(resultType).Append(" Invoke(").Append(argsParameter).Append(optionsParameter).Append(")\n");
        w.Append("            => global::Pulumi.Deployment.Instance.Invoke").Append(resultType).Append("(\"").Append(f.Token).Append("\", ").Append(argsReference).Append(", options.WithDefaults());\n");
    }
}
