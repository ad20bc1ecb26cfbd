using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Omni.Emulator.Json;

/// <summary>One user attribute definition, as GET /api/v1/user-attributes returns it (and as the attributes file holds it).</summary>
public sealed record UserAttributeDefinition
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("label")] public string? Label { get; init; }
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("multiple_values")] public bool MultipleValues { get; init; }
    [JsonPropertyName("default_value")] public JsonNode? DefaultValue { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("system")] public bool System { get; init; }
}

public sealed record UserAttributeList(
    [property: JsonPropertyName("records")] IReadOnlyList<UserAttributeDefinition> Records);

public sealed record WhoAmIResponse(
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("keyScope")] string KeyScope,
    [property: JsonPropertyName("orgRole")] string OrgRole);
