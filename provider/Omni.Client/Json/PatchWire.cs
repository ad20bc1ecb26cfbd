using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Omni.Client.Json;

internal sealed record PatchRequestWire(
    [property: JsonPropertyName("Operations")] IReadOnlyList<PatchOperationWire> Operations)
{
    public IReadOnlyList<string> Schemas { get; } = [OmniSchemas.PatchOp];

    public static string Describe(PatchRequestWire request) =>
        JsonSerializer.Serialize(request, OmniJsonContext.Default.PatchRequestWire);
}

/// <summary>One PatchOp operation; <c>value</c> is always written because Omni's schema requires it, even as null.</summary>
internal sealed record PatchOperationWire(
    string Op,
    string? Path,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonNode? Value);
