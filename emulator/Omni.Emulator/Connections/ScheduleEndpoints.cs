using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.ModelRoles;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Connections;

/// <summary>/api/v1/connections/{connectionId}/schedules: schema-refresh schedules, Connection Admin only.</summary>
internal static class ScheduleEndpoints
{
    public static void MapConnectionScheduleEndpoints(this IEndpointRouteBuilder app)
    {
        var schedules = app.MapGroup("/api/v1/connections/{connectionId}/schedules");
        schedules.MapGet("", ListAsync);
        schedules.MapPost("", CreateAsync);
        schedules.MapGet("/{scheduleId}", GetAsync);
        schedules.MapPut("/{scheduleId}", UpdateAsync);
        schedules.MapDelete("/{scheduleId}", DeleteAsync);
    }

    private static ScheduleResource Representation(StoredSchedule s) =>
        new(s.Id, s.ConnectionId, s.Schedule, s.Timezone, s.Description, s.DisabledAt, s.Created, s.Updated);

    private static async Task<IResult> ListAsync(string connectionId, HttpContext context, ConnectionStore connections,
        ConnectionScheduleStore store, CancellationToken cancellationToken)
    {
        await RequireAsync(connectionId, context, connections, cancellationToken).ConfigureAwait(false);
        var schedules = await store.ListAsync(connectionId, cancellationToken).ConfigureAwait(false);
        return Results.Json(new ScheduleList([.. schedules.Select(Representation)]), EmulatorJson.Context.ScheduleList);
    }

    private static async Task<IResult> CreateAsync(string connectionId, HttpContext context, ConnectionStore connections,
        ConnectionScheduleStore store, CancellationToken cancellationToken)
    {
        await RequireAsync(connectionId, context, connections, cancellationToken).ConfigureAwait(false);
        var (schedule, timezone, description) = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var created = await store.CreateAsync(connectionId, schedule, timezone, description, cancellationToken).ConfigureAwait(false);
        return Results.Json(Representation(created), EmulatorJson.Context.ScheduleResource, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetAsync(string connectionId, string scheduleId, HttpContext context, ConnectionStore connections,
        ConnectionScheduleStore store, CancellationToken cancellationToken)
    {
        await RequireAsync(connectionId, context, connections, cancellationToken).ConfigureAwait(false);
        return Results.Json(Representation(await store.GetAsync(connectionId, scheduleId, cancellationToken).ConfigureAwait(false)),
            EmulatorJson.Context.ScheduleResource);
    }

    private static async Task<IResult> UpdateAsync(string connectionId, string scheduleId, HttpContext context, ConnectionStore connections,
        ConnectionScheduleStore store, CancellationToken cancellationToken)
    {
        await RequireAsync(connectionId, context, connections, cancellationToken).ConfigureAwait(false);
        var (schedule, timezone, description) = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var updated = await store.UpdateAsync(connectionId, scheduleId, schedule, timezone, description, cancellationToken).ConfigureAwait(false);
        return Results.Json(Representation(updated), EmulatorJson.Context.ScheduleResource);
    }

    private static async Task<IResult> DeleteAsync(string connectionId, string scheduleId, HttpContext context, ConnectionStore connections,
        ConnectionScheduleStore store, CancellationToken cancellationToken)
    {
        await RequireAsync(connectionId, context, connections, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(connectionId, scheduleId, cancellationToken).ConfigureAwait(false);
        return Results.Json(new SuccessResult(true), EmulatorJson.Context.SuccessResult);
    }

    private static async Task RequireAsync(string connectionId, HttpContext context, ConnectionStore connections, CancellationToken cancellationToken)
    {
        var connection = await connections.RequireActiveAsync(connectionId, cancellationToken).ConfigureAwait(false);
        ConnectionAccess.Require(context, connection, RoleCatalog.ConnectionAdmin);
    }

    /// <summary>Both fields are required on POST and PUT (PUT replaces the schedule).</summary>
    private static async Task<(string Schedule, string Timezone, string Description)> ReadBodyAsync(HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        BodyFields.RejectUnknown(body, ["schedule", "timezone"], "A schema-refresh schedule takes schedule and timezone.");
        var schedule = EventBridgeCron.Validate(BodyFields.RequiredString(body, "schedule"));
        var timezone = BodyFields.RequiredString(body, "timezone");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out _) || !timezone.Contains('/', StringComparison.Ordinal) && timezone != "UTC")
        {
            throw ApiProblem.BadRequest($"timezone: '{timezone}' is not an IANA time zone (for example America/New_York or UTC)");
        }

        return (schedule, timezone, EventBridgeCron.Describe(schedule, timezone));
    }
}
