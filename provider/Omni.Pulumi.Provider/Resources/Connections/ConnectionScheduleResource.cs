using System.Net;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.Connections;

/// <summary>
/// <c>omni:index:ConnectionSchedule</c>: one schema-refresh schedule of a connection
/// (/api/v1/connections/{connectionId}/schedules). Omni's PUT replaces cron and zone together, so both
/// change in place; the connection cannot change (replace). The id is Omni's scheduleId; every call
/// needs the connection too, which state holds. An import has only the id, so it also takes
/// <c>connectionId/scheduleId</c>, and a bare scheduleId is looked for in every connection's schedules.
/// </summary>
[PulumiResource("omni:index:ConnectionSchedule",
    Description = "A schedule on which Omni re-reads a connection's schema (`/api/v1/connections/{connectionId}/schedules`): a 6-field AWS "
    + "EventBridge cron expression (minute hour day-of-month month day-of-week year, e.g. `0 2 * * ? *`) in an IANA time zone. "
    + "Its id is Omni's schedule id; import with `pulumi import omni:index:ConnectionSchedule <name> <connectionId>/<scheduleId>` "
    + "(a bare schedule id is accepted too and looked for in every connection). `schedule` and `timezone` change in place (Omni's PUT); "
    + "`connectionId` replaces the schedule. Refresh reports a cron or zone changed in Omni as drift; a schedule whose connection was "
    + "deleted is gone. Destroy removes the schedule; one already removed counts as done.")]
