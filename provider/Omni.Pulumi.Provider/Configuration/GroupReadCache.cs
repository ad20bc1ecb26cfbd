using Omni.Client;

namespace Omni.Pulumi.Provider.Configuration;

/// <summary>
/// Shares one GET of a group (with all its members) among the Reads of one refresh: the engine
/// refreshes N GroupMemberships of a group at once, and N full GETs of a large group would spend
/// Omni's 60 requests a minute on the same answer (okta#808). Parallel Reads await the same
/// in-flight GET; a later Read within <see cref="Lifetime"/> reuses its answer.
/// </summary>
/// <remarks>
/// Only for refresh. Writes must <see cref="Invalidate"/> the group they touched, and paths that
/// decide a write (Create's "already a member") read Omni directly. A failed or cancelled GET is
/// never reused; "no such group" (null) is, for the lifetime.
/// </remarks>
internal sealed class GroupReadCache(TimeProvider time)
{
    /// <summary>Long enough to cover one refresh's burst of Reads, short enough that the next
    /// operation (another `pulumi refresh` or `up`, seconds later at the earliest) sees Omni afresh.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Task<ScimGroup?> Fetch, long StartedAt)> _entries = new(StringComparer.Ordinal);

    /// <summary>The group's cached or in-flight GET, or a new one started with <paramref name="fetch"/>.</summary>
    /// <param name="fetch">Runs once for every caller sharing it, so it must not use one caller's token.</param>
    public Task<ScimGroup?> GetOrFetch(string groupId, Func<Task<ScimGroup?>> fetch)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (_entries.TryGetValue(groupId, out var entry) && IsUsable(entry, now))
            {
                return entry.Fetch;
            }

            // Expired answers hold whole member lists: drop them rather than keep them for the process.
            foreach (var stale in _entries.Where(e => !IsUsable(e.Value, now)).Select(e => e.Key).ToList())
            {
                _entries.Remove(stale);
            }

            var started = fetch();
            _entries[groupId] = (started, now);
            return started;
        }
    }

    /// <summary>After a write to the group (or an attempt that may have changed it): the next Read GETs it.</summary>
    public void Invalidate(string groupId)
    {
        lock (_gate)
        {
            _entries.Remove(groupId);
        }
    }

    /// <summary>Another client (key or organisation) is now in use: nothing fetched before applies.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    // The lifetime counts from when the GET started, so an answer is never older than that.
    private bool IsUsable((Task<ScimGroup?> Fetch, long StartedAt) entry, long now) =>
        !entry.Fetch.IsFaulted && !entry.Fetch.IsCanceled && time.GetElapsedTime(entry.StartedAt, now) < Lifetime;
}
