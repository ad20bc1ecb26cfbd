using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace Omni.Client;

/// <summary>
/// One token bucket per Omni organisation and API key. Omni's limit (60 requests a minute per key) is
/// shared by everything that uses the key, so every <see cref="OmniClient"/> built with the same registry,
/// BaseUrl and key draws from the same bucket: a program creating hundreds of users in parallel stays under
/// the limit instead of recovering from 429s.
/// </summary>
/// <remarks>
/// <para>Ownership: whoever creates a registry disposes it, after the clients that use it. A client built
/// without one creates a private registry and disposes it with itself. A host passes one registry it
/// owns for the whole process, so every client it builds shares the bucket.</para>
/// <para>Rates: when a client asks for a different RequestsPerMinute than the bucket of its key has, the bucket
/// is re-created at the new rate and every client of that key uses the new bucket from its next request on
/// (the latest configuration wins; requests already queued on the old bucket are still served by it).</para>
/// <para>After <see cref="Dispose"/>, a client that still uses the registry gets an
/// <see cref="ObjectDisposedException"/> saying so, instead of waiting forever or bypassing the limit.</para>
/// <para>The buckets run on real time: System.Threading.RateLimiting has no TimeProvider hook, which is why
/// tests driven by a fake clock set RequestsPerMinute to 0.</para>
/// </remarks>
public sealed class RateLimiterRegistry : IDisposable
{
    /// <summary>The span Omni counts its per-key limit over.</summary>
    internal static readonly TimeSpan OmniWindow = TimeSpan.FromMinutes(1);

    internal const string DisposedMessage =
        "The RateLimiterRegistry of this OmniClient was disposed while the client was still in use; " +
        "dispose every client before the registry passed to it (its owner must outlive them).";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly List<TokenBucket> _replaced = [];
    private readonly TimeSpan _window;
    private bool _disposed;

    public RateLimiterRegistry()
        : this(OmniWindow)
    {
    }

    /// <summary>A registry whose buckets count over <paramref name="window"/> instead of a minute (for tests against a sped-up emulator).</summary>
    internal RateLimiterRegistry(TimeSpan window) => _window = window;

    /// <summary>The registry key for an organisation and API key; the API key is held only as a hash.</summary>
    internal static string KeyOf(Uri apiBase, string apiKey) =>
        apiBase.AbsoluteUri + "|" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    /// <summary>
    /// Makes sure the bucket for <paramref name="key"/> runs at <paramref name="requestsPerMinute"/>, creating or
    /// re-creating it. Does nothing when the rate is 0 (no client-side limit).
    /// </summary>
    internal void Register(string key, int requestsPerMinute)
    {
        if (requestsPerMinute <= 0)
        {
            return;
        }
        lock (_gate)
        {
            ThrowIfDisposed();
            if (_buckets.TryGetValue(key, out var current))
            {
                if (current.RequestsPerMinute == requestsPerMinute)
                {
                    return;
                }
                // Not disposed yet: requests queued on it would fail. It goes when the registry goes.
                _replaced.Add(current.Tokens);
            }
            _buckets[key] = new Bucket(requestsPerMinute, CreateBucket(requestsPerMinute, _window));
        }
    }

    /// <summary>The bucket currently in force for <paramref name="key"/>, or null when none was registered.</summary>
    /// <exception cref="ObjectDisposedException">The registry was disposed.</exception>
    internal RateLimiter? Current(string key)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return _buckets.TryGetValue(key, out var bucket) ? bucket.Tokens : null;
        }
    }

    /// <summary>
    /// A small burst B plus a steady refill of N - B - 1 - J tokens per window (at least 1). Any span of one window
    /// then sees at most N - J tokens (one refill can fall on both edges of the span, hence the 1), and J covers
    /// requests that reach Omni up to <see cref="BucketShape.ArrivalJitter"/> after their token: Omni counts
    /// arrivals, so a client at Omni's own rate still never meets a 429.
    /// </summary>
    internal static TokenBucket CreateBucket(int requestsPerMinute, TimeSpan? window = null) =>
        new(BucketShape.For(requestsPerMinute, window ?? OmniWindow));

    /// <summary>The numbers behind a bucket. The replenishment timer counts whole milliseconds (a shorter period
    /// truncates to 0 and the bucket never refills), so the period is at least <see cref="MinimumPeriod"/> and
    /// rounded up, never down: a high rate refills several tokens per tick instead, and no rate runs faster
    /// than asked.</summary>
    internal readonly record struct BucketShape(int TokenLimit, int TokensPerPeriod, TimeSpan Period)
    {
        internal static readonly TimeSpan MinimumPeriod = TimeSpan.FromMilliseconds(10);

        /// <summary>How much later than its token a request may reach Omni (a thread woken late, a slow network): the
        /// requests Omni counts in one window were given their tokens over a span this much longer. One token at
        /// Omni's 60 a minute; it matters at high rates and in sped-up tests (make bench, rate-limited-roster).</summary>
        internal static readonly TimeSpan ArrivalJitter = TimeSpan.FromMilliseconds(100);

        public static BucketShape For(int requestsPerMinute, TimeSpan window)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerMinute, 1);
            var burst = Math.Clamp(requestsPerMinute / 20, 1, 10);
            var perPeriod = Math.Max(1, (int)Math.Ceiling(requestsPerMinute * (MinimumPeriod / window)));
            var tokenLimit = Math.Max(burst, perPeriod);
            var jitterTokens = (int)Math.Ceiling(requestsPerMinute * (ArrivalJitter / window));
            var refillPerWindow = Math.Max(1, requestsPerMinute - tokenLimit - perPeriod - jitterTokens);
            var period = TimeSpan.FromMilliseconds(Math.Ceiling((window * perPeriod / refillPerWindow).TotalMilliseconds));
            return new BucketShape(tokenLimit, perPeriod, period);
        }

        /// <summary>The most tokens any span of <paramref name="window"/> can hand out: a full bucket, then every
        /// refill in the span, counting one that falls on both of its edges.</summary>
        public long MostIn(TimeSpan window) => TokenLimit + ((long)Math.Floor(window / Period) + 1) * TokensPerPeriod;
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(RateLimiterRegistry), DisposedMessage);
        }
    }

    /// <summary>Disposes every bucket; requests still queued on one fail with an <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        List<TokenBucket> buckets;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            buckets = [.. _buckets.Values.Select(b => b.Tokens), .. _replaced];
            _buckets.Clear();
            _replaced.Clear();
        }
        foreach (var bucket in buckets)
        {
            bucket.Dispose();
        }
    }

    private sealed record Bucket(int RequestsPerMinute, TokenBucket Tokens);
}
