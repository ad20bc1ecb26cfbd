using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Scim;

/// <summary>
/// Embed users (<c>/api/scim/v2/embed/users</c>): list, get and a hard delete, as Omni's OpenAPI document
/// lists. They are made by embed SSO sessions, which the emulator does not serve, so tests seed them with
/// <c>POST /__emulator/embed-users</c> or <c>--seed-embed-user</c>.
/// </summary>
internal static class EmbedUserEndpoints
{
    public static void MapEmbedUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/scim/v2/embed/users");
        users.MapGet("", ListAsync);
        users.MapGet("/{id}", GetAsync);
        users.MapDelete("/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, EmbedUserStore store, CancellationToken cancellationToken)
    {
        var userName = ScimFilter.ParseEquals(request.Query["filter"], "userName");
        var paging = Paging.From(request);
        var page = await store.ListAsync(userName, paging.Offset, paging.Count, cancellationToken).ConfigureAwait(false);
        var resources = page.Items.Select(ScimRepresentation.EmbedUser).ToList();
        return Results.Json(
            new ScimListResponse<ScimUserResource>(resources, resources.Count, ScimRepresentation.ListSchemas, paging.StartIndex, page.Total),
            EmulatorJson.Context.ScimListResponseScimUserResource);
    }

    private static async Task<IResult> GetAsync(string id, EmbedUserStore store, CancellationToken cancellationToken)
    {
        var user = await store.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw ApiProblem.UserNotFound();
        return Results.Json(ScimRepresentation.EmbedUser(user), EmulatorJson.Context.ScimUserResource);
    }

    private static async Task<IResult> DeleteAsync(string id, EmbedUserStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false)
            ? Results.NoContent()
            : throw ApiProblem.UserNotFound();
}
