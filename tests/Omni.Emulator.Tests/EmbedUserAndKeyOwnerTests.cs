using System.Text.Json.Nodes;
using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

/// <summary>Issue 16: embed users under /api/scim/v2/embed/users, and the key owner of --key-owner (self-lockout).</summary>
public sealed class EmbedUserAndKeyOwnerTests
{
    [Fact]
    public async Task Embed_users_are_listed_read_and_hard_deleted_under_their_own_path_and_never_among_users()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var regular = await emulator.CreateUserAsync("ann@example.com", "Ann");
        // Same userName as a real user: embed users live apart, so nothing collides.
        var embed = await Responses.ExpectAsync(await emulator.PostAsync("/__emulator/embed-users",
            """{"externalId": "cust-42", "email": "ann@example.com", "entity": "acme", "userName": "ann@example.com"}"""), 201);
        var synthetic = await Responses.ExpectAsync(await emulator.PostAsync("/__emulator/embed-users", """{"externalId": "cust-43"}"""), 201);

        Assert.Equal("acme", embed.Str("embedEntity"));
        Assert.Equal("cust-42", embed.Str("embedExternalId"));
        Assert.Equal("ann@example.com", embed.Str("embedEmail"));
        Assert.Matches("^embed-.+@embed\\.omni-emulator\\.local$", synthetic.Str("userName"));

        var users = await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/users"), 200);
        Assert.Equal([regular.Str("id")], users["Resources"]!.AsArray().Select(u => u.Str("id")));
        Assert.Equal(404, (int)(await emulator.GetAsync($"/api/scim/v2/users/{embed.Str("id")}")).StatusCode);
        Assert.Null(regular["embedExternalId"]);

        var embeds = await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/embed/users?count=1"), 200);
        Assert.Equal(2, embeds["totalResults"]!.GetValue<int>());
        Assert.Single(embeds["Resources"]!.AsArray());
        var filtered = await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/embed/users?filter=" + Uri.EscapeDataString("userName eq \"ANN@example.com\"")), 200);
        Assert.Equal(embed.Str("id"), filtered["Resources"]![0].Str("id"));
        Assert.Equal("cust-42", (await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/embed/users/{embed.Str("id")}"), 200)).Str("embedExternalId"));

        Assert.Equal(204, (int)(await emulator.DeleteAsync($"/api/scim/v2/embed/users/{embed.Str("id")}")).StatusCode);
        Assert.Equal(404, (int)(await emulator.GetAsync($"/api/scim/v2/embed/users/{embed.Str("id")}")).StatusCode);
        Assert.Equal(404, (int)(await emulator.DeleteAsync($"/api/scim/v2/embed/users/{embed.Str("id")}")).StatusCode);
        Assert.Equal(200, (int)(await emulator.GetAsync($"/api/scim/v2/users/{regular.Str("id")}")).StatusCode);
    }

    [Fact]
    public async Task Seeded_embed_users_keep_their_id_across_a_reset_and_an_embed_user_needs_an_external_id()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o with { SeedEmbedUsers = [Storage.SeedEmbedUser.Parse("viewer-1=v@example.com")] });
        var before = await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/embed/users"), 200);
        await Responses.ExpectAsync(await emulator.PostAsync("/__emulator/reset", "{}"), 204);
        var after = await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/embed/users"), 200);

        Assert.Equal("v@example.com", before["Resources"]![0].Str("embedEmail"));
        Assert.Equal(before["Resources"]![0].Str("id"), after["Resources"]![0].Str("id"));
        Assert.Contains("externalId", await Responses.ExpectErrorAsync(await emulator.PostAsync("/__emulator/embed-users", "{}"), 400), StringComparison.Ordinal);
    }

    [Fact]
    public void The_flags_parse()
    {
        var options = EmulatorOptions.Parse(["--key-owner", "root@example.com", "--admin-group", "Owners", "--seed-embed-user", "x=y@example.com"]);
        Assert.Equal("root@example.com", options.KeyOwner);
        Assert.Equal("Owners", options.AdminGroup);
        Assert.Equal(new Storage.SeedEmbedUser("x", "y@example.com"), Assert.Single(options.SeedEmbedUsers));
        Assert.Contains("--key-owner", Assert.Throws<ArgumentException>(() => EmulatorOptions.Parse(["--key-owner", "nobody"])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("delete")]
    [InlineData("deactivate")]
    [InlineData("leave-admin-group")]
    public async Task The_key_owner_is_a_scim_user_in_the_admin_group_and_the_key_stops_working_without_them(string how)
    {
        await using var emulator = await TestEmulator.StartAsync(o => o with { KeyOwner = "root@example.com" });
        var whoami = await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/whoami"), 200);
        var ownerId = whoami.Str("userId");
        var owner = await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/users/{ownerId}"), 200);
        Assert.Equal("root@example.com", owner.Str("userName"));
        Assert.Equal("root@example.com", whoami.Str("email"));
        var admins = owner["groups"]!.AsArray().Single();
        Assert.Equal("Admins", admins.Str("display"));

        var cut = how switch
        {
            "delete" => await emulator.DeleteAsync($"/api/scim/v2/users/{ownerId}"),
            "deactivate" => await emulator.PatchAsync($"/api/scim/v2/users/{ownerId}",
                """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}"""),
            _ => await emulator.PatchAsync($"/api/scim/v2/groups/{admins.Str("value")}",
                $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"{{ownerId}}\"]"}]}"""),
        };
        Assert.True(cut.IsSuccessStatusCode);

        Assert.Contains("root@example.com", await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/scim/v2/users"), 403), StringComparison.Ordinal);
        await Responses.ExpectAsync(await emulator.PostAsync("/__emulator/reset", "{}"), 204);
        await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/users"), 200); // the reset seeds the owner again
    }

    [Fact]
    public async Task With_wrong_key_status_403_a_wrong_key_gets_omnis_invalid_bearer_token_and_no_key_still_401()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o with { WrongKeyStatus = 403 });
        using var wrong = emulator.ClientWithToken("not-the-key");
        using var none = emulator.ClientWithToken(null);

        Assert.Contains("Invalid bearer token", await Responses.ExpectErrorAsync(await wrong.GetAsync("/api/v1/whoami"), 403), StringComparison.Ordinal);
        Assert.Equal(401, (int)(await none.GetAsync("/api/v1/whoami")).StatusCode);
        Assert.Equal(403, EmulatorOptions.Parse(["--wrong-key-status", "403"]).WrongKeyStatus);
    }
}
