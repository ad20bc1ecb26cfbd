using Xunit.Abstractions;

namespace Omni.Sdk.Tests;

/// <summary>README.md's resource reference is the schema's, word for word; UPDATE_DOCS=1 rewrites it.</summary>
public sealed class ResourceReferenceTests(SchemaFixture fixture, ITestOutputHelper output) : IClassFixture<SchemaFixture>
{
    [SkippableFact]
    public void Readme_resource_reference_matches_the_schema()
    {
        var schema = fixture.SchemaOrSkip();

        var readme = File.ReadAllText(RepositoryPaths.Readme);
        var current = ResourceReference.Section(readme);
        Assert.True(current is not null,
            $"README.md has lost its `{ResourceReference.BeginMarker}` … `{ResourceReference.EndMarker}` markers; put them back around the Resource reference section.");

        var generated = ResourceReference.Generate(schema);
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(RepositoryPaths.Readme, ResourceReference.Replace(readme, generated));
            output.WriteLine("README.md resource reference rewritten from the schema.");
            current = ResourceReference.Section(File.ReadAllText(RepositoryPaths.Readme));
        }

        Assert.True(current == generated.TrimEnd('\n'),
            "README.md's resource reference differs from sdk/schema.json. Regenerate it with:\n" +
            "  UPDATE_DOCS=1 dotnet test tests/Omni.Sdk.Tests --filter Readme_resource_reference_matches_the_schema\n" +
            "Expected section:\n" + generated);
    }

    [SkippableFact]
    public void Generated_reference_lists_every_input_output_and_config_key()
    {
        var schema = fixture.SchemaOrSkip();

        var generated = ResourceReference.Generate(schema);
        output.WriteLine(generated);
        var expectedNames = schema.Resources
            .SelectMany(r => r.Inputs.Properties.Concat(r.Outputs.Properties))
            .Concat(schema.Config.Properties)
            .Concat(schema.Provider.Inputs.Properties)
            .Select(p => $"| `{p.Name}` |")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(expectedNames);
        Assert.All(expectedNames, name => Assert.Contains(name, generated, StringComparison.Ordinal));
        Assert.All(schema.Resources, r => Assert.Contains($"### `{r.Token}`", generated, StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Generated_reference_lists_every_function_with_its_args_and_results()
    {
        var schema = fixture.SchemaOrSkip();
        Skip.If(schema.Functions.Count == 0, "the schema declares no functions");

        var generated = ResourceReference.Generate(schema);
        foreach (var function in schema.Functions)
        {
            var start = generated.IndexOf($"### Function `{function.Token}`", StringComparison.Ordinal);
            Assert.True(start >= 0, $"no section for {function.Token}");
            var next = generated.IndexOf("\n### ", start + 1, StringComparison.Ordinal);
            var section = generated[start..(next < 0 ? generated.Length : next)];
            Assert.All(function.Inputs?.Properties ?? [], p => Assert.Contains($"| `{p.Name}` |", section, StringComparison.Ordinal));
            Assert.All(function.Outputs.Properties, p => Assert.Contains($"| `{p.Name}` |", section, StringComparison.Ordinal));
            if (function.Inputs is null)
            {
                Assert.Contains("Takes no args.", section, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Replace_fills_only_the_marked_section()
    {
        var readme = $"# Title\nintro\n{ResourceReference.BeginMarker}\nold table\n{ResourceReference.EndMarker}\n## After\n";

        var updated = ResourceReference.Replace(readme, "new table\n");

        Assert.Equal($"# Title\nintro\n{ResourceReference.BeginMarker}\nnew table\n{ResourceReference.EndMarker}\n## After\n", updated);
        Assert.Equal("new table", ResourceReference.Section(updated));
        Assert.Null(ResourceReference.Section("# no markers here"));
    }
}
