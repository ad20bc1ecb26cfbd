using Google.Protobuf.WellKnownTypes;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>
/// Issue 16 item 3 through the plugin: an embed user (its own endpoint, a synthetic userName) is never picked by
/// adoptExisting, import, getUser or getUsers, even when its userName and embedEmail are a real user's; importing
/// one says it is an embed user; getEmbedUsers lists them.
/// </summary>
public sealed class EmbedUserTests : HarnessTest
{
    private Task<InvokeResponse> InvokeAsync(string token, Struct args) =>
        H.Client.InvokeAsync(new InvokeRequest { Tok = token, Args = args }).ResponseAsync;

    [Fact]
    public async Task An_embed_user_with_a_colliding_userName_is_never_adopted_found_or_listed_as_a_user()
    {
        await H.ConfigureAsync();
        var embed = await H.AddEmbedUserAsync(new { externalId = "cust-7", email = "ann@example.com", entity = "acme", userName = "ann@example.com" });
        var embedId = embed.GetProperty("id").GetString()!;

        var before = await InvokeAsync("omni:index:getUser", Wire.Struct(("userName", "ANN@example.com")));
        Assert.Single(before.Failures); // not found: the embed user is not a user

        // adoptExisting: nothing to adopt, so a new SCIM user is made (not the embed user taken over).
        var created = await H.CreateAsync("ann", ProviderHarness.UserInputs("ann@example.com", "Ann", adoptExisting: true));
        Assert.NotEqual(embedId, created.Id);
        Assert.False(created.Properties.Fields["adopted"].BoolValue);

        var byName = await InvokeAsync("omni:index:getUser", Wire.Struct(("userName", "ann@example.com")));
        Assert.Equal(created.Id, byName.Return.Fields["id"].StringValue);
        var byEmbedId = await InvokeAsync("omni:index:getUser", Wire.Struct(("id", embedId)));
        Assert.Single(byEmbedId.Failures);
        var all = await InvokeAsync("omni:index:getUsers", new Struct());
        Assert.Equal([created.Id], all.Return.Fields["users"].ListValue.Values.Select(u => u.StructValue.Fields["id"].StringValue));

        // Import by the email picks the real user.
        var imported = await H.ImportAsync(ProviderHarness.UserType, "ann2", "ann@example.com");
        Assert.Equal(created.Id, imported.Id);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("userName")]
    public async Task Importing_an_embed_user_fails_saying_it_is_one_and_cannot_be_a_User(string by)
    {
        await H.ConfigureAsync();
        var embed = await H.AddEmbedUserAsync(new { externalId = "viewer-9", entity = "acme" });
        var key = by == "id" ? embed.GetProperty("id").GetString()! : embed.GetProperty("userName").GetString()!;

        var error = await ProviderHarness.FailsAsync(() => H.ImportAsync(ProviderHarness.UserType, "viewer", key));

        Assert.Contains("is an embed user", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("cannot be managed as omni:index:User", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("getEmbedUsers", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_an_unknown_id_is_still_not_found()
    {
        await H.ConfigureAsync();
        var read = await H.ImportAsync(ProviderHarness.UserType, "nobody", "00000000-0000-4000-8000-0000000000ff");
        Assert.Equal("", read.Id);
    }

    [Fact]
    public async Task GetEmbedUsers_lists_embed_users_read_only_and_narrows_by_the_embed_fields()
    {
        await H.ConfigureAsync();
        await H.CreateAsync("regular", ProviderHarness.UserInputs("regular@example.com", "Regular"));
        var first = await H.AddEmbedUserAsync(new { externalId = "e-1", email = "one@customer.com", entity = "acme" });
        await H.AddEmbedUserAsync(new { externalId = "e-2", email = "two@customer.com", entity = "globex" });

        var all = await InvokeAsync("omni:index:getEmbedUsers", new Struct());
        var acme = await InvokeAsync("omni:index:getEmbedUsers", Wire.Struct(("embedEntity", "acme")));
        var byEmail = await InvokeAsync("omni:index:getEmbedUsers", Wire.Struct(("embedEmail", "TWO@customer.com")));
        var byUserName = await InvokeAsync("omni:index:getEmbedUsers", Wire.Struct(("userName", first.GetProperty("userName").GetString())));

        Assert.Equal(["e-1", "e-2"], ExternalIds(all));
        Assert.Equal(["e-1"], ExternalIds(acme));
        Assert.Equal(["e-2"], ExternalIds(byEmail));
        Assert.Equal(["e-1"], ExternalIds(byUserName));
        var user = all.Return.Fields["users"].ListValue.Values[0].StructValue.Fields;
        Assert.Equal(first.GetProperty("id").GetString(), user["id"].StringValue);
        Assert.Equal("one@customer.com", user["embedEmail"].StringValue);
        Assert.Equal("acme", user["embedEntity"].StringValue);
        Assert.NotEmpty(user["created"].StringValue);
    }

    private static IReadOnlyList<string> ExternalIds(InvokeResponse response)
    {
        Assert.Empty(response.Failures);
        return [.. response.Return.Fields["users"].ListValue.Values.Select(u => u.StructValue.Fields["embedExternalId"].StringValue)];
    }
}
