using System.Net;
using System.Threading.RateLimiting;
using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Unit;

public sealed class RateLimiterTests
{
    private static OmniClientOptions Options(string key, int perMinute, string baseUrl = "https://acme.omniapp.co") =>
        new() { BaseUrl = baseUrl, ApiKey = key, RequestsPerMinute = perMinute };

    [Fact]
    public void Clients_of_the_same_organisation_and_key_share_one_bucket()
    {
        using var registry = new RateLimiterRegistry();
        using var first = new OmniClient(Options("key-1", 60), rateLimiters: registry);
        using var second = new OmniClient(Options("key-1", 60, "https://acme.omniapp.co/api/"), rateLimiters: registry);
        using var otherKey = new OmniClient(Options("key-2", 60), rateLimiters: registry);
        using var otherOrg = new OmniClient(Options("key-1", 60, "https://beta.omniapp.co"), rateLimiters: registry);
        using var unlimited = new OmniClient(Options("key-1", 0), rateLimiters: registry);

        Assert.NotNull(first.Transport.Limiter);
        Assert.Same(first.Transport.Limiter, second.Transport.Limiter);
        Assert.NotSame(first.Transport.Limiter, otherKey.Transport.Limiter);
        Assert.NotSame(first.Transport.Limiter, otherOrg.Transport.Limiter);
        Assert.Null(unlimited.Transport.Limiter);
    }

    [Theory]
    [InlineData(60, 3, 55)]
    [InlineData(1200, 10, 1187)]
    [InlineData(10, 1, 7)]
    public void The_refill_leaves_a_margin_below_the_rate_for_the_edges_and_late_arrivals(int perMinute, int burst, int refillPerWindow)
    {
        // A refill can fall on both edges of a window (1 token), and requests reach Omni up to ArrivalJitter after their
        // token (1 token at 60 or 10 a minute, 2 at 1200): a window sees burst + refill + 1 + that at most.
        using var bucket = RateLimiterRegistry.CreateBucket(perMinute);
        var shape = RateLimiterRegistry.BucketShape.For(perMinute, TimeSpan.FromMinutes(1));

        Assert.Equal(burst, bucket.Limiter.GetStatistics()!.CurrentAvailablePermits);
        Assert.Equal(shape.Period, bucket.Limiter.ReplenishmentPeriod);
        // The period is the window over the refill, rounded up to the timer's whole milliseconds.
        Assert.Equal(Math.Ceiling((TimeSpan.FromMinutes(1) / refillPerWindow).TotalMilliseconds), shape.Period.TotalMilliseconds);
        var late = (int)Math.Ceiling(perMinute * (RateLimiterRegistry.BucketShape.ArrivalJitter / TimeSpan.FromMinutes(1)));
        Assert.True(burst + refillPerWindow + 1 + late <= perMinute, "a window could see more than the rate");
    }

    [Theory]
    [InlineData(3, 60)]
    [InlineData(60, 60)]
    [InlineData(60, 2)]
    [InlineData(500, 60)]
    [InlineData(1200, 2)]
    [InlineData(6_000, 60)]
    [InlineData(100_000, 60)]
    [InlineData(1_000_000, 60)]
    [InlineData(1_000_000, 2)]
    public void Every_rate_gets_a_bucket_the_timer_can_run_that_never_exceeds_the_rate(int perMinute, int windowSeconds)
    {
        var window = TimeSpan.FromSeconds(windowSeconds);
        var shape = RateLimiterRegistry.BucketShape.For(perMinute, window);

        // The replenishment timer counts whole milliseconds: a shorter period would never refill at all.
        Assert.True(shape.Period >= RateLimiterRegistry.BucketShape.MinimumPeriod, $"period {shape.Period} is below the timer's floor");
        Assert.Equal(Math.Floor(shape.Period.TotalMilliseconds), shape.Period.TotalMilliseconds);
        Assert.True(shape.TokenLimit >= shape.TokensPerPeriod, "a refill larger than the bucket would be lost");
        // Omni counts arrivals: the tokens of one window's arrivals were handed out over a span ArrivalJitter longer.
        var span = window + RateLimiterRegistry.BucketShape.ArrivalJitter;
        Assert.True(shape.MostIn(span) <= perMinute, $"a window could see {shape.MostIn(span)} requests, over {perMinute}");
        // ...and it is not needlessly slow: at least 80% of the rate at steady state for rates worth a burst.
        var steady = (window / shape.Period) * shape.TokensPerPeriod;
        Assert.True(perMinute < 60 || steady >= 0.8 * perMinute, $"steady rate {steady:0} is far below {perMinute}");
    }

    [Fact]
    public async Task A_very_high_rate_still_refills()
    {
        // 120,000 a minute is a refill every half millisecond, which the timer would truncate to never.
        using var bucket = RateLimiterRegistry.CreateBucket(120_000);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        for (var i = 0; i < 300; i++)
        {
            using var lease = await bucket.AcquireAsync(1, deadline.Token);
            Assert.True(lease.IsAcquired);
        }
    }

