using System.Globalization;
using System.Text.RegularExpressions;
using Omni.Emulator.Http;

namespace Omni.Emulator.Scim;

/// <summary>SCIM paging: 1-based <c>startIndex</c> (below 1 means 1) and <c>count</c> (default 100, negative means 0).</summary>
internal readonly partial record struct Paging(int StartIndex, int Count)
{
    public const int DefaultCount = 100;

    public int Offset => StartIndex - 1;

    public static Paging From(HttpRequest request) => new(
        Math.Max(1, Parse(request, "startIndex", 1)),
        Math.Max(0, Parse(request, "count", DefaultCount)));

    private static int Parse(HttpRequest request, string name, int fallback)
    {
        string? text = request.Query[name];
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        // Omni's spec types these as strings matching ^-?\d*\.?\d+$; fractions are truncated.
        if (!Number().IsMatch(text) || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw ApiProblem.BadRequest($"{name}: must be a number, received '{text}'");
        }

        return (int)Math.Clamp(decimal.Truncate(value), int.MinValue, int.MaxValue);
    }

    [GeneratedRegex(@"^-?\d*\.?\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
