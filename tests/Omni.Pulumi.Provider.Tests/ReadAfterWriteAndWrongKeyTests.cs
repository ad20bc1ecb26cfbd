using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>
/// Issue 16 items 5 and 6 through the plugin: a 404 on reading an object right after this plugin created it is
/// retried briefly (a real 404 is not), and Omni's 403 "Invalid bearer token" for a wrong key gets the same
/// guidance as a 401.
/// </summary>
public sealed class ReadAfterWriteAndWrongKeyTests
{
    [Fact]
    public async Task A_membership_created_right_after_its_group_survives_a_404_on_reading_the_new_group()
    {
        await using var h = await ProviderHarness.StartAsync();
        await h.ConfigureAsync();
        var user = await h.CreateAsync("ann", ProviderHarness.UserInputs("ann@example.com", "Ann"));
        var (group, _) = await h.CreateAsync(GroupType, "eng", GroupInputs("Engineering"));
        await h.AddFaultAsync(new { method = "GET", path = $"/api/scim/v2/groups/{group.Id}", status = 404, count = 1 });
        var gets = await h.CountAsync("GET", GroupById);

        var (membership, _) = await h.CreateAsync(MembershipType, "ann-eng", MembershipInputs(group.Id, user.Id));

        Assert.Equal($"{group.Id}/{user.Id}", membership.Id);
        Assert.Equal(gets + 2, await h.CountAsync("GET", GroupById)); // the 404, then the group
        using var omni = h.OutOfBand();
        Assert.Contains((await omni.Groups.GetAsync(group.Id, excludeMembers: false))!.Members, m => m.Value == user.Id);
    }

    [Fact]
    public async Task A_real_404_of_a_group_this_plugin_did_not_just_create_is_reported_at_once()
    {
        await using var h = await ProviderHarness.StartAsync();
        await h.ConfigureAsync();
        var user = await h.CreateAsync("ann", ProviderHarness.UserInputs("ann@example.com", "Ann"));
        using var omni = h.OutOfBand();
        var group = await omni.Groups.CreateAsync("Gone Soon");
        await omni.Groups.DeleteAsync(group.Id);
        var gets = await h.CountAsync("GET", GroupById);

        var check = await h.CheckAsync(MembershipType, "m", MembershipInputs(group.Id, user.Id));
        var error = await ProviderHarness.FailsAsync(async () => await h.Client.CreateAsync(new CreateRequest
        {
            Urn = Urn(MembershipType, "m"), Type = MembershipType, Name = "m", Properties = check.Inputs,
        }));

        Assert.Contains("does not exist", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(gets + 1, await h.CountAsync("GET", GroupById));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task A_wrong_key_answered_401_or_omnis_403_invalid_bearer_token_gets_the_key_guidance(int status)
    {
        await using var h = await ProviderHarness.StartAsync(emulatorOptions: o => o with { WrongKeyStatus = status });

        var error = await ProviderHarness.FailsAsync(async () => await h.Client.ConfigureAsync(new ConfigureRequest
        {
            Args = h.ConfigArgs(apiKey: "omni_wrong_key_0123456789"), AcceptSecrets = true, AcceptResources = true,
        }));

        Assert.Contains("rejected omni:apiKey", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Check that it is a current Organization API key", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("omni_wrong_key_0123456789", error.Status.Detail, StringComparison.Ordinal);
        if (status == 403)
        {
            Assert.Contains("Invalid bearer token", error.Status.Detail, StringComparison.Ordinal);
        }
    }
}
