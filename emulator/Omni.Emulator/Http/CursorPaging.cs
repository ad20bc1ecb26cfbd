using System.Globalization;
using Omni.Emulator.Json;

namespace Omni.Emulator.Http;

/// <summary>
/// Omni's cursor paging: <c>cursor</c> and <c>pageSize</c> in, <c>pageInfo {hasNextPage, nextCursor,
/// pageSize, totalRecords}</c> out, nextCursor null on the last page. The emulator's cursor is the offset
/// of the next record, which clients must treat as opaque.
/// </summary>
internal static class CursorPaging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static (IReadOnlyList<T> Page, PageInfoBody Info) Apply<T>(IReadOnlyList<T> all, HttpRequest request)
    {
        var pageSize = PageSize(request.Query["pageSize"]);
        var offset = Cursor(request.Query["cursor"]);
        var page = all.Skip(offset).Take(pageSize).ToList();
        var next = offset + page.Count;
        var hasNext = next < all.Count;
        return (page, new PageInfoBody(hasNext, hasNext ? next.ToString(CultureInfo.InvariantCulture) : null, pageSize, all.Count));
    }

    private static int PageSize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return DefaultPageSize;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxPageSize
            ? size
            : throw ApiProblem.BadRequest($"pageSize: must be a whole number from 1 to {MaxPageSize}, got \"{text}\"");
    }

    private static int Cursor(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw ApiProblem.BadRequest($"cursor: \"{text}\" is not a cursor this API returned; start again without one");
    }
}
