namespace Omni.Codegen.Nodejs;

/// <summary>
/// types/input.ts and types/output.ts (gen.go genTypes, genNamespace): each object type in the shapes it is used
/// in — `FooArgs` (Inputs at every level) for resource arguments and `...OutputArgs`, `Foo` plain for a function's
/// arguments, `Foo` in output.ts for what the engine returns — in one namespace per module; and
/// types/enums/**/index.ts for enum types.
/// </summary>
internal sealed class TypesFiles(NodePackage package, TsTypes types)
{
    private const string Folder = "types";

    public (string Input, string Output) Generate()
    {
        var usage = Usage();
        return (Write(TsShape.Input, usage), Write(TsShape.Output, usage));
    }

    /// <summary>The enum files: one index.ts per module holding enums, each parent exporting its children.</summary>
    public IEnumerable<(string Path, string Content)> Enums()
    {
        var modules = package.EnumTypes.Values.Select(e => e.Module).ToHashSet(StringComparer.Ordinal);
        foreach (var module in modules.ToList())
        {
            for (var parent = Parent(module); parent is not null; parent = Parent(parent))
            {
                modules.Add(parent);
            }
        }

        foreach (var module in modules.OrderBy(m => m, StringComparer.Ordinal))
        {
            var w = new TsWriter().Header([]);
            var children = modules.Where(m => m.Length > 0 && Parent(m) == module).Select(m => m.Split('/')[^1].ToLowerInvariant()).ToList();
            if (children.Count > 0)
            {
                w.Line("// Export sub-modules:");
                IndexFile.WriteSubModules(w, children);
            }

            var enums = package.EnumTypes.Values.Where(e => e.Module == module).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            if (enums.Count > 0)
            {
                w.Line();
            }

            for (var i = 0; i < enums.Count; i++)
            {
                WriteEnum(w, enums[i]);
                if (i != enums.Count - 1)
                {
                    w.Line();
                }
            }

            var folder = module.Length == 0 ? "" : TsNames.ModuleDir(module) + "/";
            yield return ($"types/enums/{folder}index.ts", w.ToString());
        }
    }

    private static string? Parent(string module) =>
        module.Length == 0 ? null : module.Contains('/', StringComparison.Ordinal) ? module[..module.LastIndexOf('/')] : "";

    private static void WriteEnum(TsWriter w, NodeEnumType type)
    {
        w.Line($"export const {type.Name} = {{");
        foreach (var value in type.Values)
        {
            w.Comment(value.Description, value.Deprecation, "    ");
            w.Line($"    {value.Name}: {TsModules.Literal(value.Value)},");
        }

        w.Line("} as const;");
        w.Line();
        w.Comment(type.Description);
        w.Line($"export type {type.Name} = (typeof {type.Name})[keyof typeof {type.Name}];");
    }

    /// <summary>Which shapes each object type is used in (gen.go generateModuleContextMap's typeDetails).</summary>
    private Dictionary<string, HashSet<TsShape>> Usage()
    {
        var usage = new Dictionary<string, HashSet<TsShape>>(StringComparer.Ordinal);
        void Mark(IEnumerable<NodeProperty> properties, TsShape shape)
        {
            foreach (var type in types.ObjectTypesReachableFrom(properties))
            {
                if (!usage.TryGetValue(type.Token, out var shapes))
                {
                    usage[type.Token] = shapes = [];
                }

                shapes.Add(shape);
            }
        }

        Mark(package.Config, TsShape.Output);
        foreach (var resource in package.Resources.Prepend(package.Provider))
        {
            Mark(resource.Properties, TsShape.Output);
            Mark(resource.InputProperties.Where(p => !p.Plain), TsShape.Input);
            Mark(resource.InputProperties.Where(p => p.Plain), TsShape.Plain);
            Mark(resource.StateInputs ?? [], TsShape.Input);
        }

        foreach (var function in package.Functions)
        {
            Mark(function.Inputs ?? [], TsShape.Plain);
            Mark(function.Inputs ?? [], TsShape.Input);
            Mark(function.Outputs ?? [], TsShape.Output);
            if (function.ReturnTypeRef is { } reference)
            {
                Mark([new NodeProperty("result", reference, Required: true)], TsShape.Output);
            }
        }

        return usage;
    }

    private string Write(TsShape side, Dictionary<string, HashSet<TsShape>> usage)
    {
        var imports = new TsImports();
        var body = new TsWriter();
        WriteNamespace(body, side, usage, imports, "", 0);
        var header = TsModules.SdkImports(package, Folder, nested: true, utilities: false);
        return new TsWriter().Header(header, imports).Raw(body.ToString()).ToString();
    }

    private void WriteNamespace(TsWriter w, TsShape side, Dictionary<string, HashSet<TsShape>> usage, TsImports imports, string module, int level)
    {
        var indent = new string(' ', 4 * level);
        var entries = new List<(NodeObjectType Type, TsShape Shape)>();
        foreach (var type in package.ObjectTypes.Values.Where(t => t.Module == module).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var shapes = usage.GetValueOrDefault(type.Token) ?? [];
            if (side == TsShape.Output && shapes.Contains(TsShape.Output))
            {
                entries.Add((type, TsShape.Output));
            }

            if (side != TsShape.Output && shapes.Contains(TsShape.Plain))
            {
                entries.Add((type, TsShape.Plain));
            }

            if (side != TsShape.Output && shapes.Contains(TsShape.Input))
            {
                entries.Add((type, TsShape.Input));
            }
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var (type, shape) = entries[i];
            var name = shape == TsShape.Input ? type.Name + "Args" : type.Name;
            ResourceFile.WritePlainType(w, types, imports, Folder, name, type.Description, type.Properties, shape, readOnly: false, indent);
            if (i != entries.Count - 1)
            {
                w.Line();
            }
        }

        var children = package.ObjectTypes.Values
            .Select(t => t.Module)
            .Select(m => ChildOf(module, m))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .OrderBy(m => m, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            w.Line($"{indent}export namespace {child.Split('/')[^1]} {{");
            WriteNamespace(w, side, usage, imports, child, level + 1);
            w.Line($"{indent}}}");
            if (i != children.Count - 1)
            {
                w.Line();
            }
        }
    }

    /// <summary>The direct child of `module` on the way to `descendant` ("a" from "" to "a/b"), or null when it is not below.</summary>
    private static string? ChildOf(string module, string descendant)
    {
        var prefix = module.Length == 0 ? "" : module + "/";
        if (descendant.Length <= prefix.Length || !descendant.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = descendant[prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return prefix + (slash < 0 ? rest : rest[..slash]);
    }
}
