using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Omni.Client.Json;

namespace Omni.Client.Transport;

/// <summary>
/// Walks a SCIM list page by page. Pages are not stable (RFC 7644 §3.4.2.4) and some servers repeat page 1
/// past the end, so it de-duplicates by id and stops on an empty page, the last page, or a page with nothing new.
/// </summary>
internal static class Pager
{
    public static async IAsyncEnumerable<TModel> ReadAllAsync<TWire, TModel>(
        OmniTransport transport,
        string path,
        string? filter,
        string? extraQuery,
        int pageSize,
        JsonTypeInfo<ListResponseWire<TWire>> typeInfo,
        Func<TWire, TModel> toModel,
        Func<TModel, string> idOf,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TWire : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var startIndex = 1;
        while (true)
        {
            var query = $"{path}?startIndex={startIndex}&count={pageSize}";
            if (filter is not null)
            {
                query += "&filter=" + Uri.EscapeDataString(filter);
            }
            if (extraQuery is not null)
            {
                query += "&" + extraQuery;
            }
            var response = await transport.SendAsync(HttpMethod.Get, query, null, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw OmniErrors.FromResponse(transport, response);
            }
            var (page, models) = JsonIo.Read(response, typeInfo, wire =>
                (wire, wire.Resources?.Where(r => r is not null).Select(r => toModel(r!)).ToList() ?? []));
            if (models.Count == 0)
            {
                yield break;
            }
            var fresh = 0;
            foreach (var model in models)
            {
                if (seen.Add(idOf(model)))
                {
                    fresh++;
                    yield return model;
                }
            }
            var isLast = page.TotalResults is { } total
                ? startIndex - 1 + models.Count >= total
                : models.Count < pageSize;
            if (isLast || fresh == 0)
            {
                yield break;
            }
            startIndex += models.Count;
        }
    }
}
