namespace Omni.Codegen.Nodejs;

/// <summary>
/// A module's index.ts (gen.go genIndex, gen_lazyloads.go): resources and functions re-exported lazily (a
/// module is required only when first used), sub-modules re-exported, and the module's resources (and the
/// provider, at the root) registered with the runtime so resource references deserialize into classes.
/// </summary>
internal static class IndexFile
{
    public static string Generate(NodePackage package, string module, IReadOnlyList<TsExport> exports,
        IReadOnlyList<string> children, IReadOnlyList<NodeResource> resources, bool hasFunctions, bool exportsEnums)
    {
        var imports = resources.Count > 0
            ? TsModules.SdkImports(package, module, nested: false, utilities: true)
            : children.Count > 0 || hasFunctions ? [TsModules.UtilitiesImport(module)] : [];
        var w = new TsWriter().Header(imports);

        if (exports.Count > 0)
        {
            w.Line("// Export members:");
            foreach (var export in exports.OrderBy(e => e.FileName, StringComparer.Ordinal))
            {
                Reexport(w, export);
            }
        }

        if (exportsEnums)
        {
            w.Line();
            w.Line("// Export enums:");
            w.Line($"export * from \"{TsNames.RelativeRoot(module)}/types/enums{(module.Length == 0 ? "" : "/" + TsNames.ModuleDir(module))}\";");
        }

        if (children.Count > 0)
        {
            if (exports.Count > 0)
            {
                w.Line();
            }

            w.Line("// Export sub-modules:");
            WriteSubModules(w, children);
        }

        if (resources.Count > 0)
        {
            WriteResourceModule(w, package, resources);
        }

        return w.ToString();
    }

    /// <summary>`import * as child from "./child";` for each, then one `export { ... };`.</summary>
    public static void WriteSubModules(TsWriter w, IReadOnlyList<string> children)
    {
        var sorted = children.Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal).ToList();
        foreach (var child in sorted)
        {
            w.Line($"import * as {child} from \"./{child}\";");
        }

        w.Line();
        w.Line("export {");
        foreach (var child in sorted)
        {
            w.Line($"    {child},");
        }

        w.Line("};");
    }

    private static void Reexport(TsWriter w, TsExport export)
    {
        var path = TsNames.Quote("./" + export.FileName[..^".ts".Length]);
        if (export.ClassName is { } className)
        {
            w.Line($"export {{ {string.Join(", ", export.Interfaces)} }} from {path};");
            w.Line($"export type {className} = import({path}).{className};");
            w.Line($"export const {className}: typeof import({path}).{className} = null as any;");
            LazyLoad(w, path, [className]);
        }
        else if (export.Functions.Count > 0)
        {
            if (export.Interfaces.Count > 0)
            {
                w.Line($"export {{ {string.Join(", ", export.Interfaces)} }} from {path};");
            }

            foreach (var function in export.Functions)
            {
                w.Line($"export const {function}: typeof import({path}).{function} = null as any;");
            }

            LazyLoad(w, path, export.Functions);
        }
        else
        {
            w.Line($"export * from {path};");
        }
    }

    private static void LazyLoad(TsWriter w, string path, IReadOnlyList<string> names)
    {
        var sorted = names.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        w.Line($"utilities.lazyLoad(exports, [{string.Join(",", sorted.Select(TsNames.Quote))}], () => require({path}));");
        w.Line();
    }

    private static void WriteResourceModule(TsWriter w, NodePackage package, IReadOnlyList<NodeResource> resources)
    {
        var custom = resources.Where(r => !r.IsProvider).OrderBy(r => r.Token, StringComparer.Ordinal).ToList();
        if (custom.Count > 0)
        {
            w.Line();
            w.Line("const _module = {");
            w.Line("    version: utilities.getVersion(),");
            w.Line("    construct: (name: string, type: string, urn: string): pulumi.Resource => {");
            w.Line("        switch (type) {");
            foreach (var resource in custom)
            {
                w.Line($"            case \"{resource.Token}\":");
                w.Line($"                return new {resource.Name}(name, <any>undefined, {{ urn }})");
            }

            w.Line("            default:");
            w.Line("                throw new Error(`unknown resource type ${type}`);");
            w.Line("        }");
            w.Line("    },");
            w.Line("};");
            foreach (var runtimeModule in custom.Select(r => r.Token.Split(':')[1]).Distinct(StringComparer.Ordinal).OrderBy(m => m, StringComparer.Ordinal))
            {
                w.Line($"pulumi.runtime.registerResourceModule(\"{package.Name}\", \"{runtimeModule}\", _module)");
            }
        }

        if (resources.Any(r => r.IsProvider))
        {
            w.Line($"pulumi.runtime.registerResourcePackage(\"{package.Name}\", {{");
            w.Line("    version: utilities.getVersion(),");
            w.Line("    constructProvider: (name: string, type: string, urn: string): pulumi.ProviderResource => {");
            w.Line($"        if (type !== \"{package.Provider.Token}\") {{");
            w.Line("            throw new Error(`unknown provider type ${type}`);");
            w.Line("        }");
            w.Line("        return new Provider(name, <any>undefined, { urn });");
            w.Line("    },");
            w.Line("});");
        }
    }
}
