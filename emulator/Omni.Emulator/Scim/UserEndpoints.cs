using Omni.Emulator.Attributes;
using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Scim;

/// <summary>SCIM users. Routing is case-insensitive, so both /users and Omni's /Users spelling match.</summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/scim/v2/users");
        users.MapGet("", ListAsync);
        users.MapPost("", CreateAsync);
        users.MapGet("/{id}", GetAsync);
        users.MapPut("/{id}", ReplaceAsync);
        users.MapPatch("/{id}", PatchAsync);
        users.MapDelete("/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, UserStore store, CancellationToken cancellationToken)
    {
        var userName = ScimFilter.ParseEquals(request.Query["filter"], "userName");
        var paging = Paging.From(request);
        var page = await store.ListAsync(userName, paging.Offset, paging.Count, cancellationToken).ConfigureAwait(false);
        var resources = page.Items.Select(u => ScimRepresentation.User(u, omniSchemas: true)).ToList();
        return Results.Json(
            new ScimListResponse<ScimUserResource>(resources, resources.Count, ScimRepresentation.ListSchemas, paging.StartIndex, page.Total),
            EmulatorJson.Context.ScimListResponseScimUserResource);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, UserStore store, AttributeValues attributeValues,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        var userName = UserRules.Email(RequestBody.OptionalString(body, "userName"));
        var displayName = UserRules.DisplayName(RequestBody.OptionalString(body, "displayName"));
        var attributes = attributeValues.FromRequest(body[ScimSchemas.UserAttribute]);
        var user = await store.CreateAsync(userName, displayName, attributes, cancellationToken).ConfigureAwait(false);
        return Results.Json(ScimRepresentation.User(user, omniSchemas: false), EmulatorJson.Context.ScimUserResource,
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetAsync(string id, UserStore store, CancellationToken cancellationToken)
    {
        var user = await store.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw ApiProblem.UserNotFound();
        return Results.Json(ScimRepresentation.User(user, omniSchemas: true), EmulatorJson.Context.ScimUserResource);
    }

    /// <summary>PUT replaces the whole user: omitted optional fields go back to their defaults (Omni's current docs).</summary>
    private static async Task<IResult> ReplaceAsync(string id, HttpRequest request, UserStore store,
        AttributeValues attributeValues, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        var userName = UserRules.Email(RequestBody.OptionalString(body, "userName"));
        var displayName = RequestBody.OptionalString(body, "displayName") is { } given ? UserRules.DisplayName(given) : null;

        var active = RequestBody.OptionalBoolean(body, "active") ?? true;
        var attributes = attributeValues.FromRequest(body[ScimSchemas.UserAttribute]);
        var user = await store.UpdateAsync(id, current => current with
        {
            UserName = userName,
            // displayName has no default to reset to, so an omitted one is kept.
            DisplayName = displayName ?? current.DisplayName,
            Active = active,
            Attributes = attributes,
        }, cancellationToken).ConfigureAwait(false);
        return Results.Json(ScimRepresentation.User(user, omniSchemas: false), EmulatorJson.Context.ScimUserResource);
    }

    private static async Task<IResult> PatchAsync(string id, HttpRequest request, UserStore store,
        AttributeValues attributeValues, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        var patch = UserPatch.Parse(body, attributeValues);
        var user = await store.UpdateAsync(id, patch.ApplyTo, cancellationToken).ConfigureAwait(false);
        return Results.Json(ScimRepresentation.User(user, omniSchemas: true), EmulatorJson.Context.ScimUserResource);
    }

    private static async Task<IResult> DeleteAsync(string id, UserStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false)
            ? Results.NoContent()
            : throw ApiProblem.UserNotFound();
}
