using System.Globalization;
using System.Text.Json.Nodes;
using Omni.Client.Json;
using Omni.Client.Transport;

namespace Omni.Client;

/// <summary>
/// Omni's connections (/api/v1/connections), their environments (/api/v1/connection-environments) and
/// schedules that re-read the schema (/api/v1/connections/{id}/schedules). Credentials go out in request bodies
/// only and never come back.
/// </summary>
public sealed class OmniConnections
{
    private readonly OmniTransport _transport;

    internal OmniConnections(OmniTransport transport) => _transport = transport;

    /// <summary>Every connection matching <paramref name="query"/> (Omni does not page this list), by name.</summary>
    public async Task<IReadOnlyList<OmniConnection>> ListAsync(ConnectionQuery? query = null, CancellationToken ct = default)
    {
        var path = "v1/connections" + V1Request.Query(("name", query?.Name), ("database", query?.Database),
            ("dialect", query?.Dialects is { Count: > 0 } d ? string.Join(',', d) : null), ("includeDeleted", query?.IncludeDeleted == true ? "true" : null));
        var response = await V1Request.SendAsync(_transport, HttpMethod.Get, path, null, ct).ConfigureAwait(false);
        return JsonIo.Read(response, OmniJsonContext.Default.ConnectionListWire,
            static wire => (IReadOnlyList<OmniConnection>)[.. wire.Connections?.OfType<ConnectionWire>().Select(c => c.ToModel()) ?? []]);
    }

    /// <returns>The connection (deleted ones too, with <see cref="OmniConnection.IsDeleted"/>), or null when Omni answers 404.</returns>
    public async Task<OmniConnection?> GetAsync(string id, CancellationToken ct = default)
    {
        var response = await V1Request.SendOrGoneAsync(_transport, HttpMethod.Get, V1Request.Path("v1/connections/{0}", id), null, ct).ConfigureAwait(false);
        return response is null ? null : JsonIo.Read(response, OmniJsonContext.Default.ConnectionEnvelopeWire,
            static wire => (wire.Connection ?? throw new System.Text.Json.JsonException("the response has no connection")).ToModel());
    }

    /// <summary>Creates the connection and returns its id (Omni answers with the id only; read it back for the rest).</summary>
    public async Task<string> CreateAsync(ConnectionCreate connection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        OmniUsers.RequireText(connection.Name, "Name");
        OmniUsers.RequireText(connection.Dialect, "Dialect");
        var body = new JsonObject();
        if (connection.OtherSettings is { } other)
        {
            foreach (var (name, value) in other)
            {
                body[name] = value?.DeepClone();
            }
        }

        Set(body, "name", connection.Name);
        Set(body, "dialect", connection.Dialect);
        Set(body, "database", connection.Database);
        Set(body, "defaultSchema", connection.DefaultSchema);
        Set(body, "baseRole", connection.BaseRole);
        Set(body, "host", connection.Host);
        Set(body, "username", connection.Username);
        Set(body, "warehouse", connection.Warehouse);
        Set(body, "region", connection.Region);
        Set(body, "passwordUnencrypted", connection.Password);
        Set(body, "privateKey", connection.PrivateKey);
        Set(body, "oauthClientSecretUnencrypted", connection.OAuthClientSecret);
        if (connection.Port is { } port)
        {
            body["port"] = port;
        }

        if (connection.QueryTimeoutSeconds is { } timeout)
        {
            body["queryTimeoutSeconds"] = timeout;
        }

        var response = await V1Request.SendAsync(_transport, HttpMethod.Post, "v1/connections", body, ct).ConfigureAwait(false);
        return JsonIo.Read(response, OmniJsonContext.Default.CreatedIdWire,
            static wire => wire.Data ?? throw new System.Text.Json.JsonException("the response has no connection id (data)"));
    }

    /// <summary>PATCHes what <paramref name="update"/> sets; returns Omni's message. An empty update is refused before any request.</summary>
    public async Task<string?> UpdateAsync(string id, ConnectionUpdate update, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.IsEmpty)
        {
            throw new ArgumentException("The update changes nothing: set BaseRole, Password, PrivateKey or the environment attribute.", nameof(update));
        }

        var body = new JsonObject();
        Set(body, "baseRole", update.BaseRole);
        Set(body, "passwordUnencrypted", update.Password);
        Set(body, "privateKey", update.PrivateKey);
        if (update.ClearEnvironmentAttribute)
        {
            body["environmentUserAttribute"] = null;
        }
        else if (update.EnvironmentAttributeName is { } attribute)
        {
            body["environmentUserAttribute"] = new JsonObject
            {
                ["attributeName"] = attribute,
                ["defaultValues"] = update.EnvironmentDefaultValues is { } values ? Array(values) : null,
            };
        }

