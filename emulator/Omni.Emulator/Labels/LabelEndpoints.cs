using System.Text.Json.Nodes;
using Omni.Emulator.Auth;
using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Labels;

/// <summary>
/// /api/v1/labels and labels on documents. Anyone may create, change and delete basic labels; verified
/// and homepage labels (setting those flags, or changing or deleting a label that has one) need the
/// Organization Admin role, so a personal access token gets 403 there.
/// </summary>
internal static class LabelEndpoints
{
    private const int MinNameLength = 2;
    private const int MaxNameLength = 25;
    private const int MaxColorLength = 9;
    private const int MaxDescriptionLength = 500;

    public static void MapLabelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/labels", async (LabelStore store, CancellationToken ct) =>
            Results.Json(new LabelsBody([.. (await store.ListAsync(ct).ConfigureAwait(false)).Select(Body)]), ContentJson.Context.LabelsBody));
        app.MapPost("/api/v1/labels", CreateAsync);
        app.MapGet("/api/v1/labels/{name}", async (string name, LabelStore store, CancellationToken ct) =>
            Results.Json(Body(await store.GetAsync(name, ct).ConfigureAwait(false)), ContentJson.Context.LabelBody));
        app.MapPut("/api/v1/labels/{name}", UpdateAsync);
        app.MapDelete("/api/v1/labels/{name}", DeleteAsync);
        app.MapPut("/api/v1/documents/{identifier}/labels/{labelName}", async (string identifier, string labelName, LabelStore store,
            CancellationToken ct) =>
        {
            await store.AddToDocumentAsync(identifier, labelName, ct).ConfigureAwait(false);
            return Results.NoContent();
        });
        app.MapDelete("/api/v1/documents/{identifier}/labels/{labelName}", async (string identifier, string labelName, LabelStore store,
            CancellationToken ct) =>
        {
            await store.RemoveFromDocumentAsync(identifier, labelName, ct).ConfigureAwait(false);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, LabelStore store, PermitStore permits, CancellationToken cancellationToken)
    {
        await ActingUserAsync(context, permits, cancellationToken).ConfigureAwait(false);
        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var label = new StoredLabel(
            Name(RequestBody.OptionalString(body, "name") ?? throw ApiProblem.BadRequest($"name: Required ({MinNameLength} to {MaxNameLength} characters)")),
            Color(RequestBody.OptionalString(body, "color")),
            Description(RequestBody.OptionalString(body, "description")),
            RequestBody.OptionalBoolean(body, "homepage") ?? false,
            RequestBody.OptionalBoolean(body, "verified") ?? false,
            UsageCount: 0);
        RequireAdminFor(context, label, "create");
        var created = await store.CreateAsync(label, cancellationToken).ConfigureAwait(false);
        return Results.Json(Body(created), ContentJson.Context.LabelBody, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>PUT is partial: omitted fields keep their value, null clears color and description, a new name renames.</summary>
    private static async Task<IResult> UpdateAsync(string name, HttpContext context, LabelStore store, PermitStore permits,
        CancellationToken cancellationToken)
    {
        await ActingUserAsync(context, permits, cancellationToken).ConfigureAwait(false);
        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var updated = await store.UpdateAsync(name, current =>
        {
            RequireAdminFor(context, current, "change");
            var changed = current with
            {
                Name = RequestBody.OptionalString(body, "name") is { } newName ? Name(newName) : current.Name,
                Color = body.ContainsKey("color") ? Color(RequestBody.OptionalString(body, "color")) : current.Color,
                Description = body.ContainsKey("description") ? Description(RequestBody.OptionalString(body, "description")) : current.Description,
                Homepage = RequestBody.OptionalBoolean(body, "homepage") ?? current.Homepage,
                Verified = RequestBody.OptionalBoolean(body, "verified") ?? current.Verified,
            };
            RequireAdminFor(context, changed, "change");
            return changed;
        }, cancellationToken).ConfigureAwait(false);
        return Results.Json(Body(updated), ContentJson.Context.LabelBody);
    }

    private static async Task<IResult> DeleteAsync(string name, HttpContext context, LabelStore store, PermitStore permits,
        CancellationToken cancellationToken)
    {
        await ActingUserAsync(context, permits, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(name, label => RequireAdminFor(context, label, "delete"), cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    /// <summary>?userId= (organization keys act as that user): must name an existing user.</summary>
    private static async Task ActingUserAsync(HttpContext context, PermitStore permits, CancellationToken cancellationToken)
    {
        if (QueryValues.Uuid(context.Request, "userId") is { } userId)
        {
            await permits.RequireUserAsync(userId, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void RequireAdminFor(HttpContext context, StoredLabel label, string action)
    {
        if (label.Verified || label.Homepage)
        {
            CallerRoles.RequireOrganizationAdmin(context, $"to {action} a verified or homepage label");
        }
    }

    private static LabelBody Body(StoredLabel label) =>
        new(label.Name, label.Color, label.Description, label.Homepage, label.Verified, label.UsageCount);

    private static string Name(string name) => name.Length is >= MinNameLength and <= MaxNameLength && name.Trim().Length == name.Length
        ? name
        : throw ApiProblem.BadRequest($"name: must be {MinNameLength} to {MaxNameLength} characters without leading or trailing spaces, got \"{name}\"");

    private static string? Color(string? color) => color is null || color.Length <= MaxColorLength
        ? color
        : throw ApiProblem.BadRequest($"color: at most {MaxColorLength} characters (a hex color such as #0366d6), got \"{color}\"");

    private static string? Description(string? description) => description is null || description.Length <= MaxDescriptionLength
        ? description
        : throw ApiProblem.BadRequest($"description: at most {MaxDescriptionLength} characters");
}
