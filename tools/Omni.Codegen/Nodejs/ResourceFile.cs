namespace Omni.Codegen.Nodejs;

/// <summary>What a generated module exports, for its module's index.ts (gen_fileinfo.go).</summary>
internal sealed record TsExport(string FileName, string? ClassName, IReadOnlyList<string> Interfaces, IReadOnlyList<string> Functions);

/// <summary>One resource's module (gen.go genResource): the class with get/isInstance, its Args and, when the schema has stateInputs, State.</summary>
internal sealed class ResourceFile(NodePackage package, TsTypes types, NodeResource resource)
{
    private const string Indent = "            ";
    private readonly TsImports imports = new();
    private readonly TsWriter body = new();

    private string Name => resource.Name;

    private string StateType => Name + "State";

    private string ArgsType => Name + "Args";

    public (string Content, TsExport Export) Generate()
    {
        WriteClass();
        var interfaces = new List<string> { ArgsType };
        if (resource.StateInputs is { } state)
        {
            body.Line();
            PlainType(body, StateType, resource.StateDescription, state, TsShape.Input, readOnly: false, "");
            interfaces.Add(StateType);
        }

        body.Line();
        PlainType(body, ArgsType, $"The arguments for constructing a {Name}.", resource.InputProperties, TsShape.Input, readOnly: false, "");

        // A resource never imports itself through its module's index.
        if (imports.Resources.TryGetValue("./index", out var local))
        {
            local.Remove(Name);
            if (local.Count == 0)
            {
                imports.Resources.Remove("./index");
            }
        }

        var file = new TsWriter()
            .Header(TsModules.SdkImports(package, resource.Module, imports.NeedsTypes, utilities: true), imports)
            .Raw(body.ToString());
        var fileName = FileName(resource);
        return (file.ToString(), new TsExport(fileName, Name, interfaces, []));
    }

    /// <summary>camelCase file name; a name that would collide with index.ts, utilities.ts, ... gets a trailing underscore.</summary>
    public static string FileName(NodeResource resource)
    {
        var name = TsNames.Camel(resource.Name);
        return NodejsGenerator.IsReservedFileName(name + ".ts", resource.Module) ? name + "_.ts" : name + ".ts";
    }

    /// <summary>An interface of plain or input properties (gen.go genPlainType).</summary>
    public void PlainType(TsWriter w, string name, string comment, IReadOnlyList<NodeProperty> properties, TsShape shape, bool readOnly, string indent) =>
        WritePlainType(w, types, imports, resource.Module, name, comment, properties, shape, readOnly, indent);

    public static void WritePlainType(TsWriter w, TsTypes types, TsImports imports, string module, string name, string comment,
        IReadOnlyList<NodeProperty> properties, TsShape shape, bool readOnly, string indent)
    {
        w.Comment(comment, "", indent);
        w.Line($"{indent}export interface {name} {{");
        foreach (var property in properties)
        {
            w.Comment(property.Description, property.Deprecation, indent + "    ");
            var type = types.PropertyType(property, shape, module, imports);
            w.Line($"{indent}    {(readOnly ? "readonly " : "")}{property.Name}{(property.Required ? "" : "?")}: {type};");
        }

        w.Line($"{indent}}}");
    }

    private void WriteClass()
    {
        body.Comment(resource.Description, resource.Deprecation);
        var (baseType, optionsType) = resource switch
        {
            { IsComponent: true } => ("ComponentResource", "ComponentResourceOptions"),
            { IsProvider: true } => ("ProviderResource", "ResourceOptions"),
            _ => ("CustomResource", "CustomResourceOptions"),
        };
        body.Line($"export class {Name} extends pulumi.{baseType} {{");
        if (!resource.IsProvider && !resource.IsComponent)
        {
            WriteGet(optionsType);
        }

        body.Line("    /** @internal */");
        body.Line($"    public static readonly __pulumiType = '{(resource.IsProvider ? package.Name : resource.Token)}';");
        body.Line();
        body.Line("    /**");
        body.Line($"     * Whether obj is a {Name}: true also for one made by another copy of this package loaded in the");
        body.Line("     * same process, which `instanceof` would miss.");
        body.Line("     */");
        body.Line($"    public static isInstance(obj: any): obj is {Name} {{");
        body.Line("        if (obj === undefined || obj === null) {");
        body.Line("            return false;");
        body.Line("        }");
        body.Line($"        return obj['__pulumiType'] === {(resource.IsProvider ? "\"pulumi:providers:\" + " : "")}{Name}.__pulumiType;");
        body.Line("    }");
        body.Line();

