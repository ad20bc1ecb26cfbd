using System.Net;
using System.Net.Http.Headers;
using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Unit;

public sealed class RetryTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = FakeClock.Create();
    private readonly ScriptedHandler _omni;

    public RetryTests() => _omni = new ScriptedHandler(_time);

    private TimeSpan[] Gaps(HttpMethod method)
    {
        var times = _omni.Of(method).Select(r => r.At).ToArray();
        return times.Zip(times.Skip(1), (a, b) => b - a).ToArray();
    }

    [Fact]
    public async Task Get_retries_5xx_with_exponential_backoff_then_returns_the_user()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.ServiceUnavailable)
            .Respond(HttpMethod.Get, HttpStatusCode.BadGateway)
            .Respond(HttpMethod.Get, HttpStatusCode.InternalServerError)
            .Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.UserJson());
        using var client = TestClients.Create(_omni, _time);

        var user = await _time.Drive(client.Users.GetAsync("u-1"));

        Assert.Equal("alice@example.com", user!.UserName);
        FakeClock.AssertGaps([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], Gaps(HttpMethod.Get));
    }

    [Fact]
    public async Task Jitter_keeps_each_delay_between_half_and_the_full_backoff()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.ServiceUnavailable)
            .Respond(HttpMethod.Get, HttpStatusCode.ServiceUnavailable)
            .Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.UserJson());
        using var client = TestClients.Create(_omni, _time, jitter: 0.0);

        await _time.Drive(client.Users.GetAsync("u-1"));

        FakeClock.AssertGaps([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)], Gaps(HttpMethod.Get));
    }

    [Fact]
    public async Task Patch_and_delete_are_retried_on_transient_failures()
    {
        _omni.Respond(HttpMethod.Patch, HttpStatusCode.GatewayTimeout).Respond(HttpMethod.Patch, HttpStatusCode.OK, TestClients.UserJson())
            .Throw(HttpMethod.Delete, new HttpRequestException(HttpRequestError.ConnectionError, "connection reset")).Respond(HttpMethod.Delete, HttpStatusCode.NoContent);
        using var client = TestClients.Create(_omni, _time);

        await _time.Drive(client.Users.PatchAsync("u-1", new ScimUserPatch().SetActive(false)));
        await _time.Drive(client.Users.DeleteAsync("u-1"));

        Assert.Equal(2, _omni.Of(HttpMethod.Patch).Count());
        Assert.Equal(2, _omni.Of(HttpMethod.Delete).Count());
    }

    [Fact]
    public async Task Gives_up_after_MaxRetries_with_the_last_status()
    {
        for (var i = 0; i < 4; i++)
        {
            _omni.Respond(HttpMethod.Get, HttpStatusCode.ServiceUnavailable, """{"error":"503","message":"down for maintenance"}""");
        }
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 3));

        var error = await Assert.ThrowsAsync<OmniApiException>(() => _time.Drive(client.Users.GetAsync("u-1")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("down for maintenance", error.OmniMessage);
        Assert.Equal(4, _omni.Requests.Count);
    }

    [Fact]
    public async Task Too_many_429s_say_how_many_retries_were_spent_and_what_to_lower()
    {
        for (var i = 0; i < 3; i++)
        {
            _omni.Respond(HttpMethod.Get, HttpStatusCode.TooManyRequests);
        }
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 2));

        var error = await Assert.ThrowsAsync<OmniRateLimitedException>(() => _time.Drive(client.Users.GetAsync("u-1")));

        Assert.Equal(2, error.RetriesSpent);
        Assert.Contains("after 2 retries", error.Message, StringComparison.Ordinal);
        Assert.Contains("requestsPerMinute", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_without_Retry_After_waits_long_enough_to_outlast_omnis_60_second_window()
    {
        // Another tool sharing the key may have filled Omni's window: 1+2+4+8+16 s of back-off would give up
        // after 31 s, inside the same window. The waits grow from a 5 s floor and together span 60 s.
        for (var i = 0; i < 5; i++)
        {
            _omni.Respond(HttpMethod.Get, HttpStatusCode.TooManyRequests);
        }
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.UserJson());
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 5));

        await _time.Drive(client.Users.GetAsync("u-1"));

        var gaps = Gaps(HttpMethod.Get);
        FakeClock.AssertGaps(
            [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(60_000.0 * 4 / 31),
             TimeSpan.FromMilliseconds(60_000.0 * 8 / 31), TimeSpan.FromMilliseconds(60_000.0 * 16 / 31)],
            gaps);
        Assert.True(gaps.Aggregate(TimeSpan.Zero, (sum, gap) => sum + gap) >= TimeSpan.FromSeconds(60));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(12)]
    public void The_429_floor_spans_a_minute_for_any_number_of_retries(int maxRetries)
    {
        var total = Enumerable.Range(0, maxRetries).Aggregate(TimeSpan.Zero, (sum, n) => sum + Transport.RetryRules.RateLimitFloor(n, maxRetries));

        Assert.InRange(total, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60 + (5 * maxRetries)));
    }

    [Fact]
    public async Task A_429_floor_does_not_apply_to_other_failures()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.ServiceUnavailable).Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.UserJson());
        using var client = TestClients.Create(_omni, _time);

        await _time.Drive(client.Users.GetAsync("u-1"));

        FakeClock.AssertGaps([TimeSpan.FromSeconds(1)], Gaps(HttpMethod.Get));
    }

    [Fact]
    public async Task Retry_after_in_seconds_is_honoured()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.TooManyRequests, null, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            .Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.UserJson());
        using var client = TestClients.Create(_omni, _time);

        await _time.Drive(client.Users.GetAsync("u-1"));

        FakeClock.AssertGaps([TimeSpan.FromSeconds(7)], Gaps(HttpMethod.Get));
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_honoured()
    {
        _omni.On(HttpMethod.Get, (_, _) =>
            {
                var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
                response.Headers.RetryAfter = new RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(12));
                return Task.FromResult(response);
            })
            .Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.UserJson());
        using var client = TestClients.Create(_omni, _time);

        await _time.Drive(client.Users.GetAsync("u-1"));

        // An HTTP date has whole-second resolution, so the wait is 12 s minus the sub-second part of "now".
        Assert.InRange(Assert.Single(Gaps(HttpMethod.Get)), TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(12.3));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Conflict)]
    public async Task Client_errors_are_not_retried(HttpStatusCode status)
    {
        _omni.Respond(HttpMethod.Get, status, """{"message":"no"}""");
        using var client = TestClients.Create(_omni, _time);

        var error = await Assert.ThrowsAnyAsync<OmniApiException>(() => _time.Drive(client.Users.GetAsync("u-1")));

        Assert.Equal(status, error.StatusCode);
        Assert.Single(_omni.Requests);
    }
}