internal sealed class ConnectionScheduleResource(OmniSession omni, IEngineLog log) :
    ICheck<ConnectionScheduleArgs>, ICreate<ConnectionScheduleArgs, ConnectionScheduleState>, IRead<ConnectionScheduleArgs, ConnectionScheduleState>,
    IUpdate<ConnectionScheduleArgs, ConnectionScheduleState>, IDelete<ConnectionScheduleState>
{
    /// <summary>Joins the connection's and the schedule's id in an import id.</summary>
    internal const char ImportSeparator = '/';

    private static readonly IReadOnlySet<string> Computed = Property.Names<ConnectionScheduleState>(s => s.Description, s => s.DisabledAt);

    private const string CronExample = "e.g. \"0 2 * * ? *\" for 02:00 every day";

    // ---- Check: the cron's shape (Omni stores it with single spaces; so does the input) -------

    public Task<CheckResult<ConnectionScheduleArgs>> CheckAsync(CheckRequest<ConnectionScheduleArgs> request, CancellationToken cancellationToken)
    {
        var news = request.News;
        var args = news.Value;
        var failures = new List<CheckFailure>();
        if (!news.IsUnknown(a => a.Schedule))
        {
            var fields = args.Schedule.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 6)
            {
                failures.Add(news.Fail(a => a.Schedule,
                    $"'schedule' must be a 6-field AWS EventBridge cron expression (minute hour day-of-month month day-of-week year), {CronExample}; "
                    + $"it has {fields.Length} field(s)."));
            }
            else if ((fields[2] == "?") == (fields[4] == "?"))
            {
                failures.Add(news.Fail(a => a.Schedule,
                    $"'schedule': exactly one of day-of-month (3rd field) and day-of-week (5th field) must be '?' (EventBridge's rule), {CronExample}."));
            }
            else
            {
                args = args with { Schedule = string.Join(' ', fields) };
            }
        }

        return Task.FromResult(new CheckResult<ConnectionScheduleArgs>(args, failures));
    }

    // ---- Create: one POST (Omni answers with the full schedule) --------------------------------

    public async Task<CreateResult<ConnectionScheduleState>> CreateAsync(CreateRequest<ConnectionScheduleArgs> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        if (request.Preview)
        {
            return new CreateResult<ConnectionScheduleState>("", ConnectionScheduleState.From(args, null)) { UnknownOutputs = Computed };
        }

        ConnectionSchedule schedule;
        try
        {
            schedule = await omni.Client.Connections.CreateScheduleAsync(args.ConnectionId, args.Schedule, args.Timezone, cancellationToken).ConfigureAwait(false);
        }
        catch (OmniNotFoundException e)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Omni could not add a schema-refresh schedule to connection {args.ConnectionId} ({ResourceMessages.OmniAnswer(e)}): the connection does not "
                + "exist, or was created moments ago and Omni has not finished setting it up. Check connectionId, or run `pulumi up` again.", e);
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                ResourceMessages.Refused($"to create the schedule of connection {args.ConnectionId}", e, CronHint), e);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested && ResourceMessages.CreateMayHaveReachedOmni(e))
        {
            throw new ProviderFailureException(FailureKind.OutcomeUnknown,
                $"Creating a schedule of connection {args.ConnectionId} was cancelled after the POST may have reached Omni. Look for it in Omni and import it "
                + $"with `pulumi import omni:index:ConnectionSchedule <name> {args.ConnectionId}/<scheduleId>` before running `pulumi up` again.", e);
        }

        return new CreateResult<ConnectionScheduleState>(schedule.ScheduleId, ConnectionScheduleState.From(args, schedule));
    }

    // ---- Read: GET by connection and id; import finds the connection when it is not given ------

    public async Task<ReadResult<ConnectionScheduleArgs, ConnectionScheduleState>> ReadAsync(
        ReadRequest<ConnectionScheduleArgs, ConnectionScheduleState> request, CancellationToken cancellationToken)
    {
        var (connectionId, scheduleId) = request.Olds?.ConnectionId is { Length: > 0 } known
            ? (known, request.Id)
            : await LocateAsync(request.Id, cancellationToken).ConfigureAwait(false);
        var schedule = connectionId is null
            ? null
            : await omni.Client.Connections.GetScheduleAsync(connectionId, scheduleId, cancellationToken).ConfigureAwait(false);
        if (schedule is null)
        {
            if (!request.IsImport)
            {
                await log.WarnAsync(request.Urn, ResourceMessages.GoneFromOmni($"Schema-refresh schedule {request.Id} of connection {connectionId}",
                    "no longer exists in Omni (removed, or its connection was deleted)", "creates it again"), cancellationToken).ConfigureAwait(false);
            }

            return ReadResult<ConnectionScheduleArgs, ConnectionScheduleState>.Gone;
        }

        var inputs = new ConnectionScheduleArgs { ConnectionId = schedule.ConnectionId, Schedule = schedule.Schedule, Timezone = schedule.Timezone };
        return new ReadResult<ConnectionScheduleArgs, ConnectionScheduleState>(schedule.ScheduleId, ConnectionScheduleState.From(inputs, schedule), inputs);
    }

    /// <summary>An import id: <c>connectionId/scheduleId</c>, or a bare scheduleId looked for in each active connection.</summary>
    private async Task<(string? ConnectionId, string ScheduleId)> LocateAsync(string id, CancellationToken cancellationToken)
    {
        var parts = id.Split(ImportSeparator);
        if (parts is [{ Length: > 0 } connectionId, { Length: > 0 } scheduleId])
        {
            return (connectionId, scheduleId);
        }

        if (parts.Length != 1 || id.Length == 0)
        {
            throw new ProviderFailureException(FailureKind.InvalidInput,
                $"'{id}' is not a ConnectionSchedule id: give the schedule's id, or the connection's id and the schedule's id joined by '{ImportSeparator}', "
                + "e.g. `pulumi import omni:index:ConnectionSchedule nightly 0d3c9a8e-…/5b1e7f20-…`.");
        }

        foreach (var connection in await omni.Client.Connections.ListAsync(ct: cancellationToken).ConfigureAwait(false))
        {
            if (connection.IsDeleted)
            {
                continue;
            }

            var schedules = await omni.Client.Connections.ListSchedulesAsync(connection.Id, cancellationToken).ConfigureAwait(false);
            if (schedules.Any(s => string.Equals(s.ScheduleId, id, StringComparison.OrdinalIgnoreCase)))
            {
                return (connection.Id, id);
            }
        }

        return (null, id);
    }

    // ---- Update: one PUT of cron and zone together (Omni's PUT takes both) ---------------------

    public async Task<UpdateResult<ConnectionScheduleState>> UpdateAsync(
        UpdateRequest<ConnectionScheduleArgs, ConnectionScheduleState> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        if (request.Preview)
        {
            return new UpdateResult<ConnectionScheduleState>(ConnectionScheduleState.From(args, null)) { UnknownOutputs = Computed };
        }

        ConnectionSchedule schedule;
        try
        {
            schedule = await omni.Client.Connections.UpdateScheduleAsync(request.Olds.ConnectionId, request.Id, args.Schedule, args.Timezone, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OmniApiException e) when (ResourceMessages.IsGoneOrRefused(e))
        {
            throw ResourceMessages.NotUpdated(e, $"Schema-refresh schedule {request.Id} of connection {request.Olds.ConnectionId}",
                $"to update schedule {request.Id}", hint: CronHint);
        }

        return new UpdateResult<ConnectionScheduleState>(ConnectionScheduleState.From(args, schedule));
    }

    // ---- Delete: one DELETE; a schedule or connection already gone (404/410) counts as done ------------

    public Task DeleteAsync(DeleteRequest<ConnectionScheduleState> request, CancellationToken cancellationToken) =>
        omni.Client.Connections.DeleteScheduleAsync(request.Olds.ConnectionId, request.Id, cancellationToken);

    private const string CronHint = $"'schedule' must be a 6-field EventBridge cron expression ({CronExample}) "
        + "and 'timezone' an IANA time zone, e.g. \"America/New_York\" or \"UTC\".";
}

