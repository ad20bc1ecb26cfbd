using System.Net;
using System.Net.Sockets;
using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Unit;

/// <summary>A POST is sent again only when it cannot have been applied; otherwise the user is looked up first.</summary>
public sealed class PostSafetyTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = FakeClock.Create();
    private readonly ScriptedHandler _omni;
    private static readonly ScimUserCreate Alice = new("alice@example.com", "Alice");

    public PostSafetyTests() => _omni = new ScriptedHandler(_time);

    private string Created => TestClients.UserJson("u-created");
    private string FoundAlice => TestClients.ListJson(1, 1, TestClients.UserJson("u-existing"));
    private static string Nobody => TestClients.ListJson(0, 1);

    [Fact]
    public async Task A_429_is_retried_because_nothing_was_applied()
    {
        _omni.Respond(HttpMethod.Post, HttpStatusCode.TooManyRequests).Respond(HttpMethod.Post, HttpStatusCode.Created, Created);
        using var client = TestClients.Create(_omni, _time);

        var user = await _time.Drive(client.Users.CreateAsync(Alice));

        Assert.Equal("u-created", user.Id);
        Assert.Equal(2, _omni.Of(HttpMethod.Post).Count());
        Assert.Empty(_omni.Of(HttpMethod.Get));
    }

    [Fact]
    public async Task A_refused_connection_is_retried_because_nothing_was_sent()
    {
        _omni.Throw(HttpMethod.Post, new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)))
            .Respond(HttpMethod.Post, HttpStatusCode.Created, Created);
        using var client = TestClients.Create(_omni, _time);

        var user = await _time.Drive(client.Users.CreateAsync(Alice));

        Assert.Equal("u-created", user.Id);
        Assert.Equal(2, _omni.Of(HttpMethod.Post).Count());
        Assert.Empty(_omni.Of(HttpMethod.Get));
    }

    [Fact]
    public async Task A_timed_out_post_whose_user_exists_returns_it_without_a_second_post()
    {
        _omni.Hang(HttpMethod.Post).Respond(HttpMethod.Get, HttpStatusCode.OK, FoundAlice);
        using var client = TestClients.Create(_omni, _time, TestClients.Options(requestTimeout: TimeSpan.FromSeconds(10)));

        var user = await _time.Drive(client.Users.CreateAsync(Alice));

        Assert.Equal("u-existing", user.Id);
        Assert.Single(_omni.Of(HttpMethod.Post));
        Assert.Contains("filter=userName%20eq%20%22alice%40example.com%22", _omni.Of(HttpMethod.Get).Single().Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_dropped_after_sending_is_resolved_by_the_lookup()
    {
        _omni.Throw(HttpMethod.Post, new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."))
            .Respond(HttpMethod.Get, HttpStatusCode.OK, FoundAlice);
        using var client = TestClients.Create(_omni, _time);

        var user = await _time.Drive(client.Users.CreateAsync(Alice));

        Assert.Equal("u-existing", user.Id);
        Assert.Single(_omni.Of(HttpMethod.Post));
    }

    [Fact]
    public async Task When_the_lookup_finds_nothing_the_post_is_sent_once_more()
    {
        _omni.Respond(HttpMethod.Post, HttpStatusCode.ServiceUnavailable)
            .Respond(HttpMethod.Get, HttpStatusCode.OK, Nobody)
            .Respond(HttpMethod.Post, HttpStatusCode.Created, Created);
        using var client = TestClients.Create(_omni, _time);

        var user = await _time.Drive(client.Users.CreateAsync(Alice));

        Assert.Equal("u-created", user.Id);
        Assert.Equal(2, _omni.Of(HttpMethod.Post).Count());
        Assert.Single(_omni.Of(HttpMethod.Get));
    }

    [Fact]
    public async Task A_409_after_an_unknown_outcome_is_our_own_user_and_is_returned()
    {
        _omni.Throw(HttpMethod.Post, new HttpRequestException(HttpRequestError.ResponseEnded, "dropped"))
            .Respond(HttpMethod.Get, HttpStatusCode.OK, Nobody) // not visible yet (e.g. a lagging replica)
            .Respond(HttpMethod.Post, HttpStatusCode.Conflict, """{"error":"Conflict","message":"User with this email already exists"}""")
            .Respond(HttpMethod.Get, HttpStatusCode.OK, FoundAlice);
        using var client = TestClients.Create(_omni, _time);

        var user = await _time.Drive(client.Users.CreateAsync(Alice));

        Assert.Equal("u-existing", user.Id);
        Assert.Equal(2, _omni.Of(HttpMethod.Post).Count());
    }

    [Fact]
    public async Task A_plain_409_names_the_user_and_is_neither_retried_nor_looked_up()
    {
        _omni.Respond(HttpMethod.Post, HttpStatusCode.Conflict, """{"error":"Conflict","message":"User with this email already exists"}""");
        using var client = TestClients.Create(_omni, _time);

        var error = await Assert.ThrowsAsync<OmniConflictException>(() => _time.Drive(client.Users.CreateAsync(new ScimUserCreate("a@b.c", "A"))));

        Assert.Equal("a@b.c", error.UserName);
        Assert.StartsWith(
            "POST /api/scim/v2/users failed: 409 Conflict: User with this email already exists (userName \"a@b.c\"). Hint: ",
            error.Message, StringComparison.Ordinal);
        Assert.Single(_omni.Requests);
    }

    [Fact]
    public async Task Repeated_unknown_outcomes_stop_after_MaxRetries_resends()
    {
        for (var i = 0; i < 3; i++)
        {
            _omni.Respond(HttpMethod.Post, HttpStatusCode.BadGateway).Respond(HttpMethod.Get, HttpStatusCode.OK, Nobody);
        }
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 2));

        var error = await Assert.ThrowsAsync<OmniApiException>(() => _time.Drive(client.Users.CreateAsync(Alice)));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal(3, _omni.Of(HttpMethod.Post).Count());
        Assert.Equal(3, _omni.Of(HttpMethod.Get).Count());
    }

    [Fact]
    public async Task Group_creation_is_protected_the_same_way()
    {
        _omni.Throw(HttpMethod.Post, new HttpRequestException(HttpRequestError.ResponseEnded, "dropped"))
            .Respond(HttpMethod.Get, HttpStatusCode.OK, """{"totalResults":1,"startIndex":1,"Resources":[{"id":"g1","displayName":"Engineering","members":[]}]}""");
        using var client = TestClients.Create(_omni, _time);

        var group = await _time.Drive(client.Groups.CreateAsync("Engineering"));

        Assert.Equal("g1", group.Id);
        Assert.Single(_omni.Of(HttpMethod.Post));
    }

    [Fact]
    public async Task With_MaxRetries_zero_an_unknown_outcome_is_looked_up_but_the_post_is_never_resent()
    {
        _omni.Respond(HttpMethod.Post, HttpStatusCode.BadGateway)
            .Respond(HttpMethod.Get, HttpStatusCode.OK, Nobody)
            .Respond(HttpMethod.Post, HttpStatusCode.Created, Created);
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 0));

        var error = await Assert.ThrowsAsync<OmniApiException>(() => _time.Drive(client.Users.CreateAsync(Alice)));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Single(_omni.Of(HttpMethod.Post));
        Assert.Single(_omni.Of(HttpMethod.Get));
    }

    [Fact]
    public async Task TotalTimeout_bounds_the_whole_create_including_the_lookups()
    {
        // The POST times out (outcome unknown), then every lookup hangs: one TotalTimeout ends it all.
        _omni.Hang(HttpMethod.Post);
        for (var i = 0; i < 10; i++)
        {
            _omni.Hang(HttpMethod.Get);
        }
        using var client = TestClients.Create(_omni, _time,
            TestClients.Options(maxRetries: 5, requestTimeout: TimeSpan.FromSeconds(10), totalTimeout: TimeSpan.FromSeconds(25)));
        var started = _time.GetUtcNow();

        var error = await Assert.ThrowsAsync<OmniTransportException>(() => _time.Drive(client.Users.CreateAsync(Alice)));

        Assert.InRange(_time.GetUtcNow() - started, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(25.5));
        Assert.Equal("POST", error.Method);
        Assert.Contains("did not finish within TotalTimeout (00:00:25)", error.Message, StringComparison.Ordinal);
        Assert.Contains("may have reached Omni", error.Hint, StringComparison.Ordinal);
        Assert.True(error.MayHaveBeenApplied);
        Assert.Single(_omni.Of(HttpMethod.Post));
        Assert.Equal(2, _omni.Of(HttpMethod.Get).Count()); // at 10 s and 21 s; the deadline cut the second
    }

    [Fact]
    public async Task The_lookup_after_an_unknown_outcome_logs_no_user_name_above_debug()
    {
        _omni.Throw(HttpMethod.Post, new HttpRequestException(HttpRequestError.ResponseEnded, "dropped"))
            .Respond(HttpMethod.Get, HttpStatusCode.OK, FoundAlice);
        var logs = new RecordingLoggerFactory();
        using var client = TestClients.Create(_omni, _time, logs: logs);

        await _time.Drive(client.Users.CreateAsync(Alice));

        Assert.Contains(logs.Lines, line => line.StartsWith("Warning: Outcome of Omni POST /api/scim/v2/users is unknown", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.StartsWith("Information: Omni POST /api/scim/v2/users: the userName exists", StringComparison.Ordinal));
        Assert.All(logs.Lines.Where(line => !line.StartsWith("Debug:", StringComparison.Ordinal)),
            line => Assert.DoesNotContain("alice@example.com", line, StringComparison.OrdinalIgnoreCase));
    }
}