        var response = await V1Request.SendAsync(_transport, HttpMethod.Patch, V1Request.Path("v1/connections/{0}", id), body, ct).ConfigureAwait(false);
        return ErrorBody.ReadMessage(response.Body);
    }

    /// <summary>Moves the connection (and its models) to Omni's trash; a connection already deleted or unknown (404/410) counts as done.</summary>
    public Task DeleteAsync(string id, CancellationToken ct = default) =>
        V1Request.SendOrGoneAsync(_transport, HttpMethod.Delete, V1Request.Path("v1/connections/{0}", id), null, ct);

    public async Task<IReadOnlyList<ConnectionEnvironment>> ListEnvironmentsAsync(CancellationToken ct = default) =>
        ReadEnvironments(await V1Request.SendAsync(_transport, HttpMethod.Get, "v1/connection-environments", null, ct).ConfigureAwait(false));

    /// <summary>Makes each of <paramref name="environmentConnectionIds"/> an environment of the base connection; returns the new environments.</summary>
    public async Task<IReadOnlyList<ConnectionEnvironment>> CreateEnvironmentsAsync(string baseConnectionId,
        IEnumerable<string> environmentConnectionIds, CancellationToken ct = default)
    {
        OmniUsers.RequireText(baseConnectionId, "baseConnectionId");
        ArgumentNullException.ThrowIfNull(environmentConnectionIds);
        var body = new JsonObject { ["baseConnectionId"] = baseConnectionId, ["environmentConnectionIds"] = Array(environmentConnectionIds) };
        return ReadEnvironments(await V1Request.SendAsync(_transport, HttpMethod.Post, "v1/connection-environments", body, ct).ConfigureAwait(false));
    }

    public Task UpdateEnvironmentAsync(string id, IEnumerable<string> userAttributeValues, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userAttributeValues);
        return V1Request.SendAsync(_transport, HttpMethod.Put, V1Request.Path("v1/connection-environments/{0}", id),
            new JsonObject { ["userAttributeValues"] = Array(userAttributeValues) }, ct);
    }

    /// <summary>Removes the environment; one already gone (404) counts as done.</summary>
    public Task DeleteEnvironmentAsync(string id, CancellationToken ct = default) =>
        V1Request.SendOrGoneAsync(_transport, HttpMethod.Delete, V1Request.Path("v1/connection-environments/{0}", id), null, ct);

    public async Task<IReadOnlyList<ConnectionSchedule>> ListSchedulesAsync(string connectionId, CancellationToken ct = default)
    {
        var response = await V1Request.SendAsync(_transport, HttpMethod.Get, V1Request.Path("v1/connections/{0}/schedules", connectionId), null, ct)
            .ConfigureAwait(false);
        return JsonIo.Read(response, OmniJsonContext.Default.ScheduleListWire,
            static wire => (IReadOnlyList<ConnectionSchedule>)[.. wire.Schedules?.OfType<ScheduleWire>().Select(s => s.ToModel()) ?? []]);
    }

    /// <returns>The schedule, or null when Omni answers 404 (the schedule or its connection is gone).</returns>
    public async Task<ConnectionSchedule?> GetScheduleAsync(string connectionId, string scheduleId, CancellationToken ct = default)
    {
        var response = await V1Request.SendOrGoneAsync(_transport, HttpMethod.Get,
            V1Request.Path("v1/connections/{0}/schedules/{1}", connectionId, scheduleId), null, ct).ConfigureAwait(false);
        return response is null ? null : ReadSchedule(response);
    }

    public async Task<ConnectionSchedule> CreateScheduleAsync(string connectionId, string schedule, string timezone, CancellationToken ct = default) =>
        ReadSchedule(await V1Request.SendAsync(_transport, HttpMethod.Post, V1Request.Path("v1/connections/{0}/schedules", connectionId),
            ScheduleBody(schedule, timezone), ct).ConfigureAwait(false));

    /// <summary>Replaces the schedule's cron and zone (Omni's PUT takes both).</summary>
    public async Task<ConnectionSchedule> UpdateScheduleAsync(string connectionId, string scheduleId, string schedule, string timezone,
        CancellationToken ct = default) =>
        ReadSchedule(await V1Request.SendAsync(_transport, HttpMethod.Put, V1Request.Path("v1/connections/{0}/schedules/{1}", connectionId, scheduleId),
            ScheduleBody(schedule, timezone), ct).ConfigureAwait(false));

    /// <summary>Removes the schedule; one already gone (404) counts as done.</summary>
    public Task DeleteScheduleAsync(string connectionId, string scheduleId, CancellationToken ct = default) =>
        V1Request.SendOrGoneAsync(_transport, HttpMethod.Delete, V1Request.Path("v1/connections/{0}/schedules/{1}", connectionId, scheduleId), null, ct);

    private static JsonObject ScheduleBody(string schedule, string timezone)
    {
        OmniUsers.RequireText(schedule, "schedule");
        OmniUsers.RequireText(timezone, "timezone");
        return new JsonObject { ["schedule"] = schedule, ["timezone"] = timezone };
    }

    private static ConnectionSchedule ReadSchedule(OmniResponse response) =>
        JsonIo.Read(response, OmniJsonContext.Default.ScheduleWire, static wire => wire.ToModel());

    private static IReadOnlyList<ConnectionEnvironment> ReadEnvironments(OmniResponse response) =>
        JsonIo.Read(response, OmniJsonContext.Default.EnvironmentListWire,
            static wire => (IReadOnlyList<ConnectionEnvironment>)[.. wire.ConnectionEnvironments?.OfType<EnvironmentWire>().Select(e => e.ToModel()) ?? []]);

    internal static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    internal static void Set(JsonObject body, string name, string? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }

    internal static void Set(JsonObject body, string name, bool? value)
    {
        if (value is { } flag)
        {
            body[name] = flag;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"OmniConnections({_transport.ApiBase})");
}
