using System.Text;
using Omni.Codegen.Schema;

namespace Omni.Codegen.Docs;

/// <summary>README.md's resource reference: the text between its markers, rewritten from the schema; the rest of the README is left as it is.</summary>
internal static class ReadmeReferenceGenerator
{
    public const string BeginMarker = "<!-- BEGIN GENERATED: resource reference -->";
    public const string EndMarker = "<!-- END GENERATED -->";
    public const string ReadmePath = "README.md";

    public static GeneratorOutput Generate(PackageSchema schema, string root)
    {
        var path = Path.Combine(root, ReadmePath);
        var readme = File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"{path} does not exist; the resource reference goes into it.");
        return new GeneratorOutput("README resource reference", [], [new GeneratedFile(ReadmePath, Replace(readme, Section(schema)))]);
    }

    /// <summary>The reference section as it belongs between the markers.</summary>
    public static string Section(PackageSchema schema)
    {
        var md = new StringBuilder();
        md.Append("_Generated from `sdk/schema.json` by `make schema` (tools/Omni.Codegen); do not edit by hand._\n");

        var config = schema.Config.Count > 0 ? schema.Config : schema.Provider.InputProperties;
        md.Append("\n### Provider configuration (`").Append(schema.Name).Append(":` namespace)\n\n");
        md.Append("| key | type | environment variable | default | description |\n|---|---|---|---|---|\n");
        foreach (var p in config)
        {
            md.Append($"| `{p.Name}` | {Markdown.TypeName(p.Type)}{Secret(p)} | {Markdown.Codes(p.EnvironmentVariables)} | {Markdown.DefaultValue(p)} | {Markdown.Cell(p.Description)} |\n");
        }

        foreach (var resource in schema.Resources)
        {
            md.Append("\n### `").Append(resource.Token).Append("`\n\n");
            if (!string.IsNullOrWhiteSpace(resource.Description))
            {
                md.Append(resource.Description.Trim()).Append("\n\n");
            }

            md.Append("| input | type | required | default | description |\n|---|---|---|---|---|\n");
            foreach (var p in resource.InputProperties)
            {
                md.Append($"| `{p.Name}` | {Markdown.TypeName(p.Type)}{Secret(p)} | {YesNo(p.Required)} | {Markdown.DefaultValue(p)} | {Markdown.Cell(p.Description)} |\n");
            }

            var inputNames = resource.InputProperties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var outputsOnly = resource.Properties.Where(p => !inputNames.Contains(p.Name)).ToList();
            if (outputsOnly.Count > 0)
            {
                md.Append("\nOutputs besides the inputs (and `id`):\n\n| output | type | description |\n|---|---|---|\n");
                foreach (var p in outputsOnly)
                {
                    md.Append($"| `{p.Name}` | {Markdown.TypeName(p.Type)}{Secret(p)} | {Markdown.Cell(p.Description)} |\n");
                }
            }
        }

        foreach (var type in schema.ObjectTypes.Values)
        {
            md.Append("\n### Type `").Append(type.Token).Append("`\n\n");
            md.Append("| field | type | description |\n|---|---|---|\n");
            foreach (var p in type.Properties)
            {
                md.Append($"| `{p.Name}` | {Markdown.TypeName(p.Type)} | {Markdown.Cell(p.Description)} |\n");
            }
        }

        foreach (var type in schema.EnumTypes.Values)
        {
            md.Append("\n### Enum `").Append(type.Token).Append("`\n\n");
            md.Append("| value | description |\n|---|---|\n");
            foreach (var v in type.Values)
            {
                md.Append($"| `{v.Value.ToJsonString()}` | {Markdown.Cell(v.Description)} |\n");
            }
        }

        foreach (var function in schema.Functions)
        {
            md.Append("\n### Function `").Append(function.Token).Append("`\n\n");
            if (!string.IsNullOrWhiteSpace(function.Description))
            {
                md.Append(function.Description.Trim()).Append("\n\n");
            }

            if (function.Inputs is not { Count: > 0 } inputs)
            {
                md.Append("Takes no args.\n\n");
            }
            else
            {
                md.Append("| arg | type | required | description |\n|---|---|---|---|\n");
                foreach (var p in inputs)
                {
                    md.Append($"| `{p.Name}` | {Markdown.TypeName(p.Type)}{Secret(p)} | {YesNo(p.Required)} | {Markdown.Cell(p.Description)} |\n");
                }

                md.Append('\n');
            }

            md.Append("| result | type | always set | description |\n|---|---|---|---|\n");
            foreach (var p in function.Outputs ?? [])
            {
                md.Append($"| `{p.Name}` | {Markdown.TypeName(p.Type)}{Secret(p)} | {YesNo(p.Required)} | {Markdown.Cell(p.Description)} |\n");
            }
        }

        return md.ToString();
    }

    /// <summary>The text between the markers, or null when the README has no markers.</summary>
    public static string? CurrentSection(string readme)
    {
        var (start, end) = Bounds(readme);
        return start < 0 ? null : readme[start..end].Trim('\n');
    }

    public static string Replace(string readme, string generated)
    {
        var (start, end) = Bounds(readme);
        if (start < 0)
        {
            throw new InvalidDataException($"README.md has no `{BeginMarker}` … `{EndMarker}` section to fill; put the markers where the resource reference belongs.");
        }

        return readme[..start] + "\n" + generated.TrimEnd('\n') + "\n" + readme[end..];
    }

    private static (int Start, int End) Bounds(string readme)
    {
        var begin = readme.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = begin < 0 ? -1 : readme.IndexOf(EndMarker, begin, StringComparison.Ordinal);
        return begin < 0 || end < 0 ? (-1, -1) : (begin + BeginMarker.Length, end);
    }

    private static string Secret(SchemaProperty p) => p.Secret ? ", secret" : "";

    private static string YesNo(bool value) => value ? "yes" : "no";
}
