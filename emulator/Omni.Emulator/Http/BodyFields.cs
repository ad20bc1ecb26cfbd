using System.Text.Json;
using System.Text.Json.Nodes;

namespace Omni.Emulator.Http;

/// <summary>Typed reads of v1 request fields, each refusing a wrong type with a 400 that names the field (never its value).</summary>
internal static class BodyFields
{
    /// <summary>400 naming every key that is not in <paramref name="allowed"/>, so a typo or an unchangeable field is never silently dropped.</summary>
    public static void RejectUnknown(JsonObject body, IReadOnlyCollection<string> allowed, string hint)
    {
        var unknown = body.Select(p => p.Key).Where(k => !allowed.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw ApiProblem.BadRequest($"Unrecognized key(s) in object: {string.Join(", ", unknown.Select(k => $"'{k}'"))}. {hint}");
        }
    }

    public static string RequiredString(JsonObject body, string field) =>
        RequestBody.OptionalString(body, field) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw ApiProblem.BadRequest($"{field}: Required (a non-empty string)");

    public static int? OptionalInteger(JsonObject body, string field)
    {
        if (!body.TryGetPropertyValue(field, out var node) || node is null)
        {
            return null;
        }

        return node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var number)
            ? number
            : throw ApiProblem.BadRequest($"{field}: Expected an integer, received {RequestBody.Describe(node)}");
    }

    /// <summary>An array of strings; <paramref name="allowCommaString"/> also takes "a,b" as DOCS shows for some bodies.</summary>
    public static IReadOnlyList<string>? OptionalStringList(JsonObject body, string field, bool allowCommaString = false)
    {
        if (!body.TryGetPropertyValue(field, out var node) || node is null)
        {
            return null;
        }

        if (allowCommaString && node.GetValueKind() == JsonValueKind.String)
        {
            return [.. node.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        if (node is not JsonArray array || array.Any(item => item?.GetValueKind() != JsonValueKind.String))
        {
            throw ApiProblem.BadRequest($"{field}: Expected an array of strings, received {RequestBody.Describe(node)}");
        }

        return [.. array.Select(item => item!.GetValue<string>())];
    }

    /// <summary>One of <paramref name="allowed"/> (exact spelling), or null when absent.</summary>
    public static string? OptionalEnum(JsonObject body, string field, IReadOnlyCollection<string> allowed)
    {
        var value = RequestBody.OptionalString(body, field);
        return value is null || allowed.Contains(value)
            ? value
            : throw ApiProblem.BadRequest($"{field}: Invalid enum value '{value}'. Expected {string.Join(" | ", allowed.Select(a => $"'{a}'"))}");
    }
}
