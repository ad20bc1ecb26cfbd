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
    public async Task Auth_failures_say_an_organization_key_is_needed(HttpStatusCode status)
    {
        _omni.Respond(HttpMethod.Get, status, """{"error":"Invalid bearer token"}""");
        using var client = TestClients.Create(_omni, _time);

        var error = await Assert.ThrowsAsync<OmniAuthenticationException>(() => _time.Drive(client.WhoAmIAsync()));

        Assert.Contains("Organization API key", error.Hint, StringComparison.Ordinal);
        Assert.Contains("personal access tokens are not supported", error.Message, StringComparison.Ordinal);
        Assert.Equal($"GET /api/v1/whoami failed: {(int)status} {(status == HttpStatusCode.Forbidden ? "Forbidden" : "Unauthorized")}: Invalid bearer token. Hint: {error.Hint}", error.Message);
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
        Assert.Contains("not the JSON expected", error.Message, StringComparison.Ordinal);
    }
}
