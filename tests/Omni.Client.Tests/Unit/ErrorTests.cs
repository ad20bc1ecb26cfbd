using System.Net;
using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Unit;

public sealed class ErrorTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = FakeClock.Create();
    private readonly ScriptedHandler _omni;

    public ErrorTests() => _omni = new ScriptedHandler(_time);

    [Theory]
    [InlineData("""{"error":"Conflict","message":"User with this email already exists"}""", "User with this email already exists")]
    [InlineData("""{"detail":"Unauthorized: Missing or invalid API key","status":401}""", "Unauthorized: Missing or invalid API key")]
    [InlineData("""{"error":"Invalid bearer token"}""", "Invalid bearer token")]
    [InlineData("""{"errors":["displayName: Required","userName: Invalid email"]}""", "displayName: Required; userName: Invalid email")]
    [InlineData("""{"errors":[{"message":"bad attribute"},{"detail":"bad value"}]}""", "bad attribute; bad value")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","scimType":"invalidFilter","detail":"Unexpected token"}""", "Unexpected token (scimType invalidFilter)")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":400,"detail":"numeric status"}""", "numeric status")]
    [InlineData("""{"error":{"message":"nested"}}""", "nested")]
    [InlineData("<html>Bad Gateway</html>", "<html>Bad Gateway</html>")]
    [InlineData("", null)]
    [InlineData("{}", null)]
    public async Task Every_error_shape_yields_omnis_message(string body, string? expected)
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.BadRequest, body);
        using var client = TestClients.Create(_omni, _time);

        var error = await Assert.ThrowsAsync<OmniApiException>(() => _time.Drive(client.Users.GetAsync("u-1")));

        Assert.Equal(expected, error.OmniMessage);
        Assert.Equal("GET", error.Method);
        Assert.Equal("/api/scim/v2/users/u-1", error.Path);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task A_401_and_omnis_403_invalid_bearer_token_are_both_a_rejected_key_with_the_same_guidance(HttpStatusCode status)
    {
        _omni.Respond(HttpMethod.Get, status, """{"error":"Invalid bearer token"}""");
        using var client = TestClients.Create(_omni, _time);

        var error = await Assert.ThrowsAsync<OmniAuthenticationException>(() => _time.Drive(client.WhoAmIAsync()));

        Assert.True(error.KeyRejected);
        Assert.Contains("did not accept the API key", error.Hint, StringComparison.Ordinal);
        Assert.Contains("Organization API key", error.Hint, StringComparison.Ordinal);
        Assert.Equal($"GET /api/v1/whoami failed: {(int)status} {(status == HttpStatusCode.Forbidden ? "Forbidden" : "Unauthorized")}: Invalid bearer token. Hint: {error.Hint}", error.Message);
    }

    [Fact]
    public async Task A_403_for_a_personal_access_token_is_about_the_kind_of_key_not_a_rejected_one()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.Forbidden, """{"error":"Personal Access Tokens (PATs) are not supported for this endpoint"}""");
        using var client = TestClients.Create(_omni, _time);

        var error = await Assert.ThrowsAsync<OmniAuthenticationException>(() => _time.Drive(client.Users.GetAsync("u-1")));

        Assert.False(error.KeyRejected);
        Assert.Contains("personal access tokens are not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_user_on_patch_is_a_not_found_error_but_get_returns_null_and_delete_succeeds()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.NotFound, """{"detail":"User not found"}""")
            .Respond(HttpMethod.Delete, HttpStatusCode.NotFound)
            .Respond(HttpMethod.Patch, HttpStatusCode.NotFound, """{"detail":"User not found"}""");
        using var client = TestClients.Create(_omni, _time);

        Assert.Null(await _time.Drive(client.Users.GetAsync("gone")));
        await _time.Drive(client.Users.DeleteAsync("gone"));
        var error = await Assert.ThrowsAsync<OmniNotFoundException>(() => _time.Drive(client.Users.PatchAsync("gone", new ScimUserPatch().SetActive(false))));
        Assert.Equal("User not found", error.OmniMessage);
    }

    [Fact]
    public async Task The_api_key_never_appears_in_messages_logs_or_ToString()
    {
        // A hostile or careless server echoing the key back must not leak it either.
        _omni.Respond(HttpMethod.Get, HttpStatusCode.Forbidden, $$"""{"message":"token {{TestClients.ApiKey}} is invalid"}""");
        var logs = new RecordingLoggerFactory();
        var options = TestClients.Options();
        using var client = TestClients.Create(_omni, _time, options, logs);

        var error = await Assert.ThrowsAsync<OmniAuthenticationException>(() => _time.Drive(client.Users.GetAsync("u-1")));

        Assert.Equal($"Bearer {TestClients.ApiKey}", _omni.Requests.Single().Authorization); // it was sent...
        Assert.DoesNotContain(TestClients.ApiKey, error.Message, StringComparison.Ordinal); // ...and never shown
        Assert.DoesNotContain(TestClients.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, error.OmniMessage!, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, client.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, line => Assert.DoesNotContain(TestClients.ApiKey, line, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.Contains("GET /api/scim/v2/users/u-1 answered 403", StringComparison.Ordinal) && line.Contains("attempt 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_success_body_that_is_not_json_names_the_call()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, "<html>login</html>");
        using var client = TestClients.Create(_omni, _time);

        var error = await Assert.ThrowsAsync<OmniApiException>(() => _time.Drive(client.Users.GetAsync("u-1")));

        Assert.Contains("GET /api/scim/v2/users/u-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Omni answered with a body the client cannot read", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, HttpMethod, string, string> UnreadableBodies => new()
    {
        // A user without an id (a FormatException once), on each call that parses users or groups.
        { "get user without id", HttpMethod.Get, """{"userName":"a@b.c"}""", "has no id" },
        { "list user without id", HttpMethod.Get, TestClients.ListJson(1, 1, """{"userName":"a@b.c"}"""), "has no id" },
        { "create user without id", HttpMethod.Post, """{"userName":"a@b.c","displayName":"A"}""", "has no id" },
        { "create group without id", HttpMethod.Post, """{"displayName":"Eng"}""", "has no id" },
        { "get group without id", HttpMethod.Get, """{"displayName":"Eng"}""", "has no id" },
        // A number too large for a double (an ArgumentException from the converter once).
        { "attribute number overflow", HttpMethod.Get, """{"id":"u-1","urn:omni:params:1.0:UserAttribute":{"level":1e400}}""", "out of range" },
        { "attribute list number overflow", HttpMethod.Get, """{"id":"u-1","urn:omni:params:1.0:UserAttribute":{"levels":[1,-1e999]}}""", "out of range" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task A_body_the_client_cannot_read_is_an_api_error_with_method_path_and_status(string call, HttpMethod method, string body, string problem)
    {
        _omni.Respond(method, method == HttpMethod.Post ? HttpStatusCode.Created : HttpStatusCode.OK, body);
        using var client = TestClients.Create(_omni, _time);

        Task work = call switch
        {
            "list user without id" => client.Users.ListAsync().ToArrayAsync().AsTask(),
            "create user without id" => client.Users.CreateAsync(new ScimUserCreate("a@b.c", "A")),
            "create group without id" => client.Groups.CreateAsync("Eng"),
            "get group without id" => client.Groups.GetAsync("g-1"),
            _ => client.Users.GetAsync("u-1"),
        };
        var error = await Assert.ThrowsAsync<OmniApiException>(() => _time.Drive(work));

        Assert.Equal(method.Method, error.Method);
        Assert.StartsWith(call.Contains("group", StringComparison.Ordinal) ? "/api/scim/v2/groups" : "/api/scim/v2/users", error.Path, StringComparison.Ordinal);
        Assert.Equal(method == HttpMethod.Post ? HttpStatusCode.Created : HttpStatusCode.OK, error.StatusCode);
        Assert.StartsWith("Omni answered with a body the client cannot read: ", error.OmniMessage, StringComparison.Ordinal);
        Assert.Contains(problem, error.OmniMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("..", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.StatusCode == HttpStatusCode.OK ? ": 200 OK: " : ": 201 Created: ", error.Message, StringComparison.Ordinal);
        Assert.Single(_omni.Requests); // a success that cannot be read is not retried or looked up
    }
}
