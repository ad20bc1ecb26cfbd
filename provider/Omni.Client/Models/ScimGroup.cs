namespace Omni.Client;

/// <summary>An Omni user group; <see cref="Id"/> is a short id such as "mEhXj6ZI", not a UUID.</summary>
public sealed record ScimGroup
{
    public required string Id { get; init; }
    public string DisplayName { get; init; } = "";
    public IReadOnlyList<ScimGroupMember> Members { get; init; } = [];
    public ScimMeta? Meta { get; init; }
}

/// <summary>A member of a group; <see cref="Value"/> is the user's id.</summary>
public sealed record ScimGroupMember(string Value, string? Display);
