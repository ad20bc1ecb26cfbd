using System.Net;
using System.Text.Json;
using Omni.Emulator.Auth;
using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Admin;

/// <summary>The emulator's own API under /__emulator/: not part of Omni, loopback only, no auth, not rate limited.</summary>
internal static class AdminEndpoints
{
    public const string Prefix = "/__emulator";

    public static bool IsAdminPath(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(Prefix);
        admin.MapPost("/reset", ResetAsync);
        admin.MapPost("/faults", AddFaultAsync);
        admin.MapDelete("/faults", (FaultRules faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        admin.MapDelete("/faults/{id}", (string id, FaultRules faults) =>
            faults.Remove(id) ? Results.NoContent() : throw ApiProblem.NotFound($"No fault rule with id '{id}'"));
        admin.MapGet("/counters", (RequestCounters counters) =>
            Results.Json(counters.Snapshot(), EmulatorJson.Context.CountersSnapshot));
        admin.MapPost("/users/{id}/login", RecordLoginAsync);
        admin.MapPost("/embed-users", CreateEmbedUserAsync);
    }

    /// <summary>Refuses admin calls that do not come from this machine, even when the emulator listens more widely.</summary>
    public static async Task LoopbackOnlyAsync(HttpContext context, RequestDelegate next)
    {
        if (IsAdminPath(context.Request.Path)
            && context.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status403Forbidden,
                "The emulator admin API answers loopback callers only").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static async Task<IResult> ResetAsync(EmulatorDatabase database, FaultRules faults, RequestCounters counters,
        FixedWindowRateLimiter rateLimiter, ContentSeed content, CancellationToken cancellationToken)
    {
        await content.ResetAsync(cancellationToken).ConfigureAwait(false);
        await database.ResetAsync(cancellationToken).ConfigureAwait(false);
        faults.Clear();
        counters.Reset();
        rateLimiter.Reset();
        return Results.NoContent();
    }

    private static async Task<IResult> AddFaultAsync(HttpRequest request, FaultRules faults, CancellationToken cancellationToken)
    {
        FaultRuleRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, EmulatorJson.Context.FaultRuleRequest, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw ApiProblem.BadRequest($"Invalid fault rule: {exception.Message}");
        }

        var rule = faults.Add(body ?? throw ApiProblem.BadRequest("Invalid fault rule: expected a JSON object"));
        return Results.Json(new FaultCreated(rule.Id), EmulatorJson.Context.FaultCreated, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// Omni makes an embed user when an embed SSO session first names it; this stands in for that:
    /// <c>{"externalId", "email"?, "entity"?, "userName"?}</c> → 201 with the embed user.
    /// </summary>
    private static async Task<IResult> CreateEmbedUserAsync(HttpRequest request, EmbedUserStore store, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        var externalId = RequestBody.OptionalString(body, "externalId");
        if (string.IsNullOrWhiteSpace(externalId))
        {
            throw ApiProblem.BadRequest("externalId: required (the embed user's id in the embedding application)");
        }

        var userName = RequestBody.OptionalString(body, "userName");
        if (userName is not null)
        {
            Scim.UserRules.Email(userName);
        }

        var user = await store.CreateAsync(new SeedEmbedUser(externalId, RequestBody.OptionalString(body, "email"),
            RequestBody.OptionalString(body, "entity"), userName), id: null, cancellationToken).ConfigureAwait(false);
        return Results.Json(Scim.ScimRepresentation.EmbedUser(user), EmulatorJson.Context.ScimUserResource,
            statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Omni sets lastLogin when a user signs in; this lets tests produce a user who has.</summary>
    private static async Task<IResult> RecordLoginAsync(string id, UserStore users, CancellationToken cancellationToken)
    {
        var user = await users.RecordLoginAsync(id, cancellationToken).ConfigureAwait(false);
        return Results.Json(Scim.ScimRepresentation.User(user, omniSchemas: true), EmulatorJson.Context.ScimUserResource);
    }
}
