using System.Threading.RateLimiting;

namespace Omni.Client;

/// <summary>
/// A token bucket whose refill follows the clock, not the count of timer ticks. TokenBucketRateLimiter's own
/// replenishment adds a fixed number of tokens per tick, so each tick that fires late (a busy machine, a timer
/// thread woken late) is rate lost for good: a client held 10–20% below the rate it was given (make bench,
/// rate-limited-roster). Replenished from here instead, the limiter adds what the time elapsed since the last
/// refill has earned, so a late tick catches up and the rate holds, while a window still sees no more than
/// <see cref="RateLimiterRegistry.BucketShape.MostIn"/>.
/// </summary>
/// <remarks>
/// The timer rests while the bucket is full and no request waits: at a high rate it would otherwise wake a thread
/// every 10 ms for nothing, for as long as the process lives (2% of a core for an idle plugin at 6,000 a minute).
/// The next request starts it again. Requests must therefore go through this limiter, not <see cref="Limiter"/>.
/// </remarks>
internal sealed class TokenBucket : RateLimiter
{
    private readonly Lock _gate = new();
    private readonly Timer _ticks;
    private readonly TimeSpan _period;
    private readonly int _tokenLimit;
    private bool _ticking = true;

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
        _period = shape.Period;
        _tokenLimit = shape.TokenLimit;
        // The timer holds the bucket weakly: a bucket its owner forgot to dispose is collected, and its timer with it.
        _ticks = new Timer(static state =>
        {
            if (((WeakReference<TokenBucket>)state!).TryGetTarget(out var bucket))
            {
                bucket.Tick();
            }
        }, new WeakReference<TokenBucket>(this), _period, _period);
    }

    /// <summary>The limiter inside: its shape and statistics. Acquire through the bucket, which wakes a resting refill.</summary>
    public TokenBucketRateLimiter Limiter { get; }

    /// <summary>Whether the refill timer runs (it rests while the bucket is full and nobody waits).</summary>
    internal bool IsTicking
    {
        get
        {
            lock (_gate)
            {
                return _ticking;
            }
        }
    }

    public override TimeSpan? IdleDuration => Limiter.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => Limiter.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Wake();
        return Limiter.AttemptAcquire(permitCount);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Wake();
        var acquiring = Limiter.AcquireAsync(permitCount, cancellationToken);
        if (!acquiring.IsCompleted)
        {
            // Queued. A tick that found the bucket full before this request took the last tokens may have put the
            // timer to rest since the Wake above; the request would then wait for a refill that never comes.
            Wake();
        }

        return await acquiring.ConfigureAwait(false);
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (!_ticking)
            {
                return; // a tick already on its way when the timer was put to rest
            }

            try
            {
                Refill();
                if (Limiter.GetStatistics() is { CurrentAvailablePermits: var available, CurrentQueuedCount: 0 } && available >= _tokenLimit)
                {
                    _ticks.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    _ticking = false;
                }
            }
            catch (ObjectDisposedException)
            {
                // Disposed while this tick ran (the timer is stopped first, but a tick may already be under way).
            }
        }
    }

    private void Wake()
    {
        lock (_gate)
        {
            if (_ticking)
            {
                return;
            }

            try
            {
                Refill(); // notes the time, so the resting spell is not counted as refill
            }
            catch (ObjectDisposedException)
            {
                return; // the acquire that follows fails as the disposed limiter does
            }

            _ticks.Change(_period, _period);
            _ticking = true;
        }
    }

    /// <summary>Adds what the time since the last refill earned.</summary>
    /// <remarks>The limiter skips a full bucket without noting the time, so the first refill after a full spell would
    /// count the whole spell and refill at once what a burst just took: twice the burst within one period, more than
    /// a window may see. A full bucket gives up one token and takes it back here, so the time is always noted and a
    /// burst after an idle spell is followed by the steady pace. (The limiter's statistics count those leases too.)</remarks>
    private void Refill()
    {
        if (Limiter.GetStatistics() is { CurrentAvailablePermits: var available } && available >= _tokenLimit)
        {
            using var lease = Limiter.AttemptAcquire();
        }

        Limiter.TryReplenish();
    }

    /// <summary>Stops the refill and fails what is still queued (as disposing the limiter does).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ticks.Dispose();
            Limiter.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        return default;
    }
}
