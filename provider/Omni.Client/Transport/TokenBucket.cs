using System.Threading.RateLimiting;

namespace Omni.Client;

/// <summary>
/// A token bucket whose refill follows the clock, not the count of timer ticks. TokenBucketRateLimiter's own
/// replenishment adds a fixed number of tokens per tick, so each tick that fires late (a busy machine, a timer
/// thread woken late) is rate lost for good: a client held 10–20% below the rate it was given (make bench,
/// rate-limited-roster). Replenished from here instead, the limiter adds what the time elapsed since the last
/// tick has earned, so a late tick catches up and the rate holds, while a window still sees no more than
/// <see cref="RateLimiterRegistry.BucketShape.MostIn"/>.
/// </summary>
internal sealed class TokenBucket : IDisposable
{
    private readonly Timer _ticks;

    public TokenBucket(RateLimiterRegistry.BucketShape shape)
    {
        Limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = shape.TokenLimit,
            TokensPerPeriod = shape.TokensPerPeriod,
            ReplenishmentPeriod = shape.Period,
            AutoReplenishment = false,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        // The timer holds the limiter weakly: a bucket its owner forgot to dispose is collected, and its timer with it.
        _ticks = new Timer(static state =>
        {
            if (((WeakReference<TokenBucketRateLimiter>)state!).TryGetTarget(out var limiter))
            {
                limiter.TryReplenish();
            }
        }, new WeakReference<TokenBucketRateLimiter>(Limiter), shape.Period, shape.Period);
    }

    public TokenBucketRateLimiter Limiter { get; }

    /// <summary>Stops the refill and fails what is still queued (as disposing the limiter does).</summary>
    public void Dispose()
    {
        _ticks.Dispose();
        Limiter.Dispose();
    }
}
