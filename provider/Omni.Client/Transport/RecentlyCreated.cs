using System.Collections.Concurrent;

namespace Omni.Client.Transport;

/// <summary>
/// Objects this client created in the last few seconds, by path. Omni has been seen to answer 404 to a read right
/// after the create that returned the object; such a 404 is retried briefly. Any other 404 (an object created
/// earlier, or by someone else) is answered at once, so a real deletion is never hidden.
/// </summary>
internal sealed class RecentlyCreated(TimeProvider time)
{
    /// <summary>How long after a create a 404 on reading the object is taken for replication lag.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, long> _createdAt = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When the map is next swept for expired entries (a timestamp of the clock it was given).</summary>
    private long _nextSweep;

    public void Add(string relativePath)
    {
        var now = time.GetTimestamp();
        _createdAt[relativePath] = now;
        // Forget what is past its window, once a window at most (a sweep on every create walked the whole map,
        // thousands of entries in a bulk create), so the map holds at most two windows of creates.
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + (long)(Window.TotalSeconds * time.TimestampFrequency), due) != due)
        {
            return;
        }

        foreach (var (path, at) in _createdAt)
        {
            if (time.GetElapsedTime(at, now) > Window)
            {
                _createdAt.TryRemove(path, out _);
            }
        }
    }

    /// <summary>How many creates are remembered (expired ones included until the next sweep).</summary>
    internal int Count => _createdAt.Count;

    public void Forget(string relativePath) => _createdAt.TryRemove(relativePath, out _);

    /// <summary>The time left in the window for this path, or null when it was not created here a moment ago.</summary>
    public TimeSpan? Remaining(string relativePath) =>
        _createdAt.TryGetValue(relativePath, out var at) && Window - time.GetElapsedTime(at) is var left && left > TimeSpan.Zero
            ? left
            : null;
}
