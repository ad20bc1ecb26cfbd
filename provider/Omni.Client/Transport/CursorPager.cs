using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Omni.Client.Json;

namespace Omni.Client.Transport;

/// <summary>
/// Walks a v1 cursor-paged list: <c>cursor</c> and <c>pageSize</c> out, <c>pageInfo.nextCursor</c> back, and
/// de-duplicates by id. Stops at the last page (no next page, no cursor) or at an empty page. A cursor Omni has
/// already returned is an error, not the end: stopping there would hand back a silently truncated list.
/// </summary>
internal static class CursorPager
{
    /// <param name="transport">Sends each page request.</param>
    /// <param name="path">The list path with its filters, e.g. "v1/folders?scope=organization".</param>
    /// <param name="pageSize">Records per page.</param>
    /// <param name="typeInfo">The page's wire type.</param>
    /// <param name="read">The records and the paging block of one page.</param>
    /// <param name="idOf">A record's id, for de-duplication.</param>
    /// <param name="notFoundIsEmpty">Treat a 404 as "nothing matches" (Omni's folder list answers 404 to an unknown path filter).</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public static async IAsyncEnumerable<TModel> ReadAllAsync<TPage, TModel>(
        OmniTransport transport,
        string path,
        int pageSize,
        JsonTypeInfo<TPage> typeInfo,
        Func<TPage, (IEnumerable<TModel?> Records, PageInfoWire? PageInfo)> read,
        Func<TModel, string> idOf,
        bool notFoundIsEmpty,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TModel : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        string? cursor = null;
        while (true)
        {
            var url = $"{path}{separator}pageSize={pageSize}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var response = notFoundIsEmpty
                ? await V1Request.SendOrGoneAsync(transport, HttpMethod.Get, url, null, cancellationToken).ConfigureAwait(false)
                : await V1Request.SendAsync(transport, HttpMethod.Get, url, null, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                yield break;
            }
            var (records, pageInfo) = JsonIo.Read(response, typeInfo, wire =>
            {
                var (items, info) = read(wire);
                return (items.OfType<TModel>().ToList(), info);
            });
            foreach (var record in records)
            {
                if (seen.Add(idOf(record)))
                {
                    yield return record;
                }
            }
            cursor = pageInfo?.NextCursor;
            if (records.Count == 0 || pageInfo?.HasNextPage == false || string.IsNullOrEmpty(cursor))
            {
                yield break;
            }
            if (!cursors.Add(cursor))
            {
                throw new OmniApiException(response.Method, response.Path, response.StatusCode,
                    "Omni returned a page cursor it had already returned", "the list cannot be walked to its end; try again later");
            }
        }
    }
}
