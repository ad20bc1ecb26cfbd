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
    [InlineData(60, 3, 57)]
    [InlineData(1200, 10, 1190)]
    [InlineData(10, 1, 9)]
    public void The_bucket_never_allows_more_than_the_rate_in_any_minute(int perMinute, int burst, int refillPerMinute)
    {
        using var bucket = RateLimiterRegistry.CreateBucket(perMinute);

        Assert.Equal(burst, bucket.GetStatistics()!.CurrentAvailablePermits);
        Assert.Equal(TimeSpan.FromMinutes(1.0 / refillPerMinute), bucket.ReplenishmentPeriod);
        Assert.Equal(perMinute, burst + refillPerMinute);
    }

    [Fact]
    public async Task Every_attempt_including_retries_takes_a_token()
    {
        var time = FakeClock.Create();
        var omni = new ScriptedHandler(time)
            .Respond(HttpMethod.Get, HttpStatusCode.ServiceUnavailable)
            .Respond(HttpMethod.Get, HttpStatusCode.TooManyRequests)
            .Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.UserJson());
        using var registry = new RateLimiterRegistry();
        var options = new OmniClientOptions { BaseUrl = "https://acme.omniapp.co", ApiKey = "k", RequestsPerMinute = 6000 };
        using var client = new OmniClient(omni.CreateClient(), options, null, time, registry, () => 1.0);

        await time.Drive(client.Users.GetAsync("u-1"));

        Assert.Equal(3, client.Transport.Limiter!.GetStatistics()!.TotalSuccessfulLeases);
    }
}
