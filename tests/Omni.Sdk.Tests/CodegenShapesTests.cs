using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Omni.Codegen;
using Omni.Codegen.Docs;
using CodegenSchema = Omni.Codegen.Schema.PackageSchema;

namespace Omni.Sdk.Tests;

/// <summary>
/// The generators on a made-up schema with what ours does not use yet (a second module, enums,
/// nested input types, state inputs, secrets, replaceOnChanges, required function args, a plugin
/// download URL): every resource, function and type is handled from the schema alone.
/// </summary>
public sealed class CodegenShapesTests
{
    private const string Schema = """
        {
          "name": "omni",
          "version": "1.2.3",
          "description": "A test package & more.",
          "keywords": ["pulumi", "omni", "kind/native"],
          "license": "Apache-2.0",
          "repository": "https://example.com/repo",
          "pluginDownloadURL": "https://example.com/releases/v${VERSION}",
          "config": { "variables": { "region": { "type": "string", "default": "eu" } } },
          "provider": { "inputProperties": { "region": { "type": "string" } } },
          "resources": {
            "omni:models:Model": {
              "description": "A model.",
              "properties": {
                "name": { "type": "string", "replaceOnChanges": true },
                "kind": { "$ref": "#/types/omni:models:Kind" },
                "token": { "type": "string", "secret": true },
                "joins": { "type": "array", "items": { "$ref": "#/types/omni:models:Join" } }
              },
              "required": ["name", "kind"],
              "inputProperties": {
                "name": { "type": "string", "replaceOnChanges": true },
                "kind": { "$ref": "#/types/omni:models:Kind", "default": "shared" },
                "token": { "type": "string", "secret": true },
                "tags": { "type": "array", "items": { "type": "string" }, "secret": true },
                "joins": { "type": "array", "items": { "$ref": "#/types/omni:models:Join" } }
              },
              "requiredInputs": ["name"],
              "stateInputs": { "properties": { "name": { "type": "string" }, "joins": { "type": "array", "items": { "$ref": "#/types/omni:models:Join" } } } }
            }
          },
          "functions": {
            "omni:models:getModel": {
              "inputs": { "properties": { "name": { "type": "string" }, "join": { "$ref": "#/types/omni:models:Join" }, "ids": { "type": "array", "items": { "type": "integer" } } }, "required": ["name"] },
              "outputs": { "properties": { "kind": { "$ref": "#/types/omni:models:Kind" }, "count": { "type": "integer" } }, "required": ["count"] }
            }
          },
          "types": {
            "omni:models:Kind": { "type": "string", "enum": [ { "value": "shared" }, { "value": "per-user", "name": "PerUser" } ] },
            "omni:models:Join": {
              "type": "object",
              "properties": { "table": { "type": "string" }, "on": { "$ref": "#/types/omni:models:Condition" } },
              "required": ["table"]
            },
            "omni:models:Condition": { "type": "object", "properties": { "sql": { "type": "string" } } }
          },
          "language": { "csharp": { "rootNamespace": "Pulumi", "packageReferences": { "Pulumi": "3.*" }, "respectSchemaVersion": true } }
        }
        """;

