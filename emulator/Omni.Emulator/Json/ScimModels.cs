using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Omni.Emulator.Json;

/// <summary>Omni's error body: <c>{"error": "&lt;status&gt;", "message": "..."}</c>.</summary>
public sealed record ApiError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message);

public sealed record ScimMeta(
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("lastModified")] string LastModified,
    [property: JsonPropertyName("resourceType")] string ResourceType);

public sealed record ScimEmail(
    [property: JsonPropertyName("primary")] bool Primary,
    [property: JsonPropertyName("value")] string Value);

/// <summary>A reference from a user to a group, or from a group to a member.</summary>
public sealed record ScimReference(
    [property: JsonPropertyName("display")] string Display,
    [property: JsonPropertyName("value")] string Value);

public sealed record OmniUserExtension(
    [property: JsonPropertyName("lastLogin")] string? LastLogin);

public sealed record ScimUserResource
{
    [JsonPropertyName("active")] public required bool Active { get; init; }
    [JsonPropertyName("displayName")] public required string DisplayName { get; init; }
    [JsonPropertyName("emails")] public required IReadOnlyList<ScimEmail> Emails { get; init; }
    [JsonPropertyName("groups")] public required IReadOnlyList<ScimReference> Groups { get; init; }
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("meta")] public required ScimMeta Meta { get; init; }
    [JsonPropertyName("schemas")] public required IReadOnlyList<string> Schemas { get; init; }
    [JsonPropertyName("userName")] public required string UserName { get; init; }
    [JsonPropertyName(ScimSchemas.UserAttribute)] public required JsonObject Attributes { get; init; }
    [JsonPropertyName(ScimSchemas.OmniUserExtension)] public required OmniUserExtension Extension { get; init; }

    // Embed users only (GET /api/scim/v2/embed/users); left out of every other user.
    [JsonPropertyName("embedEmail"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? EmbedEmail { get; init; }
    [JsonPropertyName("embedEntity"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? EmbedEntity { get; init; }
    [JsonPropertyName("embedExternalId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? EmbedExternalId { get; init; }
}

public sealed record ScimGroupResource
{
    [JsonPropertyName("displayName")] public required string DisplayName { get; init; }
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>Null when the caller asked for <c>excludedAttributes=members</c>; the field is then omitted.</summary>
    [JsonPropertyName("members")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ScimReference>? Members { get; init; }

    [JsonPropertyName("meta")] public required ScimMeta Meta { get; init; }
    [JsonPropertyName("schemas")] public required IReadOnlyList<string> Schemas { get; init; }
}

public sealed record ScimListResponse<T>(
    [property: JsonPropertyName("Resources")] IReadOnlyList<T> Resources,
    [property: JsonPropertyName("itemsPerPage")] int ItemsPerPage,
    [property: JsonPropertyName("schemas")] IReadOnlyList<string> Schemas,
    [property: JsonPropertyName("startIndex")] int StartIndex,
    [property: JsonPropertyName("totalResults")] int TotalResults);

public static class ScimSchemas
{
    public const string CoreUser = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string CoreGroup = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string UserAttribute = "urn:omni:params:1.0:UserAttribute";
    public const string OmniUserExtension = "urn:omni:params:scim:schemas:extension:user:2.0";
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
}
