namespace Omni.Emulator.Auth;

/// <summary>
/// Omni's "N requests per minute per API key" as a fixed window per key, opened by the key's first
/// request. Driven by a <see cref="TimeProvider"/> so tests move time instead of waiting.
/// (System.Threading.RateLimiting's limiters keep their own clock, so they cannot be driven that way.)
/// </summary>
public sealed class FixedWindowRateLimiter(TimeProvider timeProvider, int permitsPerWindow, TimeSpan window)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (DateTimeOffset Start, int Used)> windows = new(StringComparer.Ordinal);

    public bool Enabled => permitsPerWindow > 0;

    /// <summary>Takes one permit for <paramref name="keyId"/>; when none is left, says how long until the window ends.</summary>
    public bool TryAcquire(string keyId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!Enabled)
        {
            return true;
        }

        var now = timeProvider.GetUtcNow();
        lock (gate)
        {
            if (!windows.TryGetValue(keyId, out var current) || now >= current.Start + window)
            {
                current = (now, 0);
            }

            if (current.Used >= permitsPerWindow)
            {
                retryAfter = current.Start + window - now;
                return false;
            }

            windows[keyId] = (current.Start, current.Used + 1);
            return true;
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            windows.Clear();
        }
    }
}
