using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Omni.Client;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>
/// Issue 16 through the plugin: an email change is an in-place PATCH (items 1), a userName that differs only in
/// letter case is no change on every path (item 7), and an attribute Omni stores in another form than it was
/// sent is no drift (item 8, with the emulator's --bool-attributes yes-no on and off).
/// </summary>
public class UserEmailAndStoredFormTests
{
    private const string UserById = "/api/scim/v2/users/{id}";

    private static async Task<DiffResponse> DiffAsync(ProviderHarness h, string name, string id, Struct olds, Struct? oldInputs, Struct news) =>
        await h.Client.DiffAsync(new DiffRequest
        {
            Id = id, Urn = ProviderHarness.Urn(name), Type = ProviderHarness.UserType, Olds = olds, OldInputs = oldInputs, News = news,
        });

    private static async Task<ReadResponse> RefreshAsync(ProviderHarness h, string name, string id, Struct properties, Struct inputs) =>
        await h.Client.ReadAsync(new ReadRequest
        {
            Id = id, Urn = ProviderHarness.Urn(name), Type = ProviderHarness.UserType, Properties = properties, Inputs = inputs,
        });

    [Fact]
    public async Task An_email_change_is_an_update_in_place_with_one_patch_keeping_the_id()
    {
        await using var h = await ProviderHarness.StartAsync();
        await h.ConfigureAsync();
        var oldInputs = await h.CheckAsync("bob", ProviderHarness.UserInputs("bob@example.com", "Bob"));
        var created = await h.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn("bob"), Type = ProviderHarness.UserType, Name = "bob", Properties = oldInputs });
        var news = await h.CheckAsync("bob", ProviderHarness.UserInputs("robert@example.com", "Bob"));

        var diff = await DiffAsync(h, "bob", created.Id, created.Properties, oldInputs, news);

        Assert.Equal(DiffResponse.Types.DiffChanges.DiffSome, diff.Changes);
        Assert.Equal(["userName"], diff.Diffs);
        Assert.Empty(diff.Replaces);
        Assert.Equal(PropertyDiff.Types.Kind.Update, diff.DetailedDiff["userName"].Kind);
        Assert.False(diff.DeleteBeforeReplace && diff.Replaces.Count > 0);

        var patches = await h.CountAsync("PATCH", UserById);
        var posts = await h.CountAsync("POST", "/api/scim/v2/users");
        var updated = await h.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = ProviderHarness.Urn("bob"), Type = ProviderHarness.UserType, Olds = created.Properties, OldInputs = oldInputs, News = news,
        });

        Assert.Equal(patches + 1, await h.CountAsync("PATCH", UserById));
        Assert.Equal(posts, await h.CountAsync("POST", "/api/scim/v2/users"));
        Assert.Equal("robert@example.com", updated.Properties.Fields["userName"].StringValue);
        using var omni = h.OutOfBand();
        var user = (await omni.Users.GetAsync(created.Id))!;
        Assert.Equal("robert@example.com", user.UserName);
        Assert.Equal("Bob", user.DisplayName);
    }

    [Fact]
    public async Task An_email_that_belongs_to_another_user_fails_naming_both_emails_and_the_choices()
    {
        await using var h = await ProviderHarness.StartAsync();
        await h.ConfigureAsync();
        using var omni = h.OutOfBand();
        var other = await omni.Users.CreateAsync(new ScimUserCreate("taken@example.com", "Someone Else"));
        var oldInputs = await h.CheckAsync("carl", ProviderHarness.UserInputs("carl@example.com", "Carl"));
        var created = await h.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn("carl"), Type = ProviderHarness.UserType, Name = "carl", Properties = oldInputs });
        var news = await h.CheckAsync("carl", ProviderHarness.UserInputs("taken@example.com", "Carl"));

        var error = await ProviderHarness.FailsAsync(() => h.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = ProviderHarness.Urn("carl"), Type = ProviderHarness.UserType, Olds = created.Properties, OldInputs = oldInputs, News = news,
        }).ResponseAsync);

        Assert.Contains("'carl@example.com'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("'taken@example.com'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("pulumi import omni:index:User", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("pulumi up --replace", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("carl@example.com", (await omni.Users.GetAsync(created.Id))!.UserName);
        Assert.Equal("Someone Else", (await omni.Users.GetAsync(other.Id))!.DisplayName);
    }

    [Fact]
    public async Task A_userName_differing_only_in_case_is_no_change_on_create_adopt_import_and_refresh()
    {
        await using var h = await ProviderHarness.StartAsync();
        await h.ConfigureAsync();
        using var omni = h.OutOfBand();
        var program = ProviderHarness.UserInputs("Dana.Case@Example.com", "Dana");

        // Create: Omni's answer is kept; the program's spelling diffs as no change, preview and after.
        var inputs = await h.CheckAsync("dana", program);
        var created = await h.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn("dana"), Type = ProviderHarness.UserType, Name = "dana", Properties = inputs });
        var lower = await h.CheckAsync("dana", ProviderHarness.UserInputs("dana.case@example.com", "Dana"));
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, (await DiffAsync(h, "dana", created.Id, created.Properties, inputs, lower)).Changes);

        // Refresh after Omni changed the letter case: no change against the program.
        await omni.Users.PatchAsync(created.Id, new ScimUserPatch().SetUserName("DANA.CASE@EXAMPLE.COM").SetDisplayName("Dana"));
        var refreshed = await RefreshAsync(h, "dana", created.Id, created.Properties, inputs);
        Assert.Equal(created.Id, refreshed.Id);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, (await DiffAsync(h, "dana", refreshed.Id, refreshed.Properties, refreshed.Inputs, inputs)).Changes);

        // Import by the program's spelling finds the user; the imported inputs then diff as no change.
        var imported = await h.Client.ReadAsync(new ReadRequest { Id = "dana.case@example.com", Urn = ProviderHarness.Urn("dana"), Type = ProviderHarness.UserType, Name = "dana", Properties = new Struct() });
        Assert.Equal(created.Id, imported.Id);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, (await DiffAsync(h, "dana", imported.Id, imported.Properties, imported.Inputs, inputs)).Changes);

        // Adopt: a second program's spelling adopts the same user with no change, and diffs as none.
        var adoptInputs = await h.CheckAsync("dana2", ProviderHarness.UserInputs("dana.CASE@example.COM", "Dana", adoptExisting: true));
        var adopted = await h.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn("dana2"), Type = ProviderHarness.UserType, Name = "dana2", Properties = adoptInputs });
        Assert.Equal(created.Id, adopted.Id);
        Assert.True(adopted.Properties.Fields["adopted"].BoolValue);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, (await DiffAsync(h, "dana2", adopted.Id, adopted.Properties, adoptInputs, adoptInputs)).Changes);
        Assert.Equal("DANA.CASE@EXAMPLE.COM", (await omni.Users.GetAsync(created.Id))!.UserName); // never re-sent
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_value_omni_stores_in_its_own_form_is_no_drift_and_any_other_value_is(bool booleanAttributesAsYesNo)
    {
        await using var h = await ProviderHarness.StartAsync(booleanAttributesAsYesNo: booleanAttributesAsYesNo);
        await h.ConfigureAsync();
        var program = ProviderHarness.UserInputs("blob@example.com", "Blob", Wire.Map(("good_blob", true), ("region", "eu")));
        var inputs = await h.CheckAsync("blob", program);
        var created = await h.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn("blob"), Type = ProviderHarness.UserType, Name = "blob", Properties = inputs });
        using var omni = h.OutOfBand();
        var stored = (await omni.Users.GetAsync(created.Id))!.Attributes["good_blob"];
        Assert.Equal(AttributeValue.Of(booleanAttributesAsYesNo ? "yes" : "true"), stored);

        // The state holds Omni's form; a refresh that finds it unchanged shows no change, now and after another update.
        Assert.Equal(booleanAttributesAsYesNo ? "yes" : "true", created.Properties.Fields["attributes"].StructValue.Fields["good_blob"].StringValue);
        var refreshed = await RefreshAsync(h, "blob", created.Id, created.Properties, inputs);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, (await DiffAsync(h, "blob", refreshed.Id, refreshed.Properties, refreshed.Inputs, inputs)).Changes);

        var renamed = await h.CheckAsync("blob", ProviderHarness.UserInputs("blob@example.com", "Blob Two", Wire.Map(("good_blob", true), ("region", "eu"))));
        var diff = await DiffAsync(h, "blob", refreshed.Id, refreshed.Properties, refreshed.Inputs, renamed);
        Assert.Equal(["displayName"], diff.Diffs);
        var updated = await h.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = ProviderHarness.Urn("blob"), Type = ProviderHarness.UserType, Olds = refreshed.Properties, OldInputs = refreshed.Inputs, News = renamed,
        });
        var again = await RefreshAsync(h, "blob", created.Id, updated.Properties, renamed);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, (await DiffAsync(h, "blob", again.Id, again.Properties, again.Inputs, renamed)).Changes);

        // A different value set in Omni is drift: the refresh reports it and the program's value is sent back.
        await omni.Users.PatchAsync(created.Id, new ScimUserPatch().SetAttribute("good_blob", AttributeValue.Of("maybe")));
        var drifted = await RefreshAsync(h, "blob", created.Id, again.Properties, again.Inputs);
        Assert.Equal("maybe", drifted.Inputs.Fields["attributes"].StructValue.Fields["good_blob"].StringValue);
        var driftDiff = await DiffAsync(h, "blob", drifted.Id, drifted.Properties, drifted.Inputs, renamed);
        Assert.Equal(["attributes.good_blob"], driftDiff.DetailedDiff.Keys);
        await h.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = ProviderHarness.Urn("blob"), Type = ProviderHarness.UserType, Olds = drifted.Properties, OldInputs = drifted.Inputs, News = renamed,
        });
        Assert.Equal(stored, (await omni.Users.GetAsync(created.Id))!.Attributes["good_blob"]);
    }
}
