using System.Text.Json.Serialization;

namespace Omni.Client.Json;

internal sealed class UserAttributesWire
{
    public List<UserAttributeWire?>? Records { get; set; }
}

internal sealed class UserAttributeWire
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Label { get; set; }
    public string? Type { get; set; }

    [JsonPropertyName("multiple_values")]
    public bool? MultipleValues { get; set; }

    public string? Description { get; set; }
    public bool? System { get; set; }

    [JsonPropertyName("default_value")]
    public AttributeValue? DefaultValue { get; set; }

    public UserAttributeDefinition? ToModel() => Name is null
        ? null
        : new UserAttributeDefinition(Id ?? "", Name, Label, Type ?? "String", MultipleValues ?? false, Description, System ?? false)
        {
            DefaultValue = DefaultValue,
        };
}

internal sealed class WhoAmIWire
{
    public string? UserId { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? KeyScope { get; set; }
    public string? OrgRole { get; set; }

    public WhoAmI ToModel() => new(UserId, Name, Email, KeyScope ?? "unknown", OrgRole);
}
