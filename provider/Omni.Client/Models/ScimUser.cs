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

    /// <summary>
    /// True when the response carried an embed user's fields (embedEmail, embedEntity, embedExternalId). Omni
    /// lists embed users only under /scim/v2/embed/users; callers that manage SCIM users never pick such a one.
    /// </summary>
    public bool IsEmbedUser { get; init; }
}

/// <summary>An embed user (<c>/api/scim/v2/embed/users</c>): made by an embed SSO session, read-only here;
/// its <see cref="UserName"/> is synthetic, <see cref="EmbedEmail"/> the address the embedding app gave.</summary>
public sealed record ScimEmbedUser
{
    public required string Id { get; init; }
    public required string UserName { get; init; }
    public string DisplayName { get; init; } = "";
    public bool Active { get; init; } = true;
    public string? EmbedEmail { get; init; }
    public string? EmbedEntity { get; init; }
    public string? EmbedExternalId { get; init; }
    public ScimMeta? Meta { get; init; }
    public DateTimeOffset? LastLogin { get; init; }
}

public sealed record ScimEmail(string Value, bool Primary);

/// <summary>A group the user belongs to; <see cref="Value"/> is the group's short id.</summary>
public sealed record ScimGroupRef(string Value, string? Display);

public sealed record ScimMeta(DateTimeOffset? Created, DateTimeOffset? LastModified, string? ResourceType);

/// <summary>What POST /scim/v2/users needs.</summary>
public sealed record ScimUserCreate(string UserName, string DisplayName, IReadOnlyDictionary<string, AttributeValue>? Attributes = null);