        var inputNames = resource.InputProperties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var property in resource.Properties)
        {
            body.Comment(property.Description, property.Deprecation, "    ");
            var type = types.TypeOf(property.Spec, TsShape.Output, resource.Module, imports);
            if (!property.Required)
            {
                type = TsTypes.Union([type, "undefined"]);
            }

            body.Line($"    public {(inputNames.Contains(property.Name) ? "" : "/*out*/ ")}readonly {property.Name}!: pulumi.Output<{type}>;");
        }

        body.Line();
        WriteConstructor(optionsType, inputNames);
        body.Line("}");
    }

    private void WriteGet(string optionsType)
    {
        body.Line("    /**");
        body.Line($"     * Looks up an existing {Name} by its provider id and returns it with its current state,");
        body.Line("     * without managing it.");
        body.Line("     *");
        body.Line("     * @param name The unique name the resource gets in this program.");
        body.Line($"     * @param id The provider id of the {Name} to look up.");
        if (resource.StateInputs is not null)
        {
            body.Line("     * @param state Known state that qualifies the lookup.");
        }

        body.Line("     * @param opts Options of the lookup (e.g. the provider to use).");
        body.Line("     */");
        var (stateParam, stateRef) = resource.StateInputs is null ? ("", "undefined as any, ") : ($"state?: {StateType}, ", "<any>state, ");
        body.Line($"    public static get(name: string, id: pulumi.Input<pulumi.ID>, {stateParam}opts?: pulumi.{optionsType}): {Name} {{");
        WarnIfDeprecated("        ");
        body.Line($"        return new {Name}(name, {stateRef}{{ ...opts, id: id }});");
        body.Line("    }");
        body.Line();
    }

    private void WriteConstructor(string optionsType, HashSet<string> inputNames)
    {
        body.Line("    /**");
        body.Line($"     * Creates a {Name} with the given unique name, arguments and options.");
        body.Line("     *");
        body.Line("     * @param name The unique name of the resource in this program.");
        body.Line("     * @param args The resource's inputs.");
        body.Line("     * @param opts Options that control how the resource is managed.");
        body.Line("     */");
        var argsFlag = resource.InputProperties.All(p => !p.Required) ? "?" : "";
        var hasState = resource.StateInputs is not null && !resource.IsProvider;
        if (resource.Deprecation.Length > 0)
        {
            body.Line($"    /** @deprecated {resource.Deprecation} */");
        }

        body.Line($"    constructor(name: string, args{argsFlag}: {ArgsType}, opts?: pulumi.{optionsType}){(hasState ? "" : " {")}");
        if (hasState)
        {
            if (resource.Deprecation.Length > 0)
            {
                body.Line($"    /** @deprecated {resource.Deprecation} */");
            }

            body.Line($"    constructor(name: string, argsOrState?: {ArgsType} | {StateType}, opts?: pulumi.{optionsType}) {{");
        }

        if (!resource.IsProvider)
        {
            WarnIfDeprecated("        ");
        }

        body.Line("        let resourceInputs: pulumi.Inputs = {};");
        body.Line("        opts = opts || {};");
        if (resource.IsProvider)
        {
            body.Line("        {");
            WriteInputs(inputNames);
        }
        else if (hasState)
        {
            body.Line("        if (opts.id) {");
            body.Line($"            const state = argsOrState as {StateType} | undefined;");
            foreach (var property in resource.StateInputs!)
            {
                body.Line($"{Indent}resourceInputs[\"{property.Name}\"] = state ? state.{property.Name} : undefined;");
            }

            body.Line("        } else {");
            body.Line($"            const args = argsOrState as {ArgsType} | undefined;");
            WriteInputs(inputNames);
        }
        else
        {
            body.Line("        if (!opts.id) {");
            WriteInputs(inputNames);
            body.Line("        } else {");
            foreach (var property in resource.Properties)
            {
                body.Line($"{Indent}resourceInputs[\"{property.Name}\"] = undefined /*out*/;");
            }
        }

        body.Line("        }");
        body.Line("        opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts);");
        WriteOptions();
        body.Line(resource.IsComponent
            ? $"        super({Name}.__pulumiType, name, resourceInputs, opts, true /*remote*/);"
            : $"        super({Name}.__pulumiType, name, resourceInputs, opts, false /*dependency*/);");
        body.Line("    }");
    }

    private void WriteInputs(HashSet<string> inputNames)
    {
        foreach (var property in resource.InputProperties.Where(p => p.Required))
        {
            body.Line($"{Indent}if ((!args || args.{property.Name} === undefined) && !opts.urn) {{");
            body.Line($"{Indent}    throw new Error(\"Missing required property '{property.Name}'\");");
            body.Line($"{Indent}}}");
        }

        foreach (var property in resource.InputProperties)
        {
            body.Line($"{Indent}resourceInputs[\"{property.Name}\"] = {InputValue(property)};");
        }

        foreach (var property in resource.Properties.Where(p => !inputNames.Contains(p.Name)))
        {
            body.Line($"{Indent}resourceInputs[\"{property.Name}\"] = undefined /*out*/;");
        }
    }

    private string InputValue(NodeProperty property)
    {
        if (property.Const is { } constant)
        {
            return TsModules.Literal(constant);
        }

        var value = property.Secret
            ? $"args?.{property.Name} ? pulumi.secret(args.{property.Name}) : undefined"
            : $"args ? args.{property.Name} : undefined";
        if (TsModules.DefaultValue(property) is { } fallback)
        {
            // Pulumi applies a secret's default in plain text; a default (often read from the
            // environment, e.g. an API key) of a secret input is made secret too.
            value = $"({value}) ?? {(property.Secret ? $"utilities.secretIfDefined({fallback})" : fallback)}";
        }

        // A provider's inputs reach the plugin as strings: every other type is sent as its JSON text.
        return resource.IsProvider && !IsStringType(property) ? $"pulumi.output({value}).apply(JSON.stringify)" : value;
    }

    private bool IsStringType(NodeProperty property)
    {
        if (property.Spec["type"]?.GetValue<string>() == "string")
        {
            return true;
        }

        var reference = property.Spec["$ref"]?.GetValue<string>() ?? "";
        return reference.StartsWith("#/types/", StringComparison.Ordinal)
            && package.EnumTypes.TryGetValue(reference["#/types/".Length..], out var enumType)
            && enumType.Values.All(v => v.Value.GetValueKind() == System.Text.Json.JsonValueKind.String);
    }

    private void WriteOptions()
    {
        if (resource.AliasTypes.Count > 0)
        {
            body.Line($"        const aliasOpts = {{ aliases: [{string.Join(", ", resource.AliasTypes.Select(t => $"{{ type: \"{t}\" }}"))}] }};");
            body.Line("        opts = pulumi.mergeOptions(opts, aliasOpts);");
        }

        var secrets = resource.Properties.Where(p => p.Secret).Select(p => p.Name).ToList();
        if (secrets.Count > 0)
        {
            body.Line($"        const secretOpts = {{ additionalSecretOutputs: [\"{string.Join("\", \"", secrets)}\"] }};");
            body.Line("        opts = pulumi.mergeOptions(opts, secretOpts);");
        }

        var replaceOnChanges = ReplaceOnChangesPaths(resource.Properties, "", []).ToList();
        if (replaceOnChanges.Count > 0)
        {
            body.Line($"        const replaceOnChanges = {{ replaceOnChanges: [\"{string.Join("\", \"", replaceOnChanges)}\"] }};");
            body.Line("        opts = pulumi.mergeOptions(opts, replaceOnChanges);");
        }
    }

    /// <summary>Pulumi's Resource.ReplaceOnChanges: the paths of properties marked replaceOnChanges, into object types and arrays of them.</summary>
    private IEnumerable<string> ReplaceOnChangesPaths(IReadOnlyList<NodeProperty> properties, string prefix, HashSet<string> visiting)
    {
        foreach (var property in properties)
        {
            var path = prefix + property.Name;
            if (property.ReplaceOnChanges)
            {
                yield return path;
            }

            var (spec, suffix) = property.Spec["items"] is System.Text.Json.Nodes.JsonObject items ? (items, "[*]") : (property.Spec, "");
            if (spec["$ref"]?.GetValue<string>() is { } reference
                && reference.StartsWith("#/types/", StringComparison.Ordinal)
                && package.ObjectTypes.TryGetValue(reference["#/types/".Length..], out var type)
                && visiting.Add(type.Token))
            {
                foreach (var nested in ReplaceOnChangesPaths(type.Properties, $"{path}{suffix}.", visiting))
                {
                    yield return nested;
                }

                visiting.Remove(type.Token);
            }
        }
    }

    private void WarnIfDeprecated(string indent)
    {
        if (resource.Deprecation.Length > 0)
        {
            body.Line($"{indent}pulumi.log.warn({TsNames.Quote($"{Name} is deprecated: {resource.Deprecation}")})");
        }
    }
}
