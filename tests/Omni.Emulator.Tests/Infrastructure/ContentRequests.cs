using System.Text.Json.Nodes;

namespace Omni.Emulator.Tests.Infrastructure;

/// <summary>Requests to the v1 content families that several tests share, each failing the test unless Omni's status comes back.</summary>
internal static class ContentRequests
{
    public static async Task<JsonObject> CreateFolderAsync(this TestEmulatorClient emulator, string name, string? parentId = null)
    {
        var parent = parentId is null ? "" : $", \"parentFolderId\": \"{parentId}\"";
        return await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/folders", $$"""{"name": "{{name}}"{{parent}}}"""), 201);
    }

    public static async Task<JsonObject> CreateDocumentAsync(this TestEmulator emulator, string name, string? folderId = null)
    {
        using var admin = emulator.ClientWithToken(null);
        var folder = folderId is null ? "" : $", \"folderId\": \"{folderId}\"";
        return await Responses.ExpectAsync(
            await TestEmulatorClient.SendAsync(admin, HttpMethod.Post, "/__emulator/documents", $$"""{"name": "{{name}}"{{folder}}}"""), 201);
    }

    /// <summary>Every folder record, walking the cursor pages.</summary>
    public static async Task<List<JsonNode>> ListFoldersAsync(this TestEmulatorClient emulator, string query = "")
    {
        var records = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await Responses.ExpectAsync(await emulator.GetAsync(
                $"/api/v1/folders?pageSize=2{query}{(cursor is null ? "" : "&cursor=" + cursor)}"), 200);
            records.AddRange(page["records"]!.AsArray().Select(r => r!.DeepClone()));
            cursor = (string?)page["pageInfo"]!["nextCursor"];
        }
        while (cursor is not null);
        return records;
    }

    public static async Task<JsonArray> FolderPermitsAsync(this TestEmulatorClient emulator, string folderId) =>
        (await Responses.ExpectAsync(await emulator.GetAsync($"/api/v1/folders/{folderId}/permissions"), 200))["permits"]!.AsArray();
}
