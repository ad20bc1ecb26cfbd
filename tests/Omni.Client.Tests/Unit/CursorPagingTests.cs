using System.Net;
using System.Web;
using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Unit;

public sealed class CursorPagingTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = FakeClock.Create();
    private readonly ScriptedHandler _omni;

    public CursorPagingTests() => _omni = new ScriptedHandler(_time);

    private static string Page(string? next, params string[] ids) =>
        $$"""{"pageInfo": {"hasNextPage": {{(next is null ? "false" : "true")}}, "nextCursor": {{(next is null ? "null" : $"\"{next}\"")}}, "pageSize": 2, "totalRecords": 9}, "records": [{{string.Join(",", ids.Select(id => $$"""{"id": "{{id}}", "name": "n{{id}}", "modelKind": "SHARED"}"""))}}]}""";

    [Fact]
    public async Task Cursors_are_followed_until_Omni_says_there_is_no_next_page()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, Page("c1", "a", "b"))
            .Respond(HttpMethod.Get, HttpStatusCode.OK, Page("c2", "c", "d"))
            .Respond(HttpMethod.Get, HttpStatusCode.OK, Page(null, "e"));
        using var client = TestClients.Create(_omni, _time);

        var models = new List<OmniModel>();
        await foreach (var model in client.Models.ListAsync(new ModelQuery { ModelKind = "SHARED" }, pageSize: 2))
        {
            models.Add(model);
        }

        Assert.Equal(["a", "b", "c", "d", "e"], models.Select(m => m.Id));
        Assert.Equal([null, "c1", "c2"], _omni.Requests.Select(r => HttpUtility.ParseQueryString(r.Uri.Query)["cursor"]));
        Assert.All(_omni.Requests, r => Assert.Equal("SHARED", HttpUtility.ParseQueryString(r.Uri.Query)["modelKind"]));
        Assert.All(_omni.Requests, r => Assert.Equal("2", HttpUtility.ParseQueryString(r.Uri.Query)["pageSize"]));
    }

    [Fact]
    public async Task A_cursor_returned_twice_stops_the_walk_with_an_error_instead_of_looping()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, Page("same", "a"))
            .Respond(HttpMethod.Get, HttpStatusCode.OK, Page("same", "b"));
        using var client = TestClients.Create(_omni, _time);

        var error = await Assert.ThrowsAsync<OmniApiException>(async () =>
        {
            await foreach (var _ in client.Models.ListAsync(pageSize: 1))
            {
            }
        });
        Assert.Contains("GET /api/v1/models failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("cursor", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _omni.Requests.Count);
    }

    [Fact]
    public async Task Docs_spelled_role_origins_and_empty_model_ids_are_read()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, """
            {"membershipId": "m", "results": [
              {"baseRole": "MODELER", "from": {"type": "User Role"}, "priority": 350, "resolved": true, "roleName": "MODELER", "connectionId": "c", "modelId": "m1"},
              {"baseRole": "QUERIER", "from": {"depth": 0, "miniUuid": "PgjffoEu", "name": "Super Group", "type": "Group Role"}, "priority": 250, "resolved": false, "roleName": "QUERIER", "connectionId": "c", "modelId": "m1"},
              {"baseRole": "VIEWER", "from": {"type": "Connection Base Role"}, "priority": 50, "resolved": false, "roleName": "VIEWER", "connectionId": "c", "modelId": ""}]}
            """);
        using var client = TestClients.Create(_omni, _time);

        var rows = await client.ModelRoles.GetUserRolesAsync("m");

        Assert.Equal([ModelRoleOriginType.User, ModelRoleOriginType.Group, ModelRoleOriginType.Base], rows.Select(r => r.From.Type));
        Assert.Equal("PgjffoEu", rows[1].From.GroupId);
        Assert.Null(rows[2].ModelId);
    }

    [Fact]
    public async Task Credentials_travel_in_the_body_only_and_a_failure_does_not_repeat_them()
    {
        const string Secret = "very-secret-password";
        _omni.Respond(HttpMethod.Post, HttpStatusCode.InternalServerError, """{"error": "500", "message": "boom"}""");
        var logs = new RecordingLoggerFactory();
        using var client = TestClients.Create(_omni, _time, TestClients.Options(maxRetries: 0), logs);

        var error = await Assert.ThrowsAsync<OmniApiException>(() => client.Connections.CreateAsync(new ConnectionCreate("c", "postgres") { Password = Secret }));

        var request = Assert.Single(_omni.Requests);
        Assert.Contains(Secret, request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, request.Uri.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Secret, StringComparison.Ordinal));
        Assert.Contains("POST /api/v1/connections failed: 500", error.Message, StringComparison.Ordinal);
    }
}
