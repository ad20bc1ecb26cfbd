using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace Omni.Client;

/// <summary>
/// One token bucket per Omni organisation and API key. Omni's limit (60 requests a minute per key) is
/// shared by everything that uses the key, so every <see cref="OmniClient"/> built with the same BaseUrl and
/// key draws from the same bucket: a Pulumi run creating hundreds of users in parallel stays under the limit
/// instead of recovering from 429s.
/// </summary>
/// <remarks>
/// <see cref="Shared"/> is the one process-wide default, created lazily and thread-safely: the limit is a
/// process-wide fact, and the provider builds a fresh client per configuration. Tests and hosts that want
/// isolation pass their own registry. The buckets run on real time: System.Threading.RateLimiting has no
/// TimeProvider hook, which is why tests driven by a fake clock set RequestsPerMinute to 0.
/// </remarks>
public sealed class RateLimiterRegistry : IDisposable
{
    private static readonly Lazy<RateLimiterRegistry> Default = new(() => new RateLimiterRegistry(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ConcurrentDictionary<string, Lazy<RateLimiter>> _limiters = new(StringComparer.Ordinal);

    public static RateLimiterRegistry Shared => Default.Value;

    /// <summary>
    /// The bucket for this organisation and key, created on first use with the first caller's rate.
    /// Null when <paramref name="requestsPerMinute"/> is 0 (no client-side limit).
    /// </summary>
    internal RateLimiter? GetOrCreate(Uri apiBase, string apiKey, int requestsPerMinute)
    {
        if (requestsPerMinute <= 0)
        {
            return null;
        }
        // The key is held only as a hash, so the registry never keeps it in plain form.
        var id = apiBase.AbsoluteUri + "|" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        return _limiters.GetOrAdd(id, _ => new Lazy<RateLimiter>(() => CreateBucket(requestsPerMinute))).Value;
    }

    /// <summary>
    /// A small burst B plus a steady refill of (N - B) tokens a minute, one at a time: any 60-second window
    /// then sees at most N requests, which is exactly what Omni counts.
    /// </summary>
    internal static TokenBucketRateLimiter CreateBucket(int requestsPerMinute)
    {
        var burst = Math.Clamp(requestsPerMinute / 20, 1, 10);
        var refillPerMinute = requestsPerMinute > burst ? requestsPerMinute - burst : requestsPerMinute;
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1.0 / refillPerMinute),
            AutoReplenishment = true,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values.Where(l => l.IsValueCreated))
        {
            limiter.Value.Dispose();
        }
        _limiters.Clear();
    }
}
