using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Omni.Codegen;
using YamlDotNet.RepresentationModel;

namespace Omni.Sdk.Tests;

/// <summary>The C# and YAML examples on the generated docs pages are well-formed programs (C# parsed by Roslyn, YAML by YamlDotNet).</summary>
public sealed partial class DocsExamplesTests
{
    [Fact]
    public void Every_docs_example_parses()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "sdk", "schema.json")))!.AsObject();
        var pages = Generators.All(schema, RepositoryPaths.Root)
            .SelectMany(o => o.Files)
            .Where(f => f.Path.StartsWith("docs/", StringComparison.Ordinal))
            .ToList();

        var problems = new List<string>();
        var examples = 0;
        foreach (var page in pages)
        {
            foreach (Match fence in Fence().Matches(page.Content))
            {
                examples++;
                var (language, code) = (fence.Groups[1].Value, fence.Groups[2].Value);
                if (language == "csharp")
                {
                    var options = new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Regular);
                    problems.AddRange(CSharpSyntaxTree.ParseText(code, options).GetDiagnostics()
                        .Where(d => d.Severity == DiagnosticSeverity.Error)
                        .Select(d => $"{page.Path} (C#): {d}"));
                }
                else if (language == "yaml")
                {
                    try
                    {
                        new YamlStream().Load(new StringReader(code));
                    }
                    catch (YamlDotNet.Core.YamlException e)
                    {
                        problems.Add($"{page.Path} (YAML): {e.Message}");
                    }
                }
            }
        }

        Assert.True(examples >= 2 * pages.Count(p => p.Path.StartsWith("docs/api-docs/", StringComparison.Ordinal) && !p.Path.EndsWith("_index.md", StringComparison.Ordinal)),
            $"expected a C# and a YAML example on every API page, found {examples} examples");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex("```(csharp|yaml)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
