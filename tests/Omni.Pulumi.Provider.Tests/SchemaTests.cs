using System.Text.Json.Nodes;
using Json.Schema;
using Omni.Pulumi.Provider.Protocol;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Hosting;
using Omni.Pulumi.Provider.Schema;
using Omni.Pulumi.Provider.Tests.Harness;

namespace Omni.Pulumi.Provider.Tests;

public class SchemaTests
{
    private static string Generated()
    {
        using var rateLimiters = new Omni.Client.RateLimiterRegistry();
        using var session = new OmniSession(new ConfigValidator(new EnvironmentVariables(_ => null)), new SecretRedactor(), rateLimiters,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        return SchemaGenerator.Generate(ProviderCatalog.Resources(session, new SilentLog()), ProviderCatalog.Functions(session));
    }

    [Fact]
    public void The_committed_schema_is_what_the_code_generates()
    {
        var committed = File.ReadAllText(RepositoryPaths.Schema).ReplaceLineEndings("\n");
        Assert.True(committed == Generated(), "sdk/schema.json differs from what the provider's records generate: run `make schema` and commit the result.");
    }

    [SkippableFact]
    public void The_schema_is_valid_against_pulumis_package_metaschema()
    {
        Skip.IfNot(File.Exists(RepositoryPaths.MetaSchema),
            $"Pulumi's package metaschema is not at {RepositoryPaths.MetaSchema} (it lives outside the repository, in ../shared/pulumi).");

        var metaSchema = JsonSchema.FromText(File.ReadAllText(RepositoryPaths.MetaSchema));
        using var document = System.Text.Json.JsonDocument.Parse(Generated());
        var result = metaSchema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).ToList();
        Assert.True(result.IsValid, "schema invalid: " + string.Join("; ", errors));
    }

    [Fact]
    public void Every_property_has_a_description_and_the_user_resource_is_complete()
    {
        var schema = JsonNode.Parse(Generated())!.AsObject();
        var user = schema["resources"]!["omni:index:User"]!;
        foreach (var section in new[] { user["properties"]!, user["inputProperties"]!, schema["config"]!["variables"]!, schema["types"]!["omni:index:UserGroup"]!["properties"]! })
        {
            Assert.All(section.AsObject(), p => Assert.False(string.IsNullOrWhiteSpace(p.Value!["description"]?.GetValue<string>()), $"{p.Key} has no description"));
        }

        Assert.Equal(["displayName", "userName"], user["requiredInputs"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Null(user["inputProperties"]!["userName"]!["willReplaceOnChanges"]); // an email change is an update in place
        Assert.True(schema["config"]!["variables"]!["apiKey"]!["secret"]!.GetValue<bool>());
        Assert.Equal("OMNI_BASE_URL", schema["config"]!["variables"]!["baseUrl"]!["defaultInfo"]!["environment"]![0]!.GetValue<string>());
        Assert.Equal("#/types/omni:index:UserGroup", user["properties"]!["groups"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal("Pulumi", schema["language"]!["csharp"]!["rootNamespace"]!.GetValue<string>());
        Assert.Equal("0.1.0", schema["version"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("omni:index:getConnection", "omni:index:ConnectionInfo", "defaultSchema")]
    [InlineData("omni:index:getModel", "omni:index:ModelInfo", "baseModelId")]
    public void A_single_reads_result_is_its_list_item_plus_what_only_it_returns(string function, string item, string own)
    {
        // The result records derive from the list item records: inherited properties keep the item's descriptions and
        // required flags, and every property list stays in name order whatever record declares it.
        var schema = JsonNode.Parse(Generated())!.AsObject();
        var outputs = schema["functions"]![function]!["outputs"]!;
        var itemType = schema["types"]![item]!;
        var itemProperties = itemType["properties"]!.AsObject();
        var resultProperties = outputs["properties"]!.AsObject();

        Assert.Equal(itemProperties.Select(p => p.Key).Append(own).Order(StringComparer.Ordinal), resultProperties.Select(p => p.Key));
        Assert.All(itemProperties, p => Assert.Equal(p.Value!["description"]!.GetValue<string>(), resultProperties[p.Key]!["description"]!.GetValue<string>()));
        Assert.Equal(itemType["required"]!.AsArray().Select(n => n!.GetValue<string>()), outputs["required"]!.AsArray().Select(n => n!.GetValue<string>()));
    }
}
