using System.Text.Json.Nodes;

namespace Omni.Client;

/// <summary>
/// A connection as Omni reads it back. Omni never returns credentials, nor host, port, username or
/// warehouse, so drift in those cannot be seen. Omni reads the mssql dialect back as "sqlserver".
/// </summary>
public sealed record OmniConnection
{
    public required string Id { get; init; }
    public string Name { get; init; } = "";
    public string Dialect { get; init; } = "";
    public string? Database { get; init; }
    public string? DefaultSchema { get; init; }
    public string? BaseRole { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>The user attribute that picks a connection environment, and the values that keep a user on this (base) connection.</summary>
    public string? EnvironmentAttributeName { get; init; }
    public IReadOnlyList<string>? EnvironmentDefaultValues { get; init; }

    /// <summary>In Omni's trash: deleted connections stay readable by id (and listed with includeDeleted) until purged.</summary>
    public bool IsDeleted => DeletedAt is not null;
}

/// <summary>
/// The body of POST /api/v1/connections. <see cref="Password"/>, <see cref="PrivateKey"/> and
/// <see cref="OAuthClientSecret"/> travel only in the request body: <see cref="ToString"/> masks them, and
/// no error message or log line of this client contains them.
/// </summary>
public sealed record ConnectionCreate(string Name, string Dialect)
{
    public string? Database { get; init; }
    public string? DefaultSchema { get; init; }
    public string? BaseRole { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? Username { get; init; }
    public string? Warehouse { get; init; }
    public string? Region { get; init; }
    public int? QueryTimeoutSeconds { get; init; }
    public string? Password { get; init; }
    public string? PrivateKey { get; init; }
    public string? OAuthClientSecret { get; init; }

    /// <summary>Any other field of Omni's ConnectionsCreateBody (e.g. includeSchemas, trustServerCertificate), by its JSON name.</summary>
    public IReadOnlyDictionary<string, JsonNode?>? OtherSettings { get; init; }

    public override string ToString() =>
        $"ConnectionCreate {{ Name = {Name}, Dialect = {Dialect}, Database = {Database}, Host = {Host}, Port = {Port}, Username = {Username}, " +
        $"Password = {Mask(Password)}, PrivateKey = {Mask(PrivateKey)}, OAuthClientSecret = {Mask(OAuthClientSecret)} }}";

    internal static string Mask(string? secret) => secret is null ? "(none)" : "***";
}

/// <summary>
/// The fields PATCH /api/v1/connections/{id} can change: every other field needs a new connection.
/// Leave a property null to keep it; <see cref="ClearEnvironmentAttribute"/> removes the environment attribute.
/// </summary>
public sealed record ConnectionUpdate
{
    public string? BaseRole { get; init; }
    public string? Password { get; init; }
    public string? PrivateKey { get; init; }
    public string? EnvironmentAttributeName { get; init; }

    /// <summary>With <see cref="EnvironmentAttributeName"/>: the values that keep a user on the base connection (null: none).</summary>
    public IReadOnlyList<string>? EnvironmentDefaultValues { get; init; }

    public bool ClearEnvironmentAttribute { get; init; }

    public bool IsEmpty => BaseRole is null && Password is null && PrivateKey is null && EnvironmentAttributeName is null && !ClearEnvironmentAttribute;

    public override string ToString() =>
        $"ConnectionUpdate {{ BaseRole = {BaseRole}, Password = {ConnectionCreate.Mask(Password)}, PrivateKey = {ConnectionCreate.Mask(PrivateKey)}, " +
        $"EnvironmentAttributeName = {EnvironmentAttributeName}, ClearEnvironmentAttribute = {ClearEnvironmentAttribute} }}";
}

/// <summary>The filters of GET /api/v1/connections (name and database match as case-insensitive substrings).</summary>
public sealed record ConnectionQuery
{
    public string? Name { get; init; }
    public string? Database { get; init; }
    public IReadOnlyList<string>? Dialects { get; init; }
    public bool IncludeDeleted { get; init; }
}

/// <summary>A connection standing in for a base connection for users whose attribute matches <see cref="UserAttributeValues"/>.</summary>
public sealed record ConnectionEnvironment(string Id, string BaseConnectionId, string ConnectionId, IReadOnlyList<string> UserAttributeValues);

/// <summary>A schedule that re-reads the connection's schema: a 6-field EventBridge cron (e.g. "0 2 * * ? *") in an IANA time zone.</summary>
public sealed record ConnectionSchedule(
    string ScheduleId, string ConnectionId, string Schedule, string Timezone, string? Description, DateTimeOffset? DisabledAt,
    DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt);
