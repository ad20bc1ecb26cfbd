using System.Text.Json.Serialization;

namespace Omni.Emulator.Json;

[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(ScimUserResource))]
[JsonSerializable(typeof(ScimGroupResource))]
[JsonSerializable(typeof(ScimListResponse<ScimUserResource>))]
[JsonSerializable(typeof(ScimListResponse<ScimGroupResource>))]
[JsonSerializable(typeof(UserAttributeList))]
[JsonSerializable(typeof(WhoAmIResponse))]
[JsonSerializable(typeof(FaultRuleRequest))]
[JsonSerializable(typeof(FaultCreated))]
[JsonSerializable(typeof(CountersSnapshot))]
[JsonSerializable(typeof(ConnectionList))]
[JsonSerializable(typeof(ConnectionEnvelope))]
[JsonSerializable(typeof(ConnectionCreated))]
[JsonSerializable(typeof(MessageResult))]
[JsonSerializable(typeof(SuccessResult))]
[JsonSerializable(typeof(EnvironmentList))]
[JsonSerializable(typeof(ScheduleResource))]
[JsonSerializable(typeof(ScheduleList))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelCreated))]
[JsonSerializable(typeof(ModelRenamed))]
[JsonSerializable(typeof(GitConfigResource))]
[JsonSerializable(typeof(UserRolesResponse))]
[JsonSerializable(typeof(GroupRolesResponse))]
[JsonSerializable(typeof(UserRoleAssigned))]
[JsonSerializable(typeof(GroupRoleAssigned))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;

/// <summary>The serializer context used for every body: relaxed escaping so messages read as written ('x', "y", &lt;z&gt;).</summary>
internal static class EmulatorJson
{
    public static EmulatorJsonContext Context { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    });
}
