using System.Text.Json.Nodes;
using Omni.Codegen;

namespace Omni.Sdk.Tests;

/// <summary>Every file `make schema` derives from sdk/schema.json is exactly what the generator writes today.</summary>
public sealed class GeneratedFilesTests
{
    [Fact]
    public void Every_generated_file_is_what_make_schema_writes()
    {
        var outputs = Generators.All(LoadSchema(), RepositoryPaths.Root);

        var result = GeneratedTree.Apply(RepositoryPaths.Root, outputs, check: true);

        Assert.NotEmpty(outputs.SelectMany(o => o.Files));
        Assert.True(result.Differences == 0,
            "these generated files differ from what `make schema` writes from sdk/schema.json (run `make schema`, never edit them by hand):\n  "
            + string.Join("\n  ", result.Report));
    }

    [Fact]
    public void Editing_one_property_description_changes_the_sdk_readme_and_docs_together()
    {
        var before = Files(LoadSchema());
        var schema = LoadSchema();
        var (token, resource) = schema["resources"]!.AsObject().First();
        var property = resource!["inputProperties"]!.AsObject().First().Key;
        const string edited = "An edited description that appears nowhere else.";
        resource["inputProperties"]![property]!["description"] = edited;
        resource["properties"]![property]!["description"] = edited;

        var after = Files(schema);

        var changed = after.Where(f => before[f.Key] != f.Value).Select(f => f.Key).ToList();
        var className = token[(token.LastIndexOf(':') + 1)..];
        Assert.Contains($"sdk/dotnet/{className}.cs", changed);
        Assert.Contains("README.md", changed);
        Assert.Contains($"docs/api-docs/{className.ToLowerInvariant()}.md", changed);
        Assert.All(changed, path => Assert.Contains(edited, after[path], StringComparison.Ordinal));
    }

    [Fact]
    public void Check_reports_a_stale_file_in_an_owned_folder_and_write_removes_it()
    {
        var root = Directory.CreateTempSubdirectory("omni-codegen-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "owned", "obj"));
            File.WriteAllText(Path.Combine(root, "owned", "stale.cs"), "old");
            File.WriteAllText(Path.Combine(root, "owned", "obj", "build-output.cs"), "kept");
            var outputs = new[] { new GeneratorOutput("test", ["owned"], [new GeneratedFile("owned/new.cs", "new")]) };

            var check = GeneratedTree.Apply(root, outputs, check: true);
            Assert.Equal(2, check.Differences);
            Assert.Contains("stale: owned/stale.cs", check.Report);
            Assert.True(File.Exists(Path.Combine(root, "owned", "stale.cs")), "--check must not delete anything");

            var write = GeneratedTree.Apply(root, outputs, check: false);
            Assert.Equal(2, write.Differences);
            Assert.False(File.Exists(Path.Combine(root, "owned", "stale.cs")));
            Assert.Equal("new", File.ReadAllText(Path.Combine(root, "owned", "new.cs")));
            Assert.True(File.Exists(Path.Combine(root, "owned", "obj", "build-output.cs")), "build output is not the generator's to remove");
            Assert.Equal(0, GeneratedTree.Apply(root, outputs, check: true).Differences);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static JsonObject LoadSchema() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "sdk", "schema.json")))!.AsObject();

    private static Dictionary<string, string> Files(JsonObject schema) =>
        Generators.All(schema, RepositoryPaths.Root).SelectMany(o => o.Files).ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
}
