using Google.Protobuf.WellKnownTypes;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>
/// Issue 16 item 4 through the plugin: the emulator's key owner (<c>--key-owner</c>) is a SCIM user in the group
/// "Admins"; Check (and, for a user, Diff) refuses deactivating them or taking them out of that group before any
/// write, a Group's Update refuses the latter on the members Omni holds, and Delete refuses deleting them, unless
/// allowSelfLockout is set. Other users are not affected.
/// </summary>
public sealed class SelfLockoutTests : IAsyncLifetime
{
    private const string Owner = "root@example.com";
    private const string OwnerId = "00000000-0000-4000-8000-00000000a001";
    private const string AdminGroupId = "AdminGrp";
    private ProviderHarness H = null!;

    public async Task InitializeAsync()
    {
        H = await ProviderHarness.StartAsync(emulatorOptions: o => o with { KeyOwner = Owner });
        await H.ConfigureAsync();
    }

    public async Task DisposeAsync() => await H.DisposeAsync();

    private static void AssertRefusal(string message)
    {
        Assert.Contains(Owner, message, StringComparison.Ordinal);
        Assert.Contains("allowSelfLockout: true", message, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent to Omni", message, StringComparison.Ordinal);
    }

    private static Struct With(Struct inputs, string key, object? value)
    {
        var copy = inputs.Clone();
        copy.Fields[key] = Wire.Value(value);
        return copy;
    }

    private async Task<ReadResponse> ImportOwnerAsync()
    {
        var read = await H.ImportAsync(ProviderHarness.UserType, "root", Owner);
        Assert.Equal(OwnerId, read.Id);
        return read;
    }

    [Fact]
    public async Task Deactivating_the_key_owner_is_refused_by_check_and_diff_before_any_request()
    {
        var owner = await ImportOwnerAsync();
        var before = await H.TotalRequestsAsync();

        var check = await H.Client.CheckAsync(new CheckRequest
        {
            Urn = ProviderHarness.Urn("root"), Type = ProviderHarness.UserType, Name = "root", Olds = owner.Inputs, News = With(owner.Inputs, "active", false),
        });
        var diff = await ProviderHarness.FailsAsync(() => H.DiffAsync(ProviderHarness.UserType, OwnerId, owner.Properties, owner.Inputs,
            With(owner.Inputs, "active", false)));

        var failure = Assert.Single(check.Failures);
        Assert.Equal("active", failure.Property);
        AssertRefusal(failure.Reason);
        Assert.Contains("deactivates", failure.Reason, StringComparison.Ordinal);
        AssertRefusal(diff.Status.Detail);
        Assert.Equal(before, await H.TotalRequestsAsync());

        // With allowSelfLockout the plan goes through Check and Diff.
        var allowed = With(With(owner.Inputs, "active", false), "allowSelfLockout", true);
        var allowedCheck = await H.Client.CheckAsync(new CheckRequest
        {
            Urn = ProviderHarness.Urn("root"), Type = ProviderHarness.UserType, Name = "root", Olds = owner.Inputs, News = allowed,
        });
        Assert.Empty(allowedCheck.Failures);
        var allowedDiff = await H.DiffAsync(ProviderHarness.UserType, OwnerId, owner.Properties, owner.Inputs, allowedCheck.Inputs);
        Assert.Contains("active", allowedDiff.Diffs);
    }

    [Theory]
    [InlineData("delete")]
    [InlineData("deactivate")]
    public async Task Destroying_the_key_owner_is_refused_in_delete_before_the_request_unless_the_state_allows_it(string deletionMode)
    {
        var owner = await ImportOwnerAsync();
        var state = With(owner.Properties, "deletionMode", deletionMode);
        var deletes = await H.CountAsync("DELETE", "/api/scim/v2/users/{id}");
        var patches = await H.CountAsync("PATCH", "/api/scim/v2/users/{id}");

        var error = await ProviderHarness.FailsAsync(() => H.DeleteAsync(ProviderHarness.UserType, "root", OwnerId, state));

        AssertRefusal(error.Status.Detail);
        Assert.Contains("run `pulumi up`", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(deletes, await H.CountAsync("DELETE", "/api/scim/v2/users/{id}"));
        Assert.Equal(patches, await H.CountAsync("PATCH", "/api/scim/v2/users/{id}"));
        using var omni = H.OutOfBand();
        Assert.True((await omni.Users.GetAsync(OwnerId))!.Active);

        await H.DeleteAsync(ProviderHarness.UserType, "root", OwnerId, With(state, "allowSelfLockout", true));
        Assert.Equal(deletionMode == "delete" ? deletes + 1 : deletes, await H.CountAsync("DELETE", "/api/scim/v2/users/{id}"));
    }

    [Fact]
    public async Task Another_user_is_deactivated_and_deleted_as_usual()
    {
        var other = await H.CreateAsync("other", ProviderHarness.UserInputs("other@example.com", "Other"));
        var inputs = await H.CheckAsync("other", ProviderHarness.UserInputs("other@example.com", "Other", active: false));
        var diff = await H.DiffAsync(ProviderHarness.UserType, other.Id, other.Properties, ProviderHarness.UserInputs("other@example.com", "Other"), inputs);
        Assert.Contains("active", diff.Diffs);
        await H.DeleteAsync(ProviderHarness.UserType, "other", other.Id, other.Properties);
    }

    [Fact]
    public async Task A_group_plan_that_takes_the_key_owner_out_of_the_admin_group_is_refused_by_check_and_delete_not_by_diff()
    {
        var someone = await H.CreateAsync("someone", ProviderHarness.UserInputs("someone@example.com", "Someone"));
        var admins = await H.ImportAsync(GroupRequests.GroupType, "admins", "admins"); // by name, any letter case
        Assert.Equal(AdminGroupId, admins.Id);
        var before = await H.TotalRequestsAsync();

        var without = GroupRequests.GroupInputs("Admins", [someone.Id]);
        var check = await H.CheckAsync(GroupRequests.GroupType, "admins", without);
        var delete = await ProviderHarness.FailsAsync(() => H.DeleteAsync(GroupRequests.GroupType, "admins", admins.Id, admins.Properties));

        var failure = Assert.Single(check.Failures);
        Assert.Equal("memberIds", failure.Property);
        AssertRefusal(failure.Reason);
        Assert.Contains("admin group 'Admins' (memberIds leaves them out)", failure.Reason, StringComparison.Ordinal);
        Assert.Contains($"add their id '{OwnerId}' to memberIds", failure.Reason, StringComparison.Ordinal);
        AssertRefusal(delete.Status.Detail);
        Assert.Equal(0, await H.CountAsync("PATCH", GroupRequests.GroupById) + await H.CountAsync("DELETE", GroupRequests.GroupById));
        Assert.True(await H.TotalRequestsAsync() <= before + 1); // at most the one GET of the owner's groups, once per process

        // Diff describes the change and leaves refusing to Check and Update: the engine runs it after a refresh too.
        var diff = await H.DiffAsync(GroupRequests.GroupType, admins.Id, admins.Properties, admins.Inputs, without);
        Assert.Equal(["memberIds"], diff.Diffs);

        // Keeping the owner, taking them out with allowSelfLockout, or another group by the same rule: allowed.
        Assert.Empty((await H.CheckAsync(GroupRequests.GroupType, "admins", GroupRequests.GroupInputs("Admins", [OwnerId, someone.Id]))).Failures);
        Assert.Empty((await H.CheckAsync(GroupRequests.GroupType, "admins", With(without, "allowSelfLockout", true))).Failures);
        Assert.Empty((await H.CheckAsync(GroupRequests.GroupType, "other", GroupRequests.GroupInputs("Analysts", [someone.Id]))).Failures);
        var unknown = await H.CheckAsync(GroupRequests.GroupType, "admins", GroupRequests.GroupInputs("Admins", [Wire.UnknownString]));
        Assert.Empty(unknown.Failures); // decided in Update, on what Omni holds
    }

    /// <summary>The key owner added to a memberIds-managed admin group outside Pulumi: a refresh and its Diff go
    /// through (they show the drift), the next plan is refused by Check, and Update (reached with a stale state, or when
    /// Check could not decide) reads the members Omni holds and refuses before it writes.</summary>
    [Fact]
    public async Task The_key_owner_added_outside_pulumi_makes_refresh_show_drift_and_update_refuse_before_writing()
    {
        var someone = await H.CreateAsync("someone", ProviderHarness.UserInputs("someone@example.com", "Someone"));
        using var omni = H.OutOfBand();
        await omni.Groups.AddMembersAsync(AdminGroupId, [someone.Id]);
        var imported = await H.ImportAsync(GroupRequests.GroupType, "admins", AdminGroupId);

        // The state as the last `pulumi up` left it, before the owner was added in Omni (the emulator, like Omni, takes
        // the key's rights away while its owner is out of the admin group, so the owner cannot be out of it here).
        var program = GroupRequests.GroupInputs("Admins", [someone.Id]);
        var stale = With(imported.Properties, "memberIds", new[] { someone.Id });
        var ownerEntry = imported.Properties.Fields["members"].ListValue.Values.Single(m => m.StructValue.Fields["id"].StringValue == OwnerId);
        stale.Fields["members"].ListValue.Values.Remove(ownerEntry);
        var admins = (Id: AdminGroupId, Properties: stale, Inputs: program);

        var refreshed = await H.RefreshAsync(GroupRequests.GroupType, "admins", admins.Id, admins.Properties, admins.Inputs);
        Assert.Contains(refreshed.Properties.Fields["members"].ListValue.Values, m => m.StructValue.Fields["id"].StringValue == OwnerId);
        var diff = await H.DiffAsync(GroupRequests.GroupType, refreshed.Id, refreshed.Properties, refreshed.Inputs, program);
        Assert.Equal(["memberIds"], diff.Diffs);

        var check = await H.CheckAsync(GroupRequests.GroupType, "admins", program);
        AssertRefusal(Assert.Single(check.Failures, f => f.Property == "memberIds").Reason);

        var patches = await H.CountAsync("PATCH", GroupRequests.GroupById);
        // After the refresh; and with the stale state (which does not list the owner) and one more member to write.
        var other = await H.CreateAsync("other", ProviderHarness.UserInputs("other@example.com", "Other"));
        var plans = new[]
        {
            (refreshed.Properties, refreshed.Inputs, program),
            (admins.Properties, admins.Inputs, GroupRequests.GroupInputs("Admins", [someone.Id, other.Id])),
        };
        foreach (var (olds, oldInputs, news) in plans)
        {
            var update = await ProviderHarness.FailsAsync(() => H.UpdateAsync(GroupRequests.GroupType, "admins", admins.Id, olds, oldInputs, news));
            AssertRefusal(update.Status.Detail);
            Assert.Contains("admin group 'Admins'", update.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(patches, await H.CountAsync("PATCH", GroupRequests.GroupById));
        Assert.Contains((await omni.Groups.GetAsync(AdminGroupId, excludeMembers: false))!.Members, m => m.Value == OwnerId);

        // With allowSelfLockout the same update is written (after which the emulator, as Omni, refuses the key).
        await H.UpdateAsync(GroupRequests.GroupType, "admins", admins.Id, refreshed.Properties, refreshed.Inputs, With(program, "allowSelfLockout", true));
        Assert.Equal(patches + 1, await H.CountAsync("PATCH", GroupRequests.GroupById));
    }

    [Fact]
    public async Task A_membership_of_the_key_owner_in_the_admin_group_is_not_replaced_or_deleted_without_allowSelfLockout()
    {
        var other = await H.CreateAsync("other", ProviderHarness.UserInputs("other@example.com", "Other"));
        var id = $"{AdminGroupId}/{OwnerId}";
        var membership = await H.ImportAsync(GroupRequests.MembershipType, "root-admin", id);
        Assert.Equal(id, membership.Id);

        // The engine checks the new inputs first (which learns the admin group's id), then diffs.
        var news = GroupRequests.MembershipInputs(AdminGroupId, other.Id);
        var check = await H.CheckAsync(GroupRequests.MembershipType, "root-admin", news);
        Assert.Empty(check.Failures);
        var diff = await ProviderHarness.FailsAsync(() => H.DiffAsync(GroupRequests.MembershipType, id, membership.Properties, membership.Inputs, check.Inputs));
        var delete = await ProviderHarness.FailsAsync(() => H.DeleteAsync(GroupRequests.MembershipType, "root-admin", id, membership.Properties));

        AssertRefusal(diff.Status.Detail);
        AssertRefusal(delete.Status.Detail);
        using var omni = H.OutOfBand();
        Assert.Contains((await omni.Groups.GetAsync(AdminGroupId, excludeMembers: false))!.Members, m => m.Value == OwnerId);

        // allowSelfLockout alone is an in-place update (no replacement), and then the delete goes through.
        var allow = With(membership.Inputs, "allowSelfLockout", true);
        var allowDiff = await H.DiffAsync(GroupRequests.MembershipType, id, membership.Properties, membership.Inputs, allow);
        Assert.Empty(allowDiff.Replaces);
        await H.DeleteAsync(GroupRequests.MembershipType, "root-admin", id, With(membership.Properties, "allowSelfLockout", true));
    }

    [Fact]
    public async Task Memberships_of_other_users_and_groups_are_not_affected()
    {
        var other = await H.CreateAsync("other", ProviderHarness.UserInputs("other@example.com", "Other"));
        var (membership, inputs) = await H.CreateAsync(GroupRequests.MembershipType, "m", GroupRequests.MembershipInputs(AdminGroupId, other.Id));
        await H.DeleteAsync(GroupRequests.MembershipType, "m", membership.Id, membership.Properties);
        Assert.NotNull(inputs);
    }
}
