using Omni.Emulator.Auth;
using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Attributes;

/// <summary>
/// Writes to user-attribute definitions (GET stays in V1Endpoints): POST creates (201 + record), PUT
/// changes what is given (200 + record), DELETE removes the definition and every user's value (200
/// {success}). Org Admin only, so a personal access token (a MEMBER) gets 403.
/// </summary>
internal static class AttributeDefinitionEndpoints
{
    private const string Path = "/api/v1/user-attributes";

    public static void MapAttributeDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, CreateAsync);
        app.MapPut(Path + "/{id}", UpdateAsync);
        app.MapDelete(Path + "/{id}", DeleteAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, AttributeDefinitionStore store, CancellationToken cancellationToken)
    {
        CallerRoles.RequireOrganizationAdmin(context, "creating a user attribute");
        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var created = await store.CreateAsync(AttributeDefinitionRequest.ForCreate(body), cancellationToken).ConfigureAwait(false);
        return Results.Json(created, ContentJson.Context.UserAttributeDefinition, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, AttributeDefinitionStore store,
        AttributeDefinitions definitions, CancellationToken cancellationToken)
    {
        CallerRoles.RequireOrganizationAdmin(context, "changing a user attribute");
        RefuseSystemAttribute(id, definitions);
        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var updated = await store.UpdateAsync(id, current => AttributeDefinitionRequest.ForUpdate(body, current), cancellationToken)
            .ConfigureAwait(false);
        return Results.Json(updated, ContentJson.Context.UserAttributeDefinition);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, AttributeDefinitionStore store,
        AttributeDefinitions definitions, CancellationToken cancellationToken)
    {
        CallerRoles.RequireOrganizationAdmin(context, "deleting a user attribute");
        RefuseSystemAttribute(id, definitions);
        await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return ContentJson.Success();
    }

    /// <summary>System attributes have no id; one addressed by its name gets a clear refusal rather than a 404.</summary>
    private static void RefuseSystemAttribute(string id, AttributeDefinitions definitions)
    {
        if (definitions.Find(id) is { System: true } system)
        {
            throw ApiProblem.BadRequest($"User attribute \"{system.Name}\" is a read-only system attribute and cannot be changed or deleted");
        }
    }
}
