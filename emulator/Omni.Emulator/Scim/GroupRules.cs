using System.Text.Json;
using System.Text.Json.Nodes;
using Omni.Emulator.Http;

namespace Omni.Emulator.Scim;

internal static class GroupRules
{
    public const int MaxDisplayNameLength = 64;

    public static string DisplayName(JsonNode? value, string field = "displayName")
    {
        var name = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw ApiProblem.BadRequest($"{field}: Required (a non-empty string), received {RequestBody.Describe(value)}");
        }

        return name.Length <= MaxDisplayNameLength
            ? ControlCharacters.Refuse(name, field)
            : throw ApiProblem.BadRequest($"{field}: at most {MaxDisplayNameLength} characters, received {name.Length}");
    }

    /// <summary>User ids from <c>[{"value": "&lt;user id&gt;"}, ...]</c>, without duplicates, in order.</summary>
    public static IReadOnlyList<string> MemberIds(JsonNode? value, string field = "members")
    {
        if (value is not JsonArray members)
        {
            throw ApiProblem.BadRequest($"{field}: Expected an array of {{\"value\": \"<user id>\"}}, received {RequestBody.Describe(value)}");
        }

        var ids = new List<string>();
        for (var i = 0; i < members.Count; i++)
        {
            var id = members[i] is JsonObject member && member["value"]?.GetValueKind() == JsonValueKind.String
                ? member["value"]!.GetValue<string>()
                : throw ApiProblem.BadRequest($"{field}[{i}].value: Required (the user's id)");
            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }

        return ids;
    }
}
