using System.Text;
using System.Text.Json.Nodes;

namespace Omni.Sdk.Tests;

/// <summary>The README's resource reference, generated from the schema so that it cannot fall behind it.</summary>
internal static class ResourceReference
{
    public const string BeginMarker = "<!-- BEGIN GENERATED: resource reference -->";
    public const string EndMarker = "<!-- END GENERATED -->";

    public static string Generate(PackageSchema schema)
    {
        var md = new StringBuilder();
        md.Append("_Generated from `sdk/schema.json` by `UPDATE_DOCS=1 dotnet test tests/Omni.Sdk.Tests`; do not edit by hand._\n");

        var config = schema.Config.Properties.Count > 0 ? schema.Config : schema.Provider.Inputs;
        md.Append("\n### Provider configuration (`").Append(schema.Name).Append(":` namespace)\n\n");
        md.Append("| key | type | environment variable | default | description |\n|---|---|---|---|---|\n");
        foreach (var p in config.Properties)
        {
            md.Append($"| `{p.Name}` | {TypeName(p.Spec)}{(p.Secret ? ", secret" : "")} | {Codes(p.EnvironmentVariables)} | {DefaultValue(p)} | {Cell(p.Description)} |\n");
        }

        foreach (var resource in schema.Resources)
        {
            md.Append("\n### `").Append(resource.Token).Append("`\n\n");
            if (!string.IsNullOrWhiteSpace(resource.Description))
            {
                md.Append(resource.Description.Trim()).Append("\n\n");
            }

            md.Append("| input | type | required | default | description |\n|---|---|---|---|---|\n");
            foreach (var p in resource.Inputs.Properties)
            {
                md.Append($"| `{p.Name}` | {TypeName(p.Spec)}{(p.Secret ? ", secret" : "")} | {(p.Required ? "yes" : "no")} | {DefaultValue(p)} | {Cell(p.Description)} |\n");
            }

            var inputNames = resource.Inputs.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var outputsOnly = resource.Outputs.Properties.Where(p => !inputNames.Contains(p.Name)).ToList();
            if (outputsOnly.Count > 0)
            {
                md.Append("\nOutputs besides the inputs (and `id`):\n\n| output | type | description |\n|---|---|---|\n");
                foreach (var p in outputsOnly)
                {
                    md.Append($"| `{p.Name}` | {TypeName(p.Spec)}{(p.Secret ? ", secret" : "")} | {Cell(p.Description)} |\n");
                }
            }
        }

        foreach (var type in schema.Types)
        {
            md.Append("\n### Type `").Append(type.Token).Append("`\n\n");
            md.Append("| field | type | description |\n|---|---|---|\n");
            foreach (var p in type.Properties)
            {
                md.Append($"| `{p.Name}` | {TypeName(p.Spec)} | {Cell(p.Description)} |\n");
            }
        }

        foreach (var function in schema.Functions)
        {
            md.Append("\n### Function `").Append(function.Token).Append("`\n\n");
            if (!string.IsNullOrWhiteSpace(function.Description))
            {
                md.Append(function.Description.Trim()).Append("\n\n");
            }

            if (function.Inputs is not { Properties.Count: > 0 } inputs)
            {
                md.Append("Takes no args.\n\n");
            }
            else
            {
                md.Append("| arg | type | required | description |\n|---|---|---|---|\n");
                foreach (var p in inputs.Properties)
                {
                    md.Append($"| `{p.Name}` | {TypeName(p.Spec)}{(p.Secret ? ", secret" : "")} | {(p.Required ? "yes" : "no")} | {Cell(p.Description)} |\n");
                }

                md.Append('\n');
            }

            md.Append("| result | type | always set | description |\n|---|---|---|---|\n");
            foreach (var p in function.Outputs.Properties)
            {
                md.Append($"| `{p.Name}` | {TypeName(p.Spec)}{(p.Secret ? ", secret" : "")} | {(p.Required ? "yes" : "no")} | {Cell(p.Description)} |\n");
            }
        }

        return md.ToString();
    }

    /// <summary>The text between the markers, or null when the README has no markers.</summary>
    public static string? Section(string readme)
    {
        var (start, end) = Bounds(readme);
        return start < 0 ? null : readme[start..end].Trim('\n');
    }

    public static string Replace(string readme, string generated)
    {
        var (start, end) = Bounds(readme);
        if (start < 0)
        {
            throw new InvalidOperationException($"README.md has no `{BeginMarker}` … `{EndMarker}` section to fill.");
        }

        return readme[..start] + "\n" + generated.TrimEnd('\n') + "\n" + readme[end..];
    }

    private static (int Start, int End) Bounds(string readme)
    {
        var begin = readme.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = begin < 0 ? -1 : readme.IndexOf(EndMarker, begin, StringComparison.Ordinal);
        return begin < 0 || end < 0 ? (-1, -1) : (begin + BeginMarker.Length, end);
    }

    private static string TypeName(JsonObject spec)
    {
        if ((string?)spec["$ref"] is { } reference)
        {
            return reference == "pulumi.json#/Any" ? "any" : $"`{SchemaNames.TypeToken(reference)}`";
        }

        return (string?)spec["type"] switch
        {
            "array" => $"list of {TypeName(spec["items"]!.AsObject())}",
            "object" => $"map of {(spec["additionalProperties"] is JsonObject element ? TypeName(element) : "any")}",
            var primitive => primitive ?? "any",
        };
    }

    private static string DefaultValue(SchemaProperty p) => p.Default is null ? "" : $"`{p.Default.ToJsonString()}`";

    private static string Codes(IReadOnlyList<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));

    private static string Cell(string? text) =>
        string.Join(" ", (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace("|", "\\|", StringComparison.Ordinal);
}
