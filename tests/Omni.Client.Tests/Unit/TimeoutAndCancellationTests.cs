using System.Net;
using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Unit;

public sealed class TimeoutAndCancellationTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = FakeClock.Create();
    private readonly ScriptedHandler _omni;

    public TimeoutAndCancellationTests() => _omni = new ScriptedHandler(_time);

    [Fact]
    public async Task Each_attempt_is_cut_at_RequestTimeout_and_retried()
    {
        _omni.Hang(HttpMethod.Get).Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.UserJson());
        using var client = TestClients.Create(_omni, _time, TestClients.Options(requestTimeout: TimeSpan.FromSeconds(10)));

        var user = await _time.Drive(client.Users.GetAsync("u-1"));

        Assert.NotNull(user);
        var times = _omni.Requests.Select(r => r.At).ToArray();
        FakeClock.AssertGaps([TimeSpan.FromSeconds(11)], [times[1] - times[0]]); // 10 s timeout + 1 s back-off
    }

    [Fact]
    public async Task Attempts_that_all_time_out_end_in_a_transport_error_without_a_status()
    {
        for (var i = 0; i < 3; i++)
        {
            _omni.Hang(HttpMethod.Get);
        }
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 2, requestTimeout: TimeSpan.FromSeconds(5)));

        var error = await Assert.ThrowsAsync<OmniTransportException>(() => _time.Drive(client.Users.GetAsync("u-1")));

        Assert.Null(error.StatusCode);
        Assert.Equal(3, error.Attempts);
        Assert.Contains("RequestTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_total_timeout_bounds_the_whole_call()
    {
        for (var i = 0; i < 10; i++)
        {
            _omni.Hang(HttpMethod.Get);
        }
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 9, requestTimeout: TimeSpan.FromSeconds(10), totalTimeout: TimeSpan.FromSeconds(25)));
        var started = _time.GetUtcNow();

        var error = await Assert.ThrowsAsync<OmniTransportException>(() => _time.Drive(client.Users.GetAsync("u-1")));

        Assert.Contains("TotalTimeout", error.Message, StringComparison.Ordinal);
        Assert.True(_time.GetUtcNow() - started < TimeSpan.FromSeconds(26), "the fake clock passed the total timeout");
        Assert.True(_omni.Requests.Count < 10);
    }

    [Fact]
    public async Task Cancelling_a_waiting_request_throws_OperationCanceled_not_an_api_error()
    {
        _omni.Hang(HttpMethod.Get);
        using var client = TestClients.Create(_omni, _time);
        using var cts = new CancellationTokenSource();

        var call = client.Users.GetAsync("u-1", cts.Token);
        while (_omni.Requests.Count == 0)
        {
            await Task.Delay(1);
        }
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(_omni.Requests);
    }

    [Fact]
    public async Task Cancelling_during_back_off_stops_retrying()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.ServiceUnavailable).Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.UserJson());
        using var client = TestClients.Create(_omni, _time);
        using var cts = new CancellationTokenSource();

        var call = client.Users.GetAsync("u-1", cts.Token);
        while (_omni.Requests.Count == 0)
        {
            await Task.Delay(1);
        }
        await cts.CancelAsync();
        _time.Advance(TimeSpan.FromMinutes(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(_omni.Requests);
    }
}
