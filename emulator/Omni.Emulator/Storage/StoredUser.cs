using System.Text.Json.Nodes;
using Omni.Emulator.Json;

namespace Omni.Emulator.Storage;

/// <summary>A user row with its group memberships. Attribute values are already in Omni's stored form.</summary>
public sealed record StoredUser(
    string Id,
    string UserName,
    string DisplayName,
    bool Active,
    JsonObject Attributes,
    string Created,
    string LastModified,
    string? LastLogin)
{
    public IReadOnlyList<ScimReference> Groups { get; init; } = [];
}

/// <summary>A group row; members are referenced by user id and shown with their user name.</summary>
public sealed record StoredGroup(
    string Id,
    string DisplayName,
    string Created,
    string LastModified,
    IReadOnlyList<ScimReference> Members);

/// <summary>The writable part of a group, which PUT and PATCH transform.</summary>
public sealed record GroupState(string DisplayName, IReadOnlyList<string> MemberIds);

public sealed record Page<T>(int Total, IReadOnlyList<T> Items);
