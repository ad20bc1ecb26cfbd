using System.Text.Json.Serialization;

namespace Omni.Emulator.Json;

/// <summary>Bodies of the v1 content families (attribute definitions, folders, permissions, labels), kept apart from the SCIM context.</summary>
[JsonSerializable(typeof(UserAttributeDefinition))]
[JsonSerializable(typeof(SuccessBody))]
[JsonSerializable(typeof(FolderCreatedBody))]
[JsonSerializable(typeof(FolderUpdatedBody))]
[JsonSerializable(typeof(FolderListBody))]
[JsonSerializable(typeof(PermitsBody))]
[JsonSerializable(typeof(AccessListBody))]
[JsonSerializable(typeof(LabelBody))]
[JsonSerializable(typeof(LabelsBody))]
[JsonSerializable(typeof(EmulatorDocumentBody))]
[JsonSerializable(typeof(EmulatorDocumentsBody))]
internal sealed partial class ContentJsonContext : JsonSerializerContext;

internal static class ContentJson
{
    /// <summary>Relaxed escaping, as <see cref="EmulatorJson"/>, so names and messages read as written.</summary>
    public static ContentJsonContext Context { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static IResult Success() => Results.Json(new SuccessBody(true), Context.SuccessBody);
}
