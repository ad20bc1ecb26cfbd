using System.Text.Json;
using System.Text.Json.Nodes;
using Omni.Emulator.Http;
using Omni.Emulator.Json;

namespace Omni.Emulator.Scim;

internal enum PatchKind
{
    Add,
    Replace,
    Remove,
}

/// <summary>One entry of a SCIM PatchOp request's <c>Operations</c>.</summary>
internal sealed record PatchOperation(int Index, string Op, PatchKind Kind, string? Path, JsonNode? Value)
{
    /// <summary>Checks the PatchOp envelope (schemas, a non-empty Operations array) and reads every operation.</summary>
    public static IReadOnlyList<PatchOperation> ParseAll(JsonObject body)
    {
        if (body["schemas"] is not JsonArray schemas
            || !schemas.Any(s => s?.GetValueKind() == JsonValueKind.String && s.GetValue<string>() == ScimSchemas.PatchOp))
        {
            throw ApiProblem.BadRequest($"Invalid patch operations: schemas must be [\"{ScimSchemas.PatchOp}\"]");
        }

        if (body["Operations"] is not JsonArray { Count: > 0 } operations)
        {
            throw ApiProblem.BadRequest("Invalid patch operations: Operations must be a non-empty array");
        }

        return [.. operations.Select((node, index) => Parse(node, index))];
    }

    public static ApiProblem Invalid(int index, string reason) =>
        ApiProblem.BadRequest($"Invalid patch operations: Operations[{index}]: {reason}");

    private static PatchOperation Parse(JsonNode? node, int index)
    {
        if (node is not JsonObject operation)
        {
            throw Invalid(index, "each operation must be an object");
        }

        var op = operation["op"]?.GetValueKind() == JsonValueKind.String ? operation["op"]!.GetValue<string>() : "";
        PatchKind kind = op.ToUpperInvariant() switch
        {
            "ADD" => PatchKind.Add,
            "REPLACE" => PatchKind.Replace,
            "REMOVE" => PatchKind.Remove,
            _ => throw Invalid(index, $"op must be add, replace or remove (any case), received '{op}'"),
        };

        string? path = null;
        if (operation["path"] is { } pathNode)
        {
            path = pathNode.GetValueKind() == JsonValueKind.String ? pathNode.GetValue<string>().Trim() : throw Invalid(index, "path must be a string");
        }

        return new PatchOperation(index, op, kind, string.IsNullOrEmpty(path) ? null : path, operation["value"]);
    }
}
