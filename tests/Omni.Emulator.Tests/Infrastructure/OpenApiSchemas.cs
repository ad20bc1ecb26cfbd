using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Omni.Emulator.Tests.Infrastructure;

/// <summary>
/// Validates response bodies against the schemas of Omni's OpenAPI documents, which live beside the
/// repository (../shared/omni/openapi-scim.json for SCIM, ../shared/omni/openapi.json for v1), not in it.
/// </summary>
internal sealed class OpenApiSchemas
{
    private readonly JsonNode document;
    private readonly JsonObject components;

    private OpenApiSchemas(JsonNode document)
    {
        this.document = document;
        components = document["components"]!["schemas"]!.AsObject();
    }

    public static string ExpectedPath => PathOf("openapi-scim.json");

    private static string PathOf(string file) => Path.GetFullPath(Path.Combine(RepositoryRoot.Find(), "..", "shared", "omni", file));

    /// <summary>The SCIM schemas; where the document is absent the calling [SkippableFact] is reported as skipped, with why.</summary>
    public static OpenApiSchemas LoadOrSkip() => Load(ExpectedPath);

    /// <summary>The v1 document (openapi.json), whose responses are often inline schemas; skipped with why when absent.</summary>
    public static OpenApiSchemas LoadV1OrSkip() => Load(PathOf("openapi.json"));

    private static OpenApiSchemas Load(string path)
    {
        Skip.IfNot(File.Exists(path), $"Omni's OpenAPI document is not at {path}; schema validation cannot run here.");
        return new OpenApiSchemas(JsonNode.Parse(File.ReadAllText(path))!);
    }

    /// <summary>Asserts that <paramref name="body"/> satisfies components.schemas.<paramref name="schemaName"/>, formats included.</summary>
    public void AssertValid(string schemaName, JsonNode body)
    {
        Assert.True(components.ContainsKey(schemaName), $"The OpenAPI document has no schema {schemaName}.");
        AssertValid(schemaName, new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" }, body);
    }

    /// <summary>Asserts that <paramref name="body"/> satisfies the JSON response schema of <paramref name="method"/> <paramref name="path"/> for <paramref name="status"/>.</summary>
    public void AssertValidResponse(string method, string path, int status, JsonNode body)
    {
        var schema = document["paths"]?[path]?[method.ToLowerInvariant()]?["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            ?["content"]?["application/json"]?["schema"];
        Assert.True(schema is not null, $"The OpenAPI document has no JSON schema for {method} {path} {status}.");
        AssertValid($"{method} {path} {status}", schema!.DeepClone(), body);
    }

    private void AssertValid(string schemaName, JsonNode schema, JsonNode body)
    {
        // OpenAPI refs point into components; a standalone JSON Schema keeps them under $defs.
        static JsonNode Rebase(JsonNode node) =>
            JsonNode.Parse(node.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!;
        var root = WithoutExamples(Rebase(schema)).AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = Rebase(components);
        var compiled = JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() },
            new Uri($"https://omni-emulator.tests/schema/{Guid.NewGuid():N}"));
        using var instance = JsonDocument.Parse(body.ToJsonString());
        var result = compiled.Evaluate(instance.RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, $"{schemaName} rejected {body.ToJsonString()}:\n{Describe(result)}");
    }

    /// <summary>OpenAPI's <c>example</c> is not a JSON Schema 2020-12 keyword, so the strict evaluator refuses it.</summary>
    private static JsonNode WithoutExamples(JsonNode node, bool isPropertyMap = false)
    {
        if (node is JsonObject schema)
        {
            if (!isPropertyMap)
            {
                schema.Remove("example");
            }

            foreach (var (key, child) in schema.ToList())
            {
                if (child is not null)
                {
                    WithoutExamples(child, !isPropertyMap && key == "properties");
                }
            }
        }
        else if (node is JsonArray items)
        {
            foreach (var item in items.OfType<JsonNode>())
            {
                WithoutExamples(item);
            }
        }

        return node;
    }

    private static string Describe(EvaluationResults result) => string.Join("\n",
        (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")));
}