/// <summary>The inputs of <c>omni:index:ConnectionSchedule</c> (Omni's ConnectionsSchedulesCreateBody, and the connection in its path).</summary>
internal record ConnectionScheduleArgs
{
    [PulumiProperty("connectionId", Description = "The connection whose schema is refreshed (e.g. a Connection resource's `id`). Changing it replaces the schedule.",
        Required = true, ReplaceOnChanges = true, Pattern = @"^[^/\s]+$",
        PatternMessage = "must be a connection's id (e.g. a Connection resource's `id`), without spaces or '/'")]
    public string ConnectionId { get; init; } = "";

    [PulumiProperty("schedule", Description = "A 6-field AWS EventBridge cron expression: minute hour day-of-month month day-of-week year, with '?' in "
        + "exactly one of the two day fields, e.g. `0 2 * * ? *` (02:00 every day). Changes in place.", Required = true)]
    public string Schedule { get; init; } = "";

    [PulumiProperty("timezone", Description = "The IANA time zone the cron runs in, e.g. `America/New_York` or `UTC`. Changes in place.",
        Required = true, Pattern = @"^\S+$", PatternMessage = "must be an IANA time zone such as America/New_York or UTC, without spaces")]
    public string Timezone { get; init; } = "";
}

/// <summary>The outputs of <c>omni:index:ConnectionSchedule</c>: the inputs as Omni holds them, and what Omni writes.</summary>
internal sealed record ConnectionScheduleState : ConnectionScheduleArgs
{
    [PulumiProperty("description", Description = "Omni's own description of the schedule, e.g. \"Runs daily at 2:00 AM EST\".")]
    public string? Description { get; init; }

    [PulumiProperty("disabledAt", Description = "When Omni disabled the schedule (ISO 8601); unset while it runs.")]
    public string? DisabledAt { get; init; }

    public static ConnectionScheduleState From(ConnectionScheduleArgs args, ConnectionSchedule? schedule) => new()
    {
        ConnectionId = args.ConnectionId, Schedule = args.Schedule, Timezone = args.Timezone,
        Description = schedule?.Description, DisabledAt = OmniTimestamps.Format(schedule?.DisabledAt),
    };
}
