using System.Net.Http.Json;
using Google.Protobuf.WellKnownTypes;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests.Harness;

/// <summary>The engine's Update and Delete for the content resources (folders, permissions, labels), and
/// the emulator's admin call that puts a document in a folder.</summary>
internal static class ContentRequests
{
    public const string FolderType = "omni:index:Folder";
    public const string FolderPermissionType = "omni:index:FolderPermission";
    public const string DocumentPermissionType = "omni:index:DocumentPermission";
    public const string LabelType = "omni:index:Label";

    /// <summary>The emulator's seeded document (emulator/README.md).</summary>
    public const string SampleDocument = "sample-dashboard";

    public static async Task<UpdateResponse> UpdateAsync(this ProviderHarness h, string type, string name, string id, Struct olds, Struct oldInputs, Struct news,
        bool preview = false) =>
        await h.Client.UpdateAsync(new UpdateRequest
        {
            Id = id, Urn = GroupRequests.Urn(type, name), Type = type, Olds = olds, OldInputs = oldInputs, News = news, Preview = preview,
        });

    public static async Task DeleteAsync(this ProviderHarness h, string type, string name, string id, Struct olds) =>
        await h.Client.DeleteAsync(new DeleteRequest { Id = id, Urn = GroupRequests.Urn(type, name), Type = type, Properties = olds });

    /// <summary>Check (which must pass) and Update, as the engine does for a change in place.</summary>
    public static async Task<UpdateResponse> CheckAndUpdateAsync(this ProviderHarness h, string type, string name, string id, Struct olds, Struct oldInputs,
        Struct news)
    {
        var check = await h.CheckAsync(type, name, news);
        Assert.Empty(check.Failures);
        return await h.UpdateAsync(type, name, id, olds, oldInputs, check.Inputs);
    }

    /// <summary>Puts a new document in the folder through the emulator's admin API (Omni's document endpoints are not emulated).</summary>
    public static async Task<string> AddDocumentAsync(this ProviderHarness h, string folderId, string name = "Revenue")
    {
        using var admin = new HttpClient { BaseAddress = h.Emulator.BaseUrl };
        var response = await admin.PostAsJsonAsync("/__emulator/documents", new { name, folderId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
    }

    public static IReadOnlyList<string> Sorted(IEnumerable<string> items) => [.. items.Order(StringComparer.Ordinal)];
}
