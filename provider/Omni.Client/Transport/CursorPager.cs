using System.Runtime.CompilerServices;

namespace Omni.Client.Transport;

/// <summary>
/// Walks Omni's cursor-paged lists (<c>cursor</c>, <c>pageSize</c> → <c>pageInfo.nextCursor</c>) to the end:
/// it stops when Omni says there is no next page, and refuses a cursor it has already been given
/// (a server that would otherwise make it loop forever).
/// </summary>
internal static class CursorPager
{
    public static async IAsyncEnumerable<TModel> ReadAllAsync<TModel>(
        OmniTransport transport,
        string pathWithQuery,
        int pageSize,
        Func<OmniResponse, (IReadOnlyList<TModel> Items, string? NextCursor)> parse,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var separator = pathWithQuery.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var url = $"{pathWithQuery}{separator}pageSize={pageSize}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var response = await V1Request.SendAsync(transport, HttpMethod.Get, url, null, cancellationToken).ConfigureAwait(false);
            var (items, next) = parse(response);
            foreach (var item in items)
            {
                yield return item;
            }

            if (next is not null && !seen.Add(next))
            {
                throw new OmniApiException(response.Method, response.Path, response.StatusCode,
                    "Omni returned a page cursor it had already returned", "the list cannot be walked to its end; try again later");
            }

            cursor = items.Count == 0 ? null : next;
        }
        while (cursor is not null);
    }
}
