namespace Omni.Client;

/// <summary>An Omni user as the SCIM API returns it.</summary>
public sealed record ScimUser
{
    public required string Id { get; init; }
    public required string UserName { get; init; }
    public string DisplayName { get; init; } = "";
    public bool Active { get; init; } = true;
    public IReadOnlyList<ScimEmail> Emails { get; init; } = [];
    public IReadOnlyList<ScimGroupRef> Groups { get; init; } = [];
    public ScimMeta? Meta { get; init; }

    /// <summary>Omni's user attributes; empty when the response had none.</summary>
    public IReadOnlyDictionary<string, AttributeValue> Attributes { get; init; } = new Dictionary<string, AttributeValue>();

    public DateTimeOffset? LastLogin { get; init; }
}

public sealed record ScimEmail(string Value, bool Primary);

/// <summary>A group the user belongs to; <see cref="Value"/> is the group's short id.</summary>
public sealed record ScimGroupRef(string Value, string? Display);

public sealed record ScimMeta(DateTimeOffset? Created, DateTimeOffset? LastModified, string? ResourceType);

/// <summary>What POST /scim/v2/users needs.</summary>
public sealed record ScimUserCreate(string UserName, string DisplayName, IReadOnlyDictionary<string, AttributeValue>? Attributes = null);

