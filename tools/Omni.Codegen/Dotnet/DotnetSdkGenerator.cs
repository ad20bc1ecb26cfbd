using System.Text;
using Omni.Codegen.Schema;

namespace Omni.Codegen.Dotnet;

/// <summary>
/// sdk/dotnet, the whole of it, in the shape `pulumi package gen-sdk --language dotnet` writes
/// (pulumi-dotnet's codegen/gen.go): one file per resource and function in its module's folder,
/// object types under Outputs/ and Inputs/ in each shape they are used in, Config, Utilities,
/// the project with its NuGet metadata, pulumi-plugin.json and version.txt.
/// </summary>
internal static class DotnetSdkGenerator
{
    public const string Folder = "sdk/dotnet";

    public static GeneratorOutput Generate(PackageSchema schema)
    {
        var names = new DotnetNames(schema);
        var files = new List<GeneratedFile>();
        void Add(string path, string content) => files.Add(new GeneratedFile($"{Folder}/{path}", content));

        var readme = schema.Description ?? "";
        if (readme.Length > 0 && !readme.EndsWith('\n'))
        {
            readme += "\n";
        }

        var usage = TypeUsage.Of(schema);
        foreach (var module in Modules(schema))
        {
            var folder = names.ModuleFolder(module);
            var prefix = folder.Length == 0 ? "" : folder + "/";
            Add(prefix + "README.md", readme);
            foreach (var resource in schema.Resources.Where(r => PackageSchema.Module(r.Token) == module))
            {
                Add(prefix + DotnetNames.ResourceClassName(resource) + ".cs", ResourceWriter.File(names, resource));
            }

            foreach (var function in schema.Functions.Where(f => PackageSchema.Module(f.Token) == module))
            {
                Add(prefix + DotnetNames.ClassName(function.Token) + ".cs", FunctionWriter.File(names, function));
            }

            foreach (var type in schema.ObjectTypes.Values.Where(t => PackageSchema.Module(t.Token) == module))
            {
                foreach (var shape in usage.ShapesOf(type.Token))
                {
                    var (subfolder, qualifier) = shape == Shape.Output ? ("Outputs", "Outputs") : ("Inputs", "Inputs");
                    var className = DotnetNames.ObjectClassName(type.Token, shape);
                    Add($"{prefix}{subfolder}/{className}.cs", TypeFile(names, module, type, shape, qualifier, className));
                }
            }

            var enums = schema.EnumTypes.Values.Where(e => PackageSchema.Module(e.Token) == module).ToList();
            if (enums.Count > 0)
            {
                Add(prefix + "Enums.cs", EnumWriter.File(names, module, enums));
            }
        }

        Add("Provider.cs", ResourceWriter.File(names, schema.Provider));
        Add("Utilities.cs", PackageFiles.Utilities(names));
        if (schema.Config.Count > 0)
        {
            Add("Config/README.md", readme);
            Add("Config/Config.cs", PackageFiles.Config(names));
        }

        if (PackageFiles.Version(schema) is { } version)
        {
            Add("version.txt", version + "\n");
        }

        Add(names.PackageNamespace + ".csproj", PackageFiles.Project(names));
        Add("pulumi-plugin.json", PackageFiles.PluginJson(schema));
        Add("Directory.Build.props", PackageFiles.DirectoryBuildProps);
        Add("Directory.Packages.props", PackageFiles.DirectoryPackagesProps);
        return new GeneratorOutput("C# SDK", [Folder], files);
    }

    /// <summary>Every module that holds a resource, function or type, the root module ("") first.</summary>
    private static IEnumerable<string> Modules(PackageSchema schema) =>
        schema.Resources.Select(r => r.Token)
            .Concat(schema.Functions.Select(f => f.Token))
            .Concat(schema.ObjectTypes.Keys)
            .Concat(schema.EnumTypes.Keys)
            .Select(PackageSchema.Module)
            .Append("")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    private static string TypeFile(DotnetNames names, string module, SchemaObjectType type, Shape shape, string qualifier, string className)
    {
        var ns = names.ModuleNamespace(module);
        var w = new StringBuilder();
        CSharpText.Header(w, CSharpText.Imports(names));
        w.Append("namespace ").Append(names.TokenNamespace(type.Token, qualifier)).Append("\n{\n");
        var plain = new PlainType(className, type.Description, type.Properties, shape, qualifier, ns,
            shape switch { Shape.Plain => "InvokeArgs", Shape.Output => null, _ => "ResourceArgs" });
        if (shape == Shape.Output)
        {
            plain.WriteOutputType(w, names, 1);
        }
        else
        {
            plain.WriteInputType(w, names, 1);
        }

        w.Append("}\n");
        return w.ToString();
    }
}
