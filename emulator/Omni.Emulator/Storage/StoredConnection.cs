using System.Text.Json.Nodes;

namespace Omni.Emulator.Storage;

/// <summary>
/// A connection as the emulator keeps it. <see cref="Settings"/> holds the accepted non-secret fields
/// that Omni never reads back (host, port, username…); <see cref="SecretsSet"/> names the secrets
/// that were given, never their values.
/// </summary>
public sealed record StoredConnection(
    string Id,
    string Name,
    string Dialect,
    string? Database,
    string? DefaultSchema,
    string? BaseRole,
    JsonObject Settings,
    IReadOnlyList<string> SecretsSet,
    string? EnvironmentAttribute,
    IReadOnlyList<string>? EnvironmentDefaultValues,
    string Created,
    string Updated,
    string? DeletedAt)
{
    public bool IsDeleted => DeletedAt is not null;
}

/// <summary>The list filters of GET /api/v1/connections.</summary>
public sealed record ConnectionQuery(
    string? Name, string? Database, IReadOnlyList<string> Dialects, bool IncludeDeleted, string SortField, bool Descending);

public sealed record StoredEnvironment(string Id, string BaseConnectionId, string ConnectionId, IReadOnlyList<string> UserAttributeValues);

public sealed record StoredSchedule(
    string Id, string ConnectionId, string Schedule, string Timezone, string Description, string? DisabledAt, string Created, string Updated);
