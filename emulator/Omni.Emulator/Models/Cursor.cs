using System.Globalization;
using System.Text;
using Omni.Emulator.Http;

namespace Omni.Emulator.Models;

/// <summary>
/// Omni's cursor paging (<c>cursor</c>, <c>pageSize</c> → <c>pageInfo</c>). The cursor is opaque to
/// clients; here it encodes the offset of the next page. pageSize defaults to 20 and is capped at 100.
/// </summary>
internal readonly record struct Cursor(int Offset, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static Cursor From(HttpRequest request)
    {
        var pageSize = DefaultPageSize;
        if (Query.Text(request, "pageSize") is { } sizeText)
        {
            if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1)
            {
                throw ApiProblem.BadRequest($"pageSize: must be a whole number greater than 0, received '{sizeText}'");
            }
        }

        var offset = 0;
        if (Query.Text(request, "cursor") is { } cursor && !TryDecode(cursor, out offset))
        {
            throw ApiProblem.BadRequest("cursor: not a cursor this API returned; start again without one");
        }

        return new Cursor(offset, Math.Min(pageSize, MaxPageSize));
    }

    /// <summary>The cursor of the page after this one, or null when <paramref name="total"/> ends here.</summary>
    public string? Next(int total) => Offset + PageSize < total ? Encode(Offset + PageSize) : null;

    private static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"offset:{offset}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        Span<byte> bytes = stackalloc byte[64];
        if (cursor.Length > 80 || !Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes[..written]);
        return text.StartsWith("offset:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
