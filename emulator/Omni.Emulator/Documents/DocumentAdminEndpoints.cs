using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Documents;

/// <summary>
/// The emulator's own way to make documents (not part of Omni; under the loopback-only admin prefix), so
/// tests can fill folders and label documents: GET lists them, POST {name, folderId?} → 201.
/// </summary>
internal static class DocumentAdminEndpoints
{
    public static void MapDocumentAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/__emulator/documents", async (DocumentStore store, CancellationToken ct) =>
            Results.Json(new EmulatorDocumentsBody([.. (await store.ListAsync(ct).ConfigureAwait(false)).Select(Body)]),
                ContentJson.Context.EmulatorDocumentsBody));
        app.MapPost("/__emulator/documents", async (HttpRequest request, DocumentStore store, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadObjectAsync(request, ct).ConfigureAwait(false);
            var name = RequestBody.OptionalString(body, "name") is { Length: > 0 } given ? given : throw ApiProblem.BadRequest("name: Required");
            var document = await store.CreateAsync(name, RequestBody.OptionalString(body, "folderId"),
                V1.V1Endpoints.OrganizationKeyOwner.UserId, ct).ConfigureAwait(false);
            return Results.Json(Body(document), ContentJson.Context.EmulatorDocumentBody, statusCode: StatusCodes.Status201Created);
        });
    }

    private static EmulatorDocumentBody Body(StoredDocument d) => new(d.Id, d.Identifier, d.Name, d.FolderId);
}
