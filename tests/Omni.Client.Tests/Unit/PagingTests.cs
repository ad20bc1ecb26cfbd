using System.Net;
using System.Web;
using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Unit;

public sealed class PagingTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = FakeClock.Create();
    private readonly ScriptedHandler _omni;

    public PagingTests() => _omni = new ScriptedHandler(_time);

    private static string User(int i) => TestClients.UserJson($"u{i}", $"user{i}@example.com", $"User {i}");

    private async Task<List<ScimUser>> ListAll(OmniClient client, int pageSize)
    {
        var users = new List<ScimUser>();
        await foreach (var user in client.Users.ListAsync(pageSize: pageSize))
        {
            users.Add(user);
        }
        return users;
    }

    [Fact]
    public async Task Pages_are_followed_until_totalResults_is_reached()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.ListJson(5, 1, User(1), User(2)))
            .Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.ListJson(5, 3, User(3), User(4)))
            .Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.ListJson(5, 5, User(5)));
        using var client = TestClients.Create(_omni, _time);

        var users = await ListAll(client, 2);

        Assert.Equal(["u1", "u2", "u3", "u4", "u5"], users.Select(u => u.Id));
        Assert.Equal(["1", "3", "5"], _omni.Requests.Select(r => HttpUtility.ParseQueryString(r.Uri.Query)["startIndex"]));
        Assert.All(_omni.Requests, r => Assert.Equal("2", HttpUtility.ParseQueryString(r.Uri.Query)["count"]));
    }

    [Fact]
    public async Task A_server_repeating_page_one_past_the_end_does_not_loop()
    {
        // scimmy answers a startIndex past the end with page 1 again, and may overstate totalResults.
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.ListJson(99, 1, User(1), User(2)))
            .Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.ListJson(99, 1, User(1), User(2)));
        using var client = TestClients.Create(_omni, _time);

        var users = await ListAll(client, 2);

        Assert.Equal(["u1", "u2"], users.Select(u => u.Id));
        Assert.Equal(2, _omni.Requests.Count);
    }

    [Fact]
    public async Task Overlapping_pages_are_deduplicated_and_an_empty_page_ends_the_list()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.ListJson(10, 1, User(1), User(2)))
            .Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.ListJson(10, 3, User(2), User(3)))
            .Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.ListJson(10, 5));
        using var client = TestClients.Create(_omni, _time);

        var users = await ListAll(client, 2);

        Assert.Equal(["u1", "u2", "u3"], users.Select(u => u.Id));
    }

    [Fact]
    public async Task Without_totalResults_a_short_page_is_the_last()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, """{"Resources":[""" + User(1) + "," + User(2) + "]}")
            .Respond(HttpMethod.Get, HttpStatusCode.OK, """{"Resources":[""" + User(3) + "]}");
        using var client = TestClients.Create(_omni, _time);

        Assert.Equal(3, (await ListAll(client, 2)).Count);
        Assert.Equal(2, _omni.Requests.Count);
    }

    [Fact]
    public async Task Find_by_user_name_escapes_the_filter_and_rechecks_case_insensitively()
    {
        const string Tricky = "o\"brien\\x@example.com";
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.ListJson(2, 1,
            TestClients.UserJson("other", "someone@example.com"),
            TestClients.UserJson("u-1", "O\\\"BRIEN\\\\x@EXAMPLE.com")));
        using var client = TestClients.Create(_omni, _time);

        var user = await _time.Drive(client.Users.FindByUserNameAsync(Tricky));

        Assert.Equal("u-1", user!.Id);
        var filter = HttpUtility.ParseQueryString(_omni.Requests.Single().Uri.Query)["filter"];
        Assert.Equal("userName eq \"o\\\"brien\\\\x@example.com\"", filter);
    }

    [Fact]
    public async Task Find_by_user_name_returns_null_when_only_other_users_come_back()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.ListJson(1, 1, TestClients.UserJson("x", "bob@example.com")));
        using var client = TestClients.Create(_omni, _time);

        Assert.Null(await _time.Drive(client.Users.FindByUserNameAsync("alice@example.com")));
    }

    [Theory]
    [InlineData("plain@example.com", "userName eq \"plain@example.com\"")]
    [InlineData("o\"brien\\x", "userName eq \"o\\\"brien\\\\x\"")]
    [InlineData("tab\there", "userName eq \"tab\\there\"")]
    [InlineData("new\nline\r", "userName eq \"new\\nline\\r\"")]
    [InlineData("bell\u0007nul\u0000", "userName eq \"bell\\u0007nul\\u0000\"")]
    [InlineData("o'brien+tag&x é", "userName eq \"o'brien+tag&x é\"")]
    public void Filter_values_are_written_as_json_string_literals(string value, string expected)
    {
        var filter = Transport.ScimFilter.Equal("userName", value);

        Assert.Equal(expected, filter);
        // Whatever is between the quotes reads back, as JSON, to the value itself.
        Assert.Equal(value, System.Text.Json.JsonSerializer.Deserialize<string>(filter["userName eq ".Length..]));
    }
}
