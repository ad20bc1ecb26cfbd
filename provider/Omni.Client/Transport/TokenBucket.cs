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
            var (weak, tokenLimit) = (Ticker)state!;
            if (weak.TryGetTarget(out var limiter))
            {
                Tick(limiter, tokenLimit);
            }
        }, new Ticker(new WeakReference<TokenBucketRateLimiter>(Limiter), shape.TokenLimit), shape.Period, shape.Period);
    }

    public TokenBucketRateLimiter Limiter { get; }

    /// <summary>Adds what the time since the last tick earned.</summary>
    /// <remarks>The limiter skips a full bucket without noting the time, so the first refill after an idle spell
    /// would count the whole spell and refill at once what a burst just took: twice the burst within one period,
    /// more than a window may see. A full bucket gives up one token and takes it back here, so the time is always
    /// noted and a burst after an idle spell is followed by the steady pace. (The limiter's statistics count those
    /// leases too.)</remarks>
    private static void Tick(TokenBucketRateLimiter limiter, int tokenLimit)
    {
        try
        {
            if (limiter.GetStatistics() is { CurrentAvailablePermits: var available } && available >= tokenLimit)
            {
                using var lease = limiter.AttemptAcquire();
            }
            limiter.TryReplenish();
        }
        catch (ObjectDisposedException)
        {
            // Disposed while this tick ran (the timer is stopped first, but a tick may already be under way).
        }
    }

    /// <summary>Stops the refill and fails what is still queued (as disposing the limiter does).</summary>
    public void Dispose()
    {
        _ticks.Dispose();
        Limiter.Dispose();
    }

    private sealed record Ticker(WeakReference<TokenBucketRateLimiter> Limiter, int TokenLimit);
}