    private static Dictionary<string, string> Generate() =>
        Generators.All(JsonNode.Parse(Schema)!.AsObject(), RepositoryPaths.Root)
            .Where(o => o.Name != "README resource reference")
            .SelectMany(o => o.Files)
            .ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);

    [Fact]
    public void Every_generated_csharp_file_parses_without_errors()
    {
        var files = Generate().Where(f => f.Key.EndsWith(".cs", StringComparison.Ordinal)).ToList();

        var errors = files
            .SelectMany(f => CSharpSyntaxTree.ParseText(f.Value).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"{f.Key}: {d}"))
            .ToList();

        Assert.True(files.Count >= 10, $"only {files.Count} C# files");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Module_types_go_to_their_folder_in_each_shape_they_are_used_in()
    {
        var files = Generate();

        Assert.Contains("sdk/dotnet/Models/Model.cs", files.Keys);
        Assert.Contains("sdk/dotnet/Models/GetModel.cs", files.Keys);
        Assert.Contains("sdk/dotnet/Models/Enums.cs", files.Keys);
        Assert.Contains("public sealed class Join\n", files["sdk/dotnet/Models/Outputs/Join.cs"], StringComparison.Ordinal);
        Assert.Contains("public sealed class JoinArgs : global::Pulumi.ResourceArgs", files["sdk/dotnet/Models/Inputs/JoinArgs.cs"], StringComparison.Ordinal);
        Assert.Contains("public sealed class JoinGetArgs : global::Pulumi.ResourceArgs", files["sdk/dotnet/Models/Inputs/JoinGetArgs.cs"], StringComparison.Ordinal);
        Assert.Contains("public sealed class Join : global::Pulumi.InvokeArgs", files["sdk/dotnet/Models/Inputs/Join.cs"], StringComparison.Ordinal);
        Assert.Contains("public Input<Inputs.ConditionArgs>? On { get; set; }", files["sdk/dotnet/Models/Inputs/JoinArgs.cs"], StringComparison.Ordinal);
        Assert.Contains("namespace Pulumi.Omni.Models.Outputs", files["sdk/dotnet/Models/Outputs/Condition.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Resource_options_carry_replace_on_changes_secrets_and_the_plugin_download_url()
    {
        var model = Generate()["sdk/dotnet/Models/Model.cs"];

        Assert.Contains("ReplaceOnChanges =\n                {\n                    \"name\",\n                },", model, StringComparison.Ordinal);
        Assert.Contains("AdditionalSecretOutputs =\n                {\n                    \"token\",\n                },", model, StringComparison.Ordinal);
        Assert.Contains("PluginDownloadURL = \"https://example.com/releases/v${VERSION}\",", model, StringComparison.Ordinal);
        Assert.Contains("public Output<Pulumi.Omni.Models.Kind> Kind", model, StringComparison.Ordinal);
        Assert.Contains("Kind = Pulumi.Omni.Models.Kind.Shared;", model, StringComparison.Ordinal);
        Assert.Contains("Output.CreateSecret(ImmutableArray.Create<string>())", model, StringComparison.Ordinal);
        Assert.Contains("public static Model Get(string name, Input<string> id, ModelState? state = null, CustomResourceOptions? options = null)", model, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_with_a_required_arg_takes_its_args_without_a_default()
    {
        var function = Generate()["sdk/dotnet/Models/GetModel.cs"];

        Assert.Contains("public static Task<GetModelResult> InvokeAsync(GetModelArgs args, InvokeOptions? options = null)", function, StringComparison.Ordinal);
        Assert.Contains("public static Output<GetModelResult> Invoke(GetModelInvokeArgs args, InvokeOutputOptions options)", function, StringComparison.Ordinal);
        Assert.Contains("public List<int> Ids", function, StringComparison.Ordinal);
        Assert.Contains("public InputList<int> Ids", function, StringComparison.Ordinal);
        Assert.Contains("public string Name { get; set; } = null!;", function, StringComparison.Ordinal);
        Assert.Contains("public Inputs.Join? Join { get; set; }", function, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_files_carry_the_schemas_metadata()
    {
        var files = Generate();

        var project = XDocument.Parse(files["sdk/dotnet/Pulumi.Omni.csproj"]);
        Assert.Equal("A test package & more.", project.Descendants("Description").Single().Value);
        Assert.Equal("pulumi;omni", project.Descendants("PackageTags").Single().Value);
        Assert.Equal("1.2.3", project.Descendants("Version").Single().Value);
        Assert.Equal("README.md", project.Descendants("PackageReadmeFile").Single().Value);
        var plugin = JsonNode.Parse(files["sdk/dotnet/pulumi-plugin.json"])!;
        Assert.Equal("https://example.com/releases/v${VERSION}", (string?)plugin["server"]);
        Assert.Equal("1.2.3", (string?)plugin["version"]);
        Assert.Equal("1.2.3\n", files["sdk/dotnet/version.txt"]);
        Assert.Contains("dst.PluginDownloadURL = src?.PluginDownloadURL ?? \"https://example.com/releases/v${VERSION}\";", files["sdk/dotnet/Utilities.cs"], StringComparison.Ordinal);
        Assert.Contains("__config.Get(\"region\") ?? \"eu\"", files["sdk/dotnet/Config/Config.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Docs_have_a_page_per_resource_and_function_with_examples_and_the_import_command()
    {
        var files = Generate();

        var page = files["docs/api-docs/models/model.md"];
        Assert.Contains("new Omni.Models.Model(\"model\"", page, StringComparison.Ordinal);
        Assert.Contains("type: omni:models:Model", page, StringComparison.Ordinal);
        Assert.Contains("$ pulumi import omni:models:Model <name> <id>", page, StringComparison.Ordinal);
        Assert.Contains("### Join", page, StringComparison.Ordinal);
        Assert.Contains("### Condition", page, StringComparison.Ordinal);
        Assert.Contains("function: omni:models:getModel", files["docs/api-docs/models/getmodel.md"], StringComparison.Ordinal);
        Assert.Contains("api-docs/models/model.md", files["docs/_index.md"], StringComparison.Ordinal);
        Assert.Contains("--server https://example.com/releases/v${VERSION}", files["docs/installation-configuration.md"], StringComparison.Ordinal);
        Assert.Equal("docs/api-docs/models/getmodel.md", RegistryDocsGenerator.PagePath("omni:models:getModel"));
    }

    [Fact]
    public void A_reference_to_an_undeclared_type_names_the_property()
    {
        var schema = JsonNode.Parse(Schema)!.AsObject();
        schema["resources"]!["omni:models:Model"]!["properties"]!["kind"]!["$ref"] = "#/types/omni:models:Missing";

        var error = Assert.Throws<InvalidDataException>(() => CodegenSchema.From(schema));

        Assert.Contains("omni:models:Model.kind", error.Message, StringComparison.Ordinal);
        Assert.Contains("omni:models:Missing", error.Message, StringComparison.Ordinal);
    }
}
