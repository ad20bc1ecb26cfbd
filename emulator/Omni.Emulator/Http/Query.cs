namespace Omni.Emulator.Http;

/// <summary>Typed reads of v1 query parameters; a value outside the documented set is 400 naming the parameter.</summary>
internal static class Query
{
    public static string? Enum(HttpRequest request, string name, IReadOnlyCollection<string> allowed)
    {
        string? value = request.Query[name];
        return string.IsNullOrEmpty(value) || allowed.Contains(value)
            ? (string.IsNullOrEmpty(value) ? null : value)
            : throw ApiProblem.BadRequest($"{name}: Invalid enum value '{value}'. Expected {string.Join(" | ", allowed.Select(a => $"'{a}'"))}");
    }

    /// <summary>Omni's boolean query values: true/false/1/0 in any case; absent is false.</summary>
    public static bool Flag(HttpRequest request, string name)
    {
        string? value = request.Query[name];
        return value?.ToUpperInvariant() switch
        {
            null or "" or "FALSE" or "0" => false,
            "TRUE" or "1" => true,
            _ => throw ApiProblem.BadRequest($"{name}: Expected true, false, 1 or 0, received '{value}'"),
        };
    }

    public static string? Text(HttpRequest request, string name) =>
        (string?)request.Query[name] is { Length: > 0 } value ? value : null;
}
