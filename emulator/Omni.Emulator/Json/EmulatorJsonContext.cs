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
