namespace Omni.Codegen.Nodejs;

/// <summary>
/// config/vars.ts (gen.go genConfig): one getter per config variable of the package, read from the stack's
/// `omni:*` config each time it is used, with the schema's default (and environment fallback) when unset.
/// </summary>
internal static class ConfigFile
{
    private const string Module = "config";

    public static string Generate(NodePackage package, TsTypes types)
    {
        var imports = new TsImports();
        var body = new TsWriter();
        body.Line("declare var exports: any;");
        body.Line($"const __config = new pulumi.Config(\"{package.Name}\");");
        body.Line();
        foreach (var variable in package.Config)
        {
            var type = types.TypeOf(variable.Spec, TsShape.Output, Module, imports);
            var getter = variable.Spec["type"]?.GetValue<string>() == "string" ? "get" : $"getObject<{type}>";
            var fetch = $"__config.{getter}(\"{variable.Name}\")";
            if (TsModules.DefaultValue(variable) is { } fallback)
            {
                fetch += " ?? " + fallback;
            }

            // With a default value the variable always has one; otherwise it may be unset.
            var declared = variable.Default is not null ? type : TsTypes.Union([type, "undefined"]);
            body.Comment(variable.Description, variable.Deprecation);
            body.Line($"export declare const {variable.Name}: {declared};");
            body.Line($"Object.defineProperty(exports, {TsNames.Quote(variable.Name)}, {{");
            body.Line("    get() {");
            body.Line($"        return {fetch};");
            body.Line("    },");
            body.Line("    enumerable: true,");
            body.Line("});");
            body.Line();
        }

        return new TsWriter()
            .Header(TsModules.SdkImports(package, Module, imports.NeedsTypes, utilities: true), imports)
            .Raw(body.ToString())
            .ToString();
    }
}