    [Fact]
    public async Task The_bucket_is_refilled_by_its_own_clock_driven_ticks()
    {
        // Not the limiter's auto-replenishment, which adds a fixed count per tick and loses the rate of every late
        // tick (make bench, rate-limited-roster): each tick here asks the limiter to add what the elapsed time earned.
        // 60 a second: a tick every 20 ms.
        using var bucket = RateLimiterRegistry.CreateBucket(60, TimeSpan.FromSeconds(1));
        Assert.False(bucket.Limiter.IsAutoReplenishing);
        while (bucket.AttemptAcquire().IsAcquired)
        {
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var lease = await bucket.AcquireAsync(1, deadline.Token);
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task After_an_idle_spell_a_burst_is_followed_by_the_steady_pace_not_a_second_burst()
    {
        // 200 per 100 s: a burst of 10, then a token every 532 ms. The limiter, replenished by hand, skips a full
        // bucket without noting the time; counted from there, the first refill after the burst would be the whole
        // idle spell (here ~5 tokens at once; up to the burst of 10 after a longer one). The bucket notes the time
        // before its timer rests and again when a request wakes it.
        using var bucket = RateLimiterRegistry.CreateBucket(200, TimeSpan.FromSeconds(100));
        var period = bucket.Limiter.ReplenishmentPeriod;
        await Task.Delay(period * 4.5); // idle and full: the timer rests after its first tick

        var burst = 0;
        while (bucket.AttemptAcquire().IsAcquired)
        {
            burst++;
        }
        await Task.Delay(period * 1.2); // one tick (two if the machine is slow)

        Assert.InRange(burst, 9, 10); // 9 when a tick has just taken its token and not yet put it back
        var refilled = bucket.GetStatistics()!.CurrentAvailablePermits;
        Assert.True(refilled <= 3, $"{refilled} tokens a period after the burst: the idle spell was counted as refill");
    }

    [Fact]
    public async Task A_full_bucket_rests_its_timer_until_the_next_request_wakes_it()
    {
        // 60 a second: a tick every 20 ms, a burst of 3.
        using var bucket = RateLimiterRegistry.CreateBucket(60, TimeSpan.FromSeconds(1));
        var period = bucket.Limiter.ReplenishmentPeriod;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (bucket.IsTicking)
        {
            await Task.Delay(period, deadline.Token); // full and nobody waits: the first tick puts the timer to rest
        }

        await Task.Delay(period * 5, deadline.Token);
        Assert.False(bucket.IsTicking, "a resting timer started again with nobody asking");
        Assert.Equal(3, bucket.GetStatistics()!.CurrentAvailablePermits);

        // The burst, then requests that must queue for the refill: the first request woke the timer.
        for (var i = 0; i < 8; i++)
        {
            using var lease = await bucket.AcquireAsync(1, deadline.Token);
            Assert.True(lease.IsAcquired);
        }
        Assert.True(bucket.IsTicking);
    }

    [Fact]
    public async Task A_request_queued_as_the_timer_goes_to_rest_still_gets_its_token()
    {
        // A stress test: many requests at once on a bucket whose timer has just come to rest, twenty times. A request
        // that queues while the timer goes to rest must still be refilled (TokenBucket wakes it again after queuing).
        using var bucket = RateLimiterRegistry.CreateBucket(600, TimeSpan.FromSeconds(1));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        for (var round = 0; round < 20; round++)
        {
            while (bucket.IsTicking)
            {
                await Task.Delay(5, deadline.Token);
            }

            var requests = Enumerable.Range(0, 40).Select(_ => Task.Run(async () =>
            {
                using var lease = await bucket.AcquireAsync(1, deadline.Token);
                return lease.IsAcquired;
            })).ToList();
            Assert.All(await Task.WhenAll(requests), Assert.True);
        }
    }

    [Fact]
    public async Task The_bucket_hands_out_its_burst_at_once_and_queues_the_next_request()
    {
        // A window of an hour, so no refill arrives while the test looks.
        using var bucket = RateLimiterRegistry.CreateBucket(60, TimeSpan.FromHours(1));

        var burst = Enumerable.Range(0, 3).Select(_ => bucket.AttemptAcquire()).ToList();
        var next = bucket.AcquireAsync().AsTask();

        Assert.All(burst, lease => Assert.True(lease.IsAcquired));
        Assert.False(bucket.AttemptAcquire().IsAcquired);
        Assert.False(next.IsCompleted);
        var statistics = bucket.GetStatistics()!;
        Assert.Equal(0, statistics.CurrentAvailablePermits);
        Assert.Equal(1, statistics.CurrentQueuedCount);
        Assert.Equal(3, statistics.TotalSuccessfulLeases);

        bucket.Dispose();
        Assert.False((await next).IsAcquired); // a disposed bucket fails its queue instead of leaving it hanging
    }

    [Fact]
    public void A_client_without_a_registry_has_a_private_bucket_that_it_disposes()
    {
        using var first = new OmniClient(Options("key-1", 60));
        var second = new OmniClient(Options("key-1", 60));
        var secondBucket = second.Transport.Limiter!;

        Assert.NotSame(first.Transport.Limiter, secondBucket);
        second.Dispose();
        Assert.Throws<ObjectDisposedException>(() => secondBucket.AttemptAcquire());
        Assert.True(first.Transport.Limiter!.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public void A_later_client_asking_another_rate_recreates_the_bucket_for_every_client_of_the_key()
    {
        using var registry = new RateLimiterRegistry();
        using var first = new OmniClient(Options("key-1", 60), rateLimiters: registry);
        var original = first.Transport.Limiter;
        using var second = new OmniClient(Options("key-1", 120), rateLimiters: registry);

        Assert.NotSame(original, first.Transport.Limiter);
        Assert.Same(second.Transport.Limiter, first.Transport.Limiter);
        Assert.Equal(RateLimiterRegistry.BucketShape.For(120, TimeSpan.FromMinutes(1)).Period, ((TokenBucket)first.Transport.Limiter!).Limiter.ReplenishmentPeriod);
        Assert.True(original!.AttemptAcquire().IsAcquired); // the old bucket still serves what was queued on it
    }

    [Fact]
    public async Task Disposing_the_registry_under_a_client_fails_its_calls_with_the_ownership_rule()
    {
        var omni = new ScriptedHandler(TimeProvider.System)
            .Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.UserJson())
            .Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.UserJson());
        var registry = new RateLimiterRegistry(TimeSpan.FromHours(1));
        using var client = new OmniClient(omni.CreateClient(), Options("key-1", 1), rateLimiters: registry);

        await client.Users.GetAsync("u-1"); // takes the only token
        var queued = client.Users.GetAsync("u-2");
        while (client.Transport.Limiter!.GetStatistics()!.CurrentQueuedCount == 0)
        {
            await Task.Delay(1);
        }
        registry.Dispose();

        var whileQueued = await Assert.ThrowsAsync<ObjectDisposedException>(() => queued);
        var afterwards = await Assert.ThrowsAsync<ObjectDisposedException>(() => client.Users.GetAsync("u-3"));
        Assert.Contains("dispose every client before the registry", whileQueued.Message, StringComparison.Ordinal);
        Assert.Contains("dispose every client before the registry", afterwards.Message, StringComparison.Ordinal);
        Assert.Single(omni.Requests);
    }

    [Fact]
    public async Task A_request_that_times_out_waiting_for_a_token_was_never_sent_and_says_so()
    {
        var time = FakeClock.Create();
        var omni = new ScriptedHandler(time).Respond(HttpMethod.Post, HttpStatusCode.Created, TestClients.UserJson());
        using var registry = new RateLimiterRegistry(TimeSpan.FromHours(1));
        var options = new OmniClientOptions
        {
            BaseUrl = "https://acme.omniapp.co", ApiKey = "k", RequestsPerMinute = 1, RequestTimeout = TimeSpan.FromSeconds(5), TotalTimeout = TimeSpan.FromSeconds(10),
        };
        using var client = new OmniClient(omni.CreateClient(), options, null, time, registry, () => 1.0);
        await time.Drive(client.Users.CreateAsync(new ScimUserCreate("alice@example.com", "Alice"))); // takes the only token

        var error = await Assert.ThrowsAsync<OmniTransportException>(() => time.Drive(client.Users.CreateAsync(new ScimUserCreate("bob@example.com", "Bob"))));

        Assert.Matches(@"waited 10(\.\d)? s for the client-side rate limit \(requestsPerMinute=1\)", error.Message);
        Assert.Contains("nothing was sent", error.Message, StringComparison.Ordinal);
        Assert.Contains("raise TotalTimeout (it covers the wait for the rate limit) or lower parallelism", error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("RequestTimeout", error.Message, StringComparison.Ordinal);
        Assert.False(error.MayHaveBeenApplied);
        Assert.Single(omni.Of(HttpMethod.Post)); // only Alice's
        Assert.Empty(omni.Of(HttpMethod.Get)); // nothing to look up: the POST never left
    }

    [Fact]
    public async Task Every_attempt_including_retries_takes_a_token()
    {
        var time = FakeClock.Create();
        var omni = new ScriptedHandler(time)
            .Respond(HttpMethod.Get, HttpStatusCode.ServiceUnavailable)
            .Respond(HttpMethod.Get, HttpStatusCode.TooManyRequests)
            .Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.UserJson());
        // A burst of 3 and a window of an hour: no refill tick while the test runs (a tick on a full bucket takes a
        // token too, see TokenBucket), so the leases counted are the attempts'.
        using var registry = new RateLimiterRegistry(TimeSpan.FromHours(1));
        var options = new OmniClientOptions { BaseUrl = "https://acme.omniapp.co", ApiKey = "k", RequestsPerMinute = 60 };
        using var client = new OmniClient(omni.CreateClient(), options, null, time, registry, () => 1.0);

        await time.Drive(client.Users.GetAsync("u-1"));

        Assert.Equal(3, client.Transport.Limiter!.GetStatistics()!.TotalSuccessfulLeases);
    }
}
