using System.Text.Json.Serialization;

namespace Omni.Client.Json;

// SCIM attribute names are case-insensitive (RFC 7643 §2.1), hence PropertyNameCaseInsensitive;
// Omni types startIndex/count as numeric strings, hence AllowReadingFromString.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(UserWire))]
[JsonSerializable(typeof(ListResponseWire<UserWire>))]
[JsonSerializable(typeof(UserWriteWire))]
[JsonSerializable(typeof(GroupWire))]
[JsonSerializable(typeof(ListResponseWire<GroupWire>))]
[JsonSerializable(typeof(GroupWriteWire))]
[JsonSerializable(typeof(PatchRequestWire))]
[JsonSerializable(typeof(UserAttributesWire))]
[JsonSerializable(typeof(WhoAmIWire))]
[JsonSerializable(typeof(UserAttributeWire))]
[JsonSerializable(typeof(FolderListWire))]
[JsonSerializable(typeof(FolderWire))]
[JsonSerializable(typeof(PermitsWire))]
[JsonSerializable(typeof(AccessListWire))]
[JsonSerializable(typeof(LabelsWire))]
[JsonSerializable(typeof(LabelWire))]
[JsonSerializable(typeof(ConnectionListWire))]
[JsonSerializable(typeof(ConnectionEnvelopeWire))]
[JsonSerializable(typeof(CreatedIdWire))]
[JsonSerializable(typeof(EnvironmentListWire))]
[JsonSerializable(typeof(ScheduleWire))]
[JsonSerializable(typeof(ScheduleListWire))]
[JsonSerializable(typeof(ModelListWire))]
[JsonSerializable(typeof(ModelCreatedWire))]
[JsonSerializable(typeof(GitWire))]
[JsonSerializable(typeof(RoleListWire))]
[JsonSerializable(typeof(RoleAssignedWire))]
internal sealed partial class OmniJsonContext : JsonSerializerContext;
