using Omni.Emulator.Auth;
using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Connections;

/// <summary>/api/v1/connection-environments: admin only, as Omni's reference says for each call.</summary>
internal static class EnvironmentEndpoints
{
    public static void MapConnectionEnvironmentEndpoints(this IEndpointRouteBuilder app)
    {
        var environments = app.MapGroup("/api/v1/connection-environments");
        environments.MapGet("", ListAsync);
        environments.MapPost("", CreateAsync);
        environments.MapPut("/{id}", UpdateAsync);
        environments.MapDelete("/{id}", DeleteAsync);
    }

    private static EnvironmentResource Representation(StoredEnvironment e) => new(e.Id, e.BaseConnectionId, e.ConnectionId, e.UserAttributeValues);

    private static async Task<IResult> ListAsync(HttpContext context, ConnectionEnvironmentStore store, CancellationToken cancellationToken)
    {
        CallerAccess.RequireAdmin(context);
        var environments = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(new EnvironmentList([.. environments.Select(Representation)]), EmulatorJson.Context.EnvironmentList);
    }

    /// <summary>environmentConnectionIds is an array (OAS); the comma-separated string of Omni's older docs is accepted too.</summary>
    private static async Task<IResult> CreateAsync(HttpContext context, ConnectionEnvironmentStore store, CancellationToken cancellationToken)
    {
        CallerAccess.RequireAdmin(context);
        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        BodyFields.RejectUnknown(body, ["baseConnectionId", "environmentConnectionIds"],
            "A connection environment takes baseConnectionId and environmentConnectionIds.");
        var baseConnectionId = BodyFields.RequiredString(body, "baseConnectionId");
        var environmentIds = BodyFields.OptionalStringList(body, "environmentConnectionIds", allowCommaString: true);
        if (environmentIds is not { Count: > 0 })
        {
            throw ApiProblem.BadRequest("environmentConnectionIds: Required (at least one connection id)");
        }

        if (environmentIds.Distinct(StringComparer.OrdinalIgnoreCase).Count() != environmentIds.Count)
        {
            throw ApiProblem.BadRequest("environmentConnectionIds: a connection is listed twice");
        }

        var created = await store.CreateAsync(baseConnectionId, environmentIds, cancellationToken).ConfigureAwait(false);
        return Results.Json(new EnvironmentList([.. created.Select(Representation)]), EmulatorJson.Context.EnvironmentList,
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, ConnectionEnvironmentStore store,
        CancellationToken cancellationToken)
    {
        CallerAccess.RequireAdmin(context);
        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        BodyFields.RejectUnknown(body, ["userAttributeValues"],
            "Only userAttributeValues can change; the base and environment connections of an environment are fixed.");
        var values = BodyFields.OptionalStringList(body, "userAttributeValues")
            ?? throw ApiProblem.BadRequest("userAttributeValues: Required (an array of strings)");
        await store.UpdateAsync(id, values, cancellationToken).ConfigureAwait(false);
        return Results.Json(new SuccessResult(true), EmulatorJson.Context.SuccessResult);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ConnectionEnvironmentStore store,
        CancellationToken cancellationToken)
    {
        CallerAccess.RequireAdmin(context);
        await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return Results.Json(new SuccessResult(true), EmulatorJson.Context.SuccessResult);
    }
}
