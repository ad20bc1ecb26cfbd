using System.Net;
using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Unit;

/// <summary>Embed users (issue 16): read from their own endpoint, and never the answer to a userName lookup of SCIM users.</summary>
public sealed class EmbedUserShapeTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = FakeClock.Create();
    private readonly ScriptedHandler _omni;

    public EmbedUserShapeTests() => _omni = new ScriptedHandler(_time);

    private const string Embed = """
        {"id":"e-1","userName":"ann@example.com","displayName":"Ann","active":true,"embedEmail":"ann@example.com",
         "embedEntity":"acme","embedExternalId":"cust-7","schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}
        """;

    [Fact]
    public async Task An_embed_user_is_read_with_its_embed_fields_from_the_embed_path()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, Embed);
        using var client = TestClients.Create(_omni, _time);

        var user = (await _time.Drive(client.EmbedUsers.GetAsync("e-1")))!;

        Assert.Equal(("ann@example.com", "acme", "cust-7"), (user.EmbedEmail, user.EmbedEntity, user.EmbedExternalId));
        Assert.EndsWith("/api/scim/v2/embed/users/e-1", Assert.Single(_omni.Requests).Uri.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_userName_lookup_of_users_never_picks_an_embed_user_even_if_omni_lists_one_there()
    {
        _omni.Respond(HttpMethod.Get, HttpStatusCode.OK, TestClients.ListJson(2, 1, Embed, TestClients.UserJson("u-2", "ANN@example.com", "Ann Real")));
        using var client = TestClients.Create(_omni, _time);

        var user = (await _time.Drive(client.Users.FindByUserNameAsync("ann@example.com")))!;

        Assert.Equal("u-2", user.Id);
        Assert.False(user.IsEmbedUser);
    }
}
