using System.Text.Json;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Omni.Client.Json;

// Wire shapes are separate from the public records so that parsing can be lenient (everything optional)
// while the public models stay simple and non-null.

internal sealed class UserWire
{
    public string? Id { get; set; }
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }
    public bool? Active { get; set; }
    public List<EmailWire?>? Emails { get; set; }
    public List<MemberWire?>? Groups { get; set; }
    public MetaWire? Meta { get; set; }

    [JsonPropertyName(OmniSchemas.UserAttributes)]
    public Dictionary<string, AttributeValue?>? Attributes { get; set; }

    [JsonPropertyName(OmniSchemas.UserExtension)]
    public UserExtensionWire? Extension { get; set; }

    public string? EmbedEmail { get; set; }
    public string? EmbedEntity { get; set; }
    public string? EmbedExternalId { get; set; }

    private bool IsEmbed => EmbedEmail is not null || EmbedEntity is not null || EmbedExternalId is not null;

    public ScimEmbedUser ToEmbedModel() => new()
    {
        Id = Id ?? throw new JsonException("the embed user in the response has no id"),
        UserName = UserName ?? "",
        DisplayName = DisplayName ?? "",
        Active = Active ?? true,
        EmbedEmail = EmbedEmail,
        EmbedEntity = EmbedEntity,
        EmbedExternalId = EmbedExternalId,
        Meta = Meta?.ToModel(),
        LastLogin = MetaWire.ParseTime(Extension?.LastLogin),
    };

    public ScimUser ToModel() => new()
    {
        Id = Id ?? throw new JsonException("the user in the response has no id"),
        UserName = UserName ?? "",
        DisplayName = DisplayName ?? "",
        Active = Active ?? true,
        Emails = Emails?.Where(e => e?.Value is not null).Select(e => new ScimEmail(e!.Value!, e.Primary ?? false)).ToArray() ?? [],
        Groups = Groups?.Where(g => g?.Value is not null).Select(g => new ScimGroupRef(g!.Value!, g.Display)).ToArray() ?? [],
        Meta = Meta?.ToModel(),
        Attributes = Attributes?.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal)
            ?? new Dictionary<string, AttributeValue>(StringComparer.Ordinal),
        LastLogin = MetaWire.ParseTime(Extension?.LastLogin),
        IsEmbedUser = IsEmbed,
    };
}

internal sealed class EmailWire
{
    public string? Value { get; set; }
    public bool? Primary { get; set; }
}

internal sealed class MemberWire
{
    public string? Value { get; set; }
    public string? Display { get; set; }
}

internal sealed class MetaWire
{
    public string? Created { get; set; }
    public string? LastModified { get; set; }
    public string? ResourceType { get; set; }

    public ScimMeta ToModel() => new(ParseTime(Created), ParseTime(LastModified), ResourceType);

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}

internal sealed class UserExtensionWire
{
    public string? LastLogin { get; set; }
}

/// <summary>The body of a create (POST): Omni creates users active.</summary>
internal sealed record UserWriteWire(
    IReadOnlyList<string> Schemas,
    string UserName,
    string? DisplayName,
    [property: JsonPropertyName(OmniSchemas.UserAttributes)] IReadOnlyDictionary<string, AttributeValue>? Attributes);

internal sealed class ListResponseWire<T>
{
    public int? TotalResults { get; set; }
    public int? StartIndex { get; set; }
    public int? ItemsPerPage { get; set; }
    public List<T?>? Resources { get; set; }
}
