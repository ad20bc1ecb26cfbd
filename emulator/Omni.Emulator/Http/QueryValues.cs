namespace Omni.Emulator.Http;

/// <summary>Typed reads of query parameters, each refusal a 400 naming the parameter.</summary>
internal static class QueryValues
{
    public static string? Optional(HttpRequest request, string name) =>
        request.Query[name].ToString() is { Length: > 0 } value ? value : null;

    public static string? OneOf(HttpRequest request, string name, params string[] allowed)
    {
        var value = Optional(request, name);
        return value is null || allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw ApiProblem.BadRequest($"{name}: must be one of {string.Join(", ", allowed)}, got \"{value}\"");
    }

    public static bool Boolean(HttpRequest request, string name) => Optional(request, name)?.ToLowerInvariant() switch
    {
        null or "false" or "0" => false,
        "true" or "1" => true,
        var other => throw ApiProblem.BadRequest($"{name}: must be true or false, got \"{other}\""),
    };

    public static string? Uuid(HttpRequest request, string name) =>
        Optional(request, name) is { } value ? RequireUuid(value, name) : null;

    public static string RequireUuid(string value, string field) =>
        Guid.TryParseExact(value, "D", out _) ? value : throw ApiProblem.BadRequest($"{field}: \"{value}\" is not a UUID");
}
