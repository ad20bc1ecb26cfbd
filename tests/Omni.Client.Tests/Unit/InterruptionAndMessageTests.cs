using System.Net;
using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Unit;

/// <summary>
/// Cancel awaits a write already on the wire and starts nothing new; messages count what was really sent; Omni's
/// maintenance 503 is retried for every method; repeated 500s are capped; a 404 right after a create is retried.
/// </summary>
public sealed class InterruptionAndMessageTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = FakeClock.Create();
    private readonly ScriptedHandler _omni;
    private static readonly ScimUserCreate Alice = new("alice@example.com", "Alice");

    public InterruptionAndMessageTests() => _omni = new ScriptedHandler(_time);

    private static string Nobody => TestClients.ListJson(0, 1);

    /// <summary>Answers once <paramref name="release"/> completes, whatever the request's own token says.</summary>
    private ScriptedHandler AnswerWhenReleased(HttpMethod method, Task release, HttpStatusCode status, string json) =>
        _omni.On(method, async (_, _) =>
        {
            await release;
            return new HttpResponseMessage(status) { Content = new StringContent(json) };
        });

    private async Task WaitForRequests(int count)
    {
        while (_omni.Requests.Count < count)
        {
            await Task.Delay(1);
        }
    }

    [Fact]
    public async Task A_create_already_sent_when_the_caller_cancels_is_awaited_and_its_user_returned()
    {
        var release = new TaskCompletionSource();
        AnswerWhenReleased(HttpMethod.Post, release.Task, HttpStatusCode.Created, TestClients.UserJson("u-created"));
        using var client = TestClients.Create(_omni, _time);
        using var cts = new CancellationTokenSource();

        var call = client.Users.CreateAsync(Alice, cts.Token);
        await WaitForRequests(1);
        await cts.CancelAsync();
        release.SetResult();

        Assert.Equal("u-created", (await call).Id);
        Assert.Single(_omni.Requests);
    }

    [Fact]
    public async Task A_patch_already_sent_when_the_caller_cancels_returns_omnis_answer()
    {
        var release = new TaskCompletionSource();
        AnswerWhenReleased(HttpMethod.Patch, release.Task, HttpStatusCode.OK, TestClients.UserJson("u-1", displayName: "Renamed"));
        using var client = TestClients.Create(_omni, _time);
        using var cts = new CancellationTokenSource();

        var call = client.Users.PatchAsync("u-1", new ScimUserPatch().SetDisplayName("Renamed"), cts.Token);
        await WaitForRequests(1);
        await cts.CancelAsync();
        release.SetResult();

        Assert.Equal("Renamed", (await call).DisplayName);
    }

    [Fact]
    public async Task A_write_on_the_wire_is_still_bounded_by_the_request_timeout_after_a_cancel()
    {
        _omni.Hang(HttpMethod.Post).Respond(HttpMethod.Get, HttpStatusCode.OK, Nobody);
        using var client = TestClients.Create(_omni, _time, TestClients.Options(requestTimeout: TimeSpan.FromSeconds(10)));
        using var cts = new CancellationTokenSource();

        var call = client.Users.CreateAsync(Alice, cts.Token);
        await WaitForRequests(1);
        await cts.CancelAsync();

        // After the cancel, the lookup that would follow the unknown outcome is a new request: it is not sent.
        var error = await Assert.ThrowsAsync<OmniCancelledException>(() => _time.Drive(call));
        Assert.True(error.MayHaveBeenApplied);
        Assert.Equal(1, error.RequestsSent);
        Assert.Contains("may have applied", error.Message, StringComparison.Ordinal);
        Assert.Single(_omni.Requests);
    }

    [Fact]
    public async Task A_call_cancelled_before_anything_was_sent_says_omni_received_nothing()
    {
        using var client = TestClients.Create(_omni, _time);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var create = await Assert.ThrowsAsync<OmniCancelledException>(() => client.Users.CreateAsync(Alice, cts.Token));
        var patch = await Assert.ThrowsAsync<OmniCancelledException>(() => client.Users.PatchAsync("u-1", new ScimUserPatch().SetActive(false), cts.Token));

        foreach (var error in new[] { create, patch })
        {
            Assert.Equal(0, error.RequestsSent);
            Assert.False(error.MayHaveBeenApplied);
            Assert.Contains("before it was sent", error.Message, StringComparison.Ordinal);
        }
        Assert.Empty(_omni.Requests);
    }

    [Fact]
    public async Task A_create_that_sent_three_unanswered_posts_says_three()
    {
        for (var i = 0; i < 3; i++)
        {
            _omni.Hang(HttpMethod.Post).Respond(HttpMethod.Get, HttpStatusCode.OK, Nobody);
        }
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 2, requestTimeout: TimeSpan.FromSeconds(5)));

        var error = await Assert.ThrowsAsync<OmniTransportException>(() => _time.Drive(client.Users.CreateAsync(Alice)));

        Assert.Equal(3, _omni.Of(HttpMethod.Post).Count());
        Assert.Equal(3, error.Attempts);
        Assert.Contains("3 POST(s) sent", error.Message, StringComparison.Ordinal);
        Assert.Contains("looked up 3 time(s)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("after 1 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("may still have reached Omni", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_answered_with_500_three_times_counts_three_attempts()
    {
        for (var i = 0; i < 3; i++)
        {
            _omni.Respond(HttpMethod.Post, HttpStatusCode.BadGateway).Respond(HttpMethod.Get, HttpStatusCode.OK, Nobody);
        }
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 2));

        var error = await Assert.ThrowsAsync<OmniApiException>(() => _time.Drive(client.Users.CreateAsync(Alice)));

        Assert.Equal(3, _omni.Of(HttpMethod.Post).Count());
        Assert.Contains("each of 3 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patch_that_failed_after_retries_says_omni_may_have_applied_it()
    {
        for (var i = 0; i < 3; i++)
        {
            _omni.Respond(HttpMethod.Patch, HttpStatusCode.BadGateway);
        }
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 2));

        var error = await Assert.ThrowsAsync<OmniApiException>(() => _time.Drive(client.Users.PatchAsync("u-1", new ScimUserPatch().SetActive(false))));

        Assert.Equal(3, _omni.Of(HttpMethod.Patch).Count());
        Assert.Contains("each of 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("may have applied the PATCH", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patch_with_no_answer_says_omni_may_have_applied_it()
    {
        _omni.Hang(HttpMethod.Patch).Hang(HttpMethod.Patch);
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 1, requestTimeout: TimeSpan.FromSeconds(5)));

        var error = await Assert.ThrowsAsync<OmniTransportException>(() => _time.Drive(client.Users.PatchAsync("u-1", new ScimUserPatch().SetActive(false))));

        Assert.Contains("after 2 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Omni may have applied the PATCH", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_get_that_failed_does_not_claim_anything_was_applied()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.BadGateway).Respond(HttpMethod.Get, HttpStatusCode.BadGateway);
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 1));

        var error = await Assert.ThrowsAsync<OmniApiException>(() => _time.Drive(client.Users.GetAsync("u-1")));

        Assert.DoesNotContain("applied", error.Message, StringComparison.Ordinal);
        Assert.Contains("each of 2 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Omnis_maintenance_503_is_retried_for_a_post_after_its_retry_after_without_a_lookup()
    {
        _omni.Respond(HttpMethod.Post, HttpStatusCode.ServiceUnavailable, """{"error":"503","message":"maintenance"}""",
                r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            .Respond(HttpMethod.Post, HttpStatusCode.Created, TestClients.UserJson("u-created"));
        using var client = TestClients.Create(_omni, _time);

        var user = await _time.Drive(client.Users.CreateAsync(Alice));

        Assert.Equal("u-created", user.Id);
        var posts = _omni.Of(HttpMethod.Post).ToList();
        Assert.Equal(2, posts.Count);
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromSeconds(7), "Retry-After was honoured");
        Assert.Empty(_omni.Of(HttpMethod.Get));
    }

    [Fact]
    public async Task A_maintenance_window_that_outlasts_the_retries_says_nothing_was_processed()
    {
        for (var i = 0; i < 2; i++)
        {
            _omni.Respond(HttpMethod.Delete, HttpStatusCode.ServiceUnavailable, null,
                r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1)));
        }
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 1));

        var error = await Assert.ThrowsAsync<OmniApiException>(() => _time.Drive(client.Users.DeleteAsync("u-1")));

        Assert.Contains("maintenance", error.Message, StringComparison.Ordinal);
        Assert.Contains("did not process any of the 2 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_500s_are_capped_below_max_retries()
    {
        for (var i = 0; i < 6; i++)
        {
            _omni.Respond(HttpMethod.Get, HttpStatusCode.InternalServerError);
        }
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 5));

        await Assert.ThrowsAsync<OmniApiException>(() => _time.Drive(client.Users.GetAsync("u-1")));

        Assert.Equal(1 + Transport.RetryRules.MaxInternalErrorRetries, _omni.Requests.Count);
    }

    [Fact]
    public async Task A_404_right_after_this_client_created_the_user_is_read_again()
    {
        _omni.Respond(HttpMethod.Post, HttpStatusCode.Created, TestClients.UserJson("u-new"))
            .Respond(HttpMethod.Get, HttpStatusCode.NotFound, """{"detail":"User not found"}""")
            .Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.UserJson("u-new"));
        using var client = TestClients.Create(_omni, _time);

        var created = await _time.Drive(client.Users.CreateAsync(Alice));
        var read = await _time.Drive(client.Users.GetAsync(created.Id));

        Assert.Equal("u-new", read!.Id);
        Assert.Equal(2, _omni.Of(HttpMethod.Get).Count());
    }

    [Fact]
    public async Task A_404_for_a_user_not_just_created_here_is_answered_at_once()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.NotFound, """{"detail":"User not found"}""");
        using var client = TestClients.Create(_omni, _time);

        Assert.Null(await _time.Drive(client.Users.GetAsync("u-old")));
        Assert.Single(_omni.Requests);
    }

    [Fact]
    public async Task A_404_that_lasts_past_the_window_is_a_real_404()
    {
        _omni.Respond(HttpMethod.Post, HttpStatusCode.Created, TestClients.UserJson("u-new"));
        for (var i = 0; i < 50; i++)
        {
            _omni.Respond(HttpMethod.Get, HttpStatusCode.NotFound, """{"detail":"User not found"}""");
        }
        using var client = TestClients.Create(_omni, _time);

        var created = await _time.Drive(client.Users.CreateAsync(Alice));
        var started = _time.GetUtcNow();
        Assert.Null(await _time.Drive(client.Users.GetAsync(created.Id)));

        Assert.InRange(_time.GetUtcNow() - started, TimeSpan.Zero, Transport.RecentlyCreated.Window + TimeSpan.FromSeconds(1));
        Assert.InRange(_omni.Of(HttpMethod.Get).Count(), 2, 12);
    }
}
