using System.Text.Json.Nodes;

namespace Omni.Emulator.Tests.Infrastructure;

/// <summary>Shortcuts to the connection and model endpoints for tests that need one as a fixture.</summary>
internal static class Catalog
{
    public const string Password = "s3cr3t-Pa55word!";

    public static async Task<string> CreateConnectionAsync(this TestEmulatorClient emulator, string name = "Warehouse", string dialect = "postgres",
        string extraJson = "")
    {
        var body = await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/connections",
            $$"""{"name": "{{name}}", "dialect": "{{dialect}}", "passwordUnencrypted": "{{Password}}", "database": "analytics", "defaultSchema": "public", "host": "db.example.com", "port": 5432, "username": "omni"{{extraJson}}}"""), 201);
        return body.Str("data");
    }

    public static async Task<JsonObject> GetConnectionAsync(this TestEmulatorClient emulator, string id) =>
        (await Responses.ExpectAsync(await emulator.GetAsync($"/api/v1/connections/{id}"), 200))["connection"]!.AsObject();

    public static async Task<string> CreateSharedModelAsync(this TestEmulatorClient emulator, string connectionId, string name = "Shared")
    {
        var body = await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/models",
            $$"""{"connectionId": "{{connectionId}}", "modelKind": "SHARED", "modelName": "{{name}}"}"""), 200);
        return body["model"].Str("id");
    }

    public static async Task<JsonArray> ModelsAsync(this TestEmulatorClient emulator, string query = "") =>
        (await Responses.ExpectAsync(await emulator.GetAsync($"/api/v1/models?pageSize=100{query}"), 200))["records"]!.AsArray();

    public static async Task<string> SchemaModelOfAsync(this TestEmulatorClient emulator, string connectionId) =>
        (await emulator.ModelsAsync($"&connectionId={connectionId}&modelKind=SCHEMA")).Single().Str("id");
}
