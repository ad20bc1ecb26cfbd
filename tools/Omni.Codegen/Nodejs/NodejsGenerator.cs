using System.Text.Json.Nodes;

namespace Omni.Codegen.Nodejs;

/// <summary>
/// The TypeScript SDK (sdk/nodejs) in the layout Pulumi's Node generator (pkg/codegen/nodejs) gives a package:
/// a module per resource and function with camelCase file names, an index.ts per module that loads them lazily,
/// types/input.ts and types/output.ts, config/vars.ts, provider.ts, utilities.ts, package.json and tsconfig.json.
/// </summary>
internal static class NodejsGenerator
{
    public const string Folder = "sdk/nodejs";

    public static IReadOnlyList<GeneratedFile> Generate(JsonObject schema)
    {
        var package = new NodePackage(schema);
        var types = new TsTypes(package);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var exports = new Dictionary<string, List<TsExport>>(StringComparer.Ordinal);

        void Add(string path, string content)
        {
            if (!files.TryAdd(path, content))
            {
                throw new InvalidDataException($"sdk/schema.json: two members of the package would both be written to sdk/nodejs/{path}; rename one (e.g. a resource `Foo` and a function `foo` in one module).");
            }
        }

        void Export(string module, TsExport export, string content)
        {
            if (!exports.TryGetValue(module, out var list))
            {
                exports[module] = list = [];
            }

            list.Add(export);
            Add(Path(module, export.FileName), content);
        }

        if (package.Resources.Any(r => r.Module == "types") || package.Functions.Any(f => f.Module == "types"))
        {
            throw new NotSupportedException("sdk/schema.json: the module `types` is reserved for the TypeScript SDK's input and output types.");
        }

        foreach (var resource in package.Resources.Prepend(package.Provider))
        {
            var (content, export) = new ResourceFile(package, types, resource).Generate();
            Export(resource.Module, export, content);
        }

        foreach (var function in package.Functions)
        {
            var (content, export) = new FunctionFile(package, types, function).Generate();
            Export(function.Module, export, content);
        }

        if (package.Config.Count > 0)
        {
            Add("config/vars.ts", ConfigFile.Generate(package, types));
            exports["config"] = [new TsExport("vars.ts", null, [], [])];
        }

        var hasTypes = package.ObjectTypes.Count > 0 || package.EnumTypes.Count > 0;
        if (hasTypes)
        {
            var typesFiles = new TypesFiles(package, types);
            var (input, output) = typesFiles.Generate();
            Add("types/input.ts", input);
            Add("types/output.ts", output);
            foreach (var (path, content) in typesFiles.Enums())
            {
                Add(path, content);
            }
        }

        foreach (var module in Modules(package, hasTypes))
        {
            var children = ChildrenOf(package, module, hasTypes);
            if (module == "types")
            {
                children.AddRange(package.EnumTypes.Count > 0 ? ["enums", "input", "output"] : ["input", "output"]);
            }

            var resources = package.Resources.Prepend(package.Provider).Where(r => r.Module == module).ToList();
            Add(Path(module, "index.ts"), IndexFile.Generate(
                package,
                module,
                exports.GetValueOrDefault(module) ?? [],
                children,
                resources,
                package.Functions.Any(f => f.Module == module),
                exportsEnums: module != "types" && package.EnumTypes.Values.Any(e => e.Module == module)));
        }

        Add("utilities.ts", PackageFiles.Utilities(package));
        Add("tsconfig.json", PackageFiles.TsConfig(files.Keys.Where(f => f.EndsWith(".ts", StringComparison.Ordinal))));
        Add("package.json", PackageFiles.PackageJson(package));
        Add("README.md", PackageFiles.Readme(package));

        return files.Select(f => new GeneratedFile($"{Folder}/{f.Key}", f.Value)).ToList();
    }

    /// <summary>Pulumi's isReservedSourceFileName: names a module's generated files already use.</summary>
    public static bool IsReservedFileName(string fileName, string module) => fileName switch
    {
        "index.ts" => true,
        "utilities.ts" => module.Length == 0,
        "input.ts" or "output.ts" => module == "types",
        "vars.ts" => module == "config",
        _ => false,
    };

    private static string Path(string module, string fileName) =>
        module.Length == 0 ? fileName : $"{TsNames.ModuleDir(module)}/{fileName}";

    /// <summary>Every module with content, and every parent of one, root first.</summary>
    private static IEnumerable<string> Modules(NodePackage package, bool hasTypes)
    {
        var modules = new SortedSet<string>(StringComparer.Ordinal) { "" };
        var leaves = package.Resources.Select(r => r.Module)
            .Concat(package.Functions.Select(f => f.Module))
            .Concat(package.EnumTypes.Values.Select(e => e.Module))
            .Concat(package.Config.Count > 0 ? ["config"] : [])
            .Concat(hasTypes ? ["types"] : []);
        foreach (var leaf in leaves)
        {
            var parts = leaf.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 1; i <= parts.Length; i++)
            {
                modules.Add(string.Join('/', parts[..i]));
            }
        }

        return modules;
    }

    private static List<string> ChildrenOf(NodePackage package, string module, bool hasTypes) =>
        Modules(package, hasTypes)
            .Where(m => m.Length > 0 && (module.Length == 0 ? !m.Contains('/', StringComparison.Ordinal) : m.StartsWith(module + "/", StringComparison.Ordinal) && !m[(module.Length + 1)..].Contains('/', StringComparison.Ordinal)))
            .Select(m => TsNames.ModuleDir(m.Split('/')[^1]))
            .ToList();
}
