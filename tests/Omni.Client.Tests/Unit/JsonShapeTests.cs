using System.Net;
using System.Text.Json.Nodes;
using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Unit;

public sealed class JsonShapeTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = FakeClock.Create();
    private readonly ScriptedHandler _omni;

    public JsonShapeTests() => _omni = new ScriptedHandler(_time);

    [Fact]
    public async Task A_full_omni_user_is_read_including_extensions_and_lenient_attributes()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, """
            {"id":"7d1c","userName":"alice@example.com","displayName":"Alice","active":false,
             "emails":[{"primary":true,"value":"alice@example.com"}],
             "groups":[{"display":"Engineering","value":"mEhXj6ZI"}],
             "meta":{"created":"2024-01-02T03:04:05.678Z","lastModified":"2024-02-02T00:00:00.000Z","resourceType":"User"},
             "schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
             "urn:omni:params:1.0:UserAttribute":{"region":"us","level":3,"flag":true,"regions":["us",1,false],"gone":null,"blob":{"a":1}},
             "urn:omni:params:scim:schemas:extension:user:2.0":{"lastLogin":"2024-01-03T00:00:00.000Z"}}
            """);
        using var client = TestClients.Create(_omni, _time);

        var user = (await _time.Drive(client.Users.GetAsync("7d1c")))!;

        Assert.False(user.Active);
        Assert.Equal([new ScimEmail("alice@example.com", true)], user.Emails);
        Assert.Equal([new ScimGroupRef("mEhXj6ZI", "Engineering")], user.Groups);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), user.Meta!.Created);
        Assert.Equal("User", user.Meta.ResourceType);
        Assert.Equal(new DateTimeOffset(2024, 1, 3, 0, 0, 0, TimeSpan.Zero), user.LastLogin);
        Assert.Equal(AttributeValue.Of("us"), user.Attributes["region"]);
        Assert.Equal(AttributeValue.Of("3"), user.Attributes["level"]);
        Assert.Equal(AttributeValue.Of("true"), user.Attributes["flag"]);
        Assert.Equal(AttributeValue.Of(["us", "1", "false"]), user.Attributes["regions"]);
        Assert.Equal(AttributeValue.Of("""{"a":1}"""), user.Attributes["blob"]);
        Assert.False(user.Attributes.ContainsKey("gone"));
    }

    [Fact]
    public async Task A_minimal_user_has_empty_collections_not_nulls()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, """{"id":"u","userName":"a@b.c","displayName":"A","active":true}""");
        using var client = TestClients.Create(_omni, _time);

        var user = (await _time.Drive(client.Users.GetAsync("u")))!;

        Assert.Empty(user.Attributes);
        Assert.Empty(user.Emails);
        Assert.Empty(user.Groups);
        Assert.Null(user.Meta);
        Assert.Null(user.LastLogin);
    }

    [Fact]
    public async Task Create_sends_the_fields_omni_needs()
    {
        _omni.Respond(HttpMethod.Post, HttpStatusCode.Created, TestClients.UserJson());
        using var client = TestClients.Create(_omni, _time);

        await _time.Drive(client.Users.CreateAsync(new ScimUserCreate("alice@example.com", "Alice",
            new Dictionary<string, AttributeValue> { ["region"] = AttributeValue.Of("us"), ["regions"] = AttributeValue.Of(["us", "eu"]) })));

        var body = JsonNode.Parse(_omni.Requests.Single().Body!)!;
        Assert.Equal("alice@example.com", (string?)body["userName"]);
        Assert.Equal("Alice", (string?)body["displayName"]);
        Assert.Equal("us", (string?)body["urn:omni:params:1.0:UserAttribute"]!["region"]);
        Assert.Equal("""["us","eu"]""", body["urn:omni:params:1.0:UserAttribute"]!["regions"]!.ToJsonString());
        Assert.Equal("/api/scim/v2/users", _omni.Requests.Single().Uri.AbsolutePath);
    }

    [Fact]
    public void A_patch_is_one_patchop_with_one_pathless_attribute_merge()
    {
        var patch = new ScimUserPatch()
            .SetDisplayName("Alice B")
            .SetActive(false)
            .SetAttribute("region", AttributeValue.Of("eu"))
            .SetAttribute("regions", AttributeValue.Of(["us", "eu"]))
            .ClearAttribute("old");

        Assert.Equal(
            """
            {"Operations":[{"op":"replace","path":"displayName","value":"Alice B"},{"op":"replace","path":"active","value":false},{"op":"replace","value":{"urn:omni:params:1.0:UserAttribute":{"region":"eu","regions":["us","eu"],"old":null}}}],"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}
            """,
            patch.ToString());
        Assert.False(patch.IsEmpty);
        Assert.True(new ScimUserPatch().IsEmpty);
    }

    [Fact]
    public async Task A_204_patch_reads_the_user_back()
    {
        _omni.Respond(HttpMethod.Patch, HttpStatusCode.NoContent).Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.UserJson(displayName: "After"));
        using var client = TestClients.Create(_omni, _time);

        var user = await _time.Drive(client.Users.PatchAsync("u-1", new ScimUserPatch().SetDisplayName("After")));

        Assert.Equal("After", user.DisplayName);
        Assert.Equal([HttpMethod.Patch, HttpMethod.Get], _omni.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Group_membership_changes_use_the_documented_patch_operations()
    {
        const string Group = """{"id":"g1","displayName":"Eng","members":[]}""";
        _omni.Respond(HttpMethod.Patch, HttpStatusCode.OK, Group).Respond(HttpMethod.Patch, HttpStatusCode.OK, Group)
            .Respond(HttpMethod.Patch, HttpStatusCode.OK, Group).Respond(HttpMethod.Patch, HttpStatusCode.OK, Group);
        using var client = TestClients.Create(_omni, _time);

        await _time.Drive(client.Groups.AddMembersAsync("g1", ["u1", "u2"]));
        await _time.Drive(client.Groups.RemoveMembersAsync("g1", ["u1"]));
        await _time.Drive(client.Groups.ReplaceAsync("g1", "Engineering", null));
        await _time.Drive(client.Groups.ReplaceAsync("g1", null, ["u3"]));

        var operations = _omni.Requests.Select(r => JsonNode.Parse(r.Body!)!["Operations"]![0]!.ToJsonString()).ToArray();
        Assert.Equal("""{"op":"add","path":"members","value":[{"value":"u1"},{"value":"u2"}]}""", operations[0]);
        Assert.Equal("""{"op":"remove","path":"members[value eq \u0022u1\u0022]","value":null}""", operations[1]);
        Assert.Equal("""{"op":"replace","path":"displayName","value":"Engineering"}""", operations[2]);
        Assert.Equal("""{"op":"replace","path":"members","value":[{"value":"u3"}]}""", operations[3]);
    }

    [Fact]
    public async Task A_rename_with_a_new_member_list_is_one_patch_of_two_replace_operations()
    {
        _omni.Respond(HttpMethod.Patch, HttpStatusCode.OK, """{"id":"g1","displayName":"Eng","members":[{"value":"u3"}]}""");
        using var client = TestClients.Create(_omni, _time);

        var group = await _time.Drive(client.Groups.ReplaceAsync("g1", "Eng", ["u3", "u3"]));

        var request = Assert.Single(_omni.Requests);
        Assert.Equal(HttpMethod.Patch, request.Method);
        var operations = JsonNode.Parse(request.Body!)!["Operations"]!.AsArray().Select(o => o!.ToJsonString());
        Assert.Equal(["""{"op":"replace","path":"displayName","value":"Eng"}""", """{"op":"replace","path":"members","value":[{"value":"u3"}]}"""], operations);
        Assert.Equal("u3", Assert.Single(group.Members).Value);
    }

    [Fact]
    public async Task Whoami_and_attribute_definitions_are_read()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, """{"userId":"u","name":"Bot","email":"b@x","keyScope":"organization","orgRole":"ORG_ADMIN"}""")
            .Respond(HttpMethod.Get, HttpStatusCode.OK, """{"records":[{"id":"","name":"omni_user_id","label":"User ID","type":"String","multiple_values":false,"system":true},{"id":"a1","name":"regions","type":"String","multiple_values":true,"default_value":["us"],"description":"d","system":false}]}""");
        using var client = TestClients.Create(_omni, _time);

        var me = await _time.Drive(client.WhoAmIAsync());
        var definitions = await _time.Drive(client.UserAttributes.ListAsync());

        Assert.True(me.IsOrganizationKey);
        Assert.Equal("ORG_ADMIN", me.OrgRole);
        Assert.Equal(new UserAttributeDefinition("a1", "regions", null, "String", true, "d", false) { DefaultValue = AttributeValue.Of(["us"]) },
            definitions[1]);
        Assert.True(definitions[0].System);
        Assert.Equal(["/api/v1/whoami", "/api/v1/user-attributes"], _omni.Requests.Select(r => r.Uri.AbsolutePath));
    }
}
