using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Omni.Emulator.Tests.Infrastructure;

/// <summary>
/// Validates response bodies against the component schemas of Omni's OpenAPI document, which lives
/// beside the repository (../shared/omni/openapi-scim.json), not in it.
/// </summary>
internal sealed class OpenApiSchemas
{
    private readonly JsonObject components;

    private OpenApiSchemas(JsonObject components) => this.components = components;

    public static string ExpectedPath => PathOf("openapi-scim.json");

    /// <summary>The schemas; where the document is absent the calling [SkippableFact] is reported as skipped, with why.</summary>
    public static OpenApiSchemas LoadOrSkip() => LoadOrSkip(ExpectedPath);

    /// <summary>The schemas of Omni's whole OpenAPI document (openapi.json: the v1 families beyond SCIM).</summary>
    public static OpenApiSchemas LoadFullOrSkip() => LoadOrSkip(PathOf("openapi.json"));

    private static string PathOf(string document) => Path.GetFullPath(Path.Combine(RepositoryRoot.Find(), "..", "shared", "omni", document));

    private static OpenApiSchemas LoadOrSkip(string path)
    {
        Skip.IfNot(File.Exists(path), $"Omni's OpenAPI document is not at {path}; schema validation cannot run here.");

        var document = JsonNode.Parse(File.ReadAllText(path))!;
        return new OpenApiSchemas(document["components"]!["schemas"]!.AsObject());
    }

    /// <summary>Asserts that <paramref name="body"/> satisfies components.schemas.<paramref name="schemaName"/>, formats included.</summary>
    public void AssertValid(string schemaName, JsonNode body)
    {
        Assert.True(components.ContainsKey(schemaName), $"The OpenAPI document has no schema {schemaName}.");
        // OpenAPI refs point into components; a standalone JSON Schema keeps them under $defs.
        var defs = JsonNode.Parse(components.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!;
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$ref"] = $"#/$defs/{schemaName}",
            ["$defs"] = defs,
        };
        var schema = JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() },
            new Uri($"https://omni-emulator.tests/{schemaName}/{Guid.NewGuid():N}"));
        using var instance = JsonDocument.Parse(body.ToJsonString());
        var result = schema.Evaluate(instance.RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, $"{schemaName} rejected {body.ToJsonString()}:\n{Describe(result)}");
    }

    private static string Describe(EvaluationResults result) => string.Join("\n",
        (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")));
}
