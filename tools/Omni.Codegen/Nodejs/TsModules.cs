using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Omni.Codegen.Nodejs;

/// <summary>What every generated module shares: its import lines (gen.go sdkImports) and default-value expressions.</summary>
internal static class TsModules
{
    public static List<string> SdkImports(NodePackage package, string module, bool nested, bool utilities)
    {
        var root = TsNames.RelativeRoot(module);
        var imports = new List<string> { "import * as pulumi from \"@pulumi/pulumi\";" };
        if (nested)
        {
            imports.Add($"import * as inputs from \"{root}/types/input\";");
            imports.Add($"import * as outputs from \"{root}/types/output\";");
            if (package.EnumTypes.Count > 0)
            {
                imports.Add($"import * as enums from \"{root}/types/enums\";");
            }
        }

        if (utilities)
        {
            imports.Add(UtilitiesImport(module));
        }

        return imports;
    }

    public static string UtilitiesImport(string module) => $"import * as utilities from \"{TsNames.RelativeRoot(module)}/utilities\";";

    /// <summary>
    /// The expression of a property's default (gen.go getDefaultValue): the schema's value, read from the
    /// environment first when defaultInfo names variables. Unlike Pulumi's `||`, the environment value is
    /// kept with `??`, so a variable set to 0 or false (e.g. OMNI_REQUESTS_PER_MINUTE=0, "no limiter") wins.
    /// </summary>
    public static string? DefaultValue(NodeProperty property)
    {
        var value = property.Default is null ? null : Literal(property.Default);
        if (property.DefaultEnvironment.Count == 0)
        {
            return value;
        }

        var type = property.Spec["type"]?.GetValue<string>();
        var (getter, cast) = type switch
        {
            "boolean" => ("getEnvBoolean", ""),
            "integer" or "number" => ("getEnvNumber", ""),
            "string" => ("getEnv", ""),
            _ => ("getEnv", "<any>"),
        };
        var environment = $"{cast}utilities.{getter}({string.Join(", ", property.DefaultEnvironment.Select(TsNames.Quote))})";
        return value is null ? environment : $"({environment} ?? {value})";
    }

    public static string Literal(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.String => TsNames.Quote(value.GetValue<string>()),
        _ => throw new NotSupportedException($"sdk/schema.json: the default or const value {value.ToJsonString()} is not a boolean, number or string."),
    };
}
