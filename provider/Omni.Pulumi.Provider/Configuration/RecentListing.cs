namespace Omni.Pulumi.Provider.Configuration;

/// <summary>
/// One listing of every user (or every group) shared by the Reads of one engine operation: a refresh
/// of N resources costs ⌈N/100⌉ list pages instead of N GETs, which at Omni's 60 requests a minute
/// is the difference between half an hour and a few seconds for 2,000 users.
/// </summary>
/// <remarks>
/// <para>The first Read starts the listing; parallel Reads await the same one; later Reads within
/// <see cref="Lifetime"/> (counted from when its last page arrived) answer from it, so a long `up`
/// never acts on an answer much older than that. Counting from the end, not the start, matters when
/// listing a large organisation at 60 requests a minute takes longer than the lifetime: otherwise
/// each Read would find the listing expired and start another.</para>
/// <para>An id the listing does not hold is confirmed with one GET before it is reported gone
/// (the listing may predate its creation, or a page may have shifted under it). An id written
/// through this process since the listing started (<see cref="Invalidate"/>) is read with a GET too.</para>
/// <para>A failed or cancelled listing is never reused. Only for refresh: paths that decide a write
/// or an import read Omni directly.</para>
/// </remarks>
/// <typeparam name="T">A user or a group, as Omni lists it.</typeparam>
internal sealed class RecentListing<T>(TimeProvider time, Func<T, string> idOf) where T : class
{
    /// <summary>Long enough to cover one refresh's burst of Reads, short enough that the next
    /// operation (another `pulumi refresh` or `up`, seconds later at the earliest) sees Omni afresh.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private Task<Dictionary<string, T>>? _listing;
    private long _finishedAt;

    // Ids written since the current listing started: its answer for them may be from before the write.
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    /// <summary>The item as listed recently, or as one GET answers when the listing cannot be trusted for it.</summary>
    /// <param name="listAll">Lists every item; runs once for every caller sharing it, so it must not use one caller's token.</param>
    /// <param name="getOne">One GET of the item; null when Omni has no such item.</param>
    public async Task<T?> GetAsync(string id, Func<IAsyncEnumerable<T>> listAll, Func<Task<T?>> getOne, CancellationToken cancellationToken)
    {
        Task<Dictionary<string, T>> listing;
        lock (_gate)
        {
            if (_written.Contains(id) && IsUsable(_listing))
            {
                listing = Task.FromResult<Dictionary<string, T>>([]);
            }
            else
            {
                listing = CurrentOrNew(listAll);
            }
        }

        var items = await listing.WaitAsync(cancellationToken).ConfigureAwait(false);
        return items.TryGetValue(id, out var listed) ? listed : await getOne().ConfigureAwait(false);
    }

    /// <summary>After a write to the item (or an attempt that may have changed it): the next Read GETs it.</summary>
    public void Invalidate(string id)
    {
        lock (_gate)
        {
            _written.Add(id);
        }
    }

    /// <summary>A write changed items this process cannot name (deleting a user changes every group
    /// they were in), or another client (key or organisation) is now in use: the next Read lists afresh.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _listing = null;
            _written.Clear();
        }
    }

    private Task<Dictionary<string, T>> CurrentOrNew(Func<IAsyncEnumerable<T>> listAll)
    {
        if (IsUsable(_listing))
        {
            return _listing!;
        }

        // Writes that finished before this listing starts are in its answer; later ones invalidate again.
        _written.Clear();
        _listing = IndexAsync(listAll());
        return _listing;
    }

    private async Task<Dictionary<string, T>> IndexAsync(IAsyncEnumerable<T> listing)
    {
        await Task.Yield(); // the caller holds the lock: the first page is fetched after it is released
        var byId = new Dictionary<string, T>(StringComparer.Ordinal);
        await foreach (var item in listing.ConfigureAwait(false))
        {
            byId[idOf(item)] = item;
        }

        lock (_gate)
        {
            _finishedAt = time.GetTimestamp();
        }

        return byId;
    }

    // In flight: shared. Finished: usable for the lifetime after its last page.
    private bool IsUsable(Task<Dictionary<string, T>>? listing) =>
        listing is { IsFaulted: false, IsCanceled: false } && (!listing.IsCompleted || time.GetElapsedTime(_finishedAt) < Lifetime);
}
