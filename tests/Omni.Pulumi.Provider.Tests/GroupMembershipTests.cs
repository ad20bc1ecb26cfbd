using Grpc.Core;
using Omni.Client;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;

namespace Omni.Pulumi.Provider.Tests;

public class GroupMembershipTests : HarnessTest
{
    private async Task<(ScimGroup Group, string Alice, string Bob)> GroupWithAliceAsync()
    {
        using var omni = H.OutOfBand();
        var alice = await omni.Users.CreateAsync(new ScimUserCreate("alice@example.com", "Alice"));
        var bob = await omni.Users.CreateAsync(new ScimUserCreate("bob@example.com", "Bob"));
        return (await omni.Groups.CreateAsync("Analysts", [alice.Id]), alice.Id, bob.Id);
    }

    private DeleteRequest Delete(string name, CreateResponse created) =>
        new() { Id = created.Id, Urn = Urn(MembershipType, name), Type = MembershipType, Properties = created.Properties };

    [Fact]
    public async Task Lifecycle_adds_one_member_reads_it_back_and_removes_only_that_member()
    {
        await H.ConfigureAsync();
        var (group, alice, bob) = await GroupWithAliceAsync();

        var (created, inputs) = await H.CreateAsync(MembershipType, "bob-in-analysts", MembershipInputs(group.Id, bob));
        Assert.Equal($"{group.Id}/{bob}", created.Id);
        Assert.Equal(1, await H.CountAsync("PATCH", GroupById));
        using var omni = H.OutOfBand();
        Assert.Equal(new[] { alice, bob }.Order(StringComparer.Ordinal), (await omni.Groups.GetAsync(group.Id))!.Members.Select(m => m.Value).Order(StringComparer.Ordinal));

        var read = await H.RefreshAsync(MembershipType, "bob-in-analysts", created.Id, created.Properties, inputs);
        Assert.Equal(created.Id, read.Id);
        Assert.Equal(bob, read.Inputs.Fields["userId"].StringValue);

        await H.Client.DeleteAsync(Delete("bob-in-analysts", created));
        Assert.Equal([alice], (await omni.Groups.GetAsync(group.Id))!.Members.Select(m => m.Value));

        // The member already gone, then the group too: both count as done.
        await H.Client.DeleteAsync(Delete("bob-in-analysts", created));
        await omni.Groups.DeleteAsync(group.Id);
        await H.Client.DeleteAsync(Delete("bob-in-analysts", created));
    }

    [Fact]
    public async Task Create_for_someone_already_a_member_takes_it_over_without_a_write_and_says_so()
    {
        await H.ConfigureAsync();
        var (group, alice, _) = await GroupWithAliceAsync();
        var patches = await H.CountAsync("PATCH", GroupById);

        var (created, _) = await H.CreateAsync(MembershipType, "alice-in-analysts", MembershipInputs(group.Id, alice));

        Assert.Equal($"{group.Id}/{alice}", created.Id);
        Assert.Equal(patches, await H.CountAsync("PATCH", GroupById));
        var info = Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Info);
        Assert.Equal(Urn(MembershipType, "alice-in-analysts"), info.Urn);
        Assert.Contains("already a member", info.Message, StringComparison.Ordinal);
        Assert.Contains("destroying it will remove", info.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_by_groupId_slash_userId_returns_the_pair_as_inputs()
    {
        await H.ConfigureAsync();
        var (group, alice, bob) = await GroupWithAliceAsync();

        var read = await H.ImportAsync(MembershipType, "alice-in-analysts", $"{group.Id}/{alice}");
        var notMember = await H.ImportAsync(MembershipType, "bob-in-analysts", $"{group.Id}/{bob}");

        Assert.Equal($"{group.Id}/{alice}", read.Id);
        Assert.Equal(group.Id, read.Inputs.Fields["groupId"].StringValue);
        Assert.Equal(alice, read.Inputs.Fields["userId"].StringValue);
        Assert.Equal("", notMember.Id);
        Assert.DoesNotContain(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning); // an import that finds nothing is no drift
    }

    [Fact]
    public async Task Import_of_an_id_that_is_not_a_pair_says_what_the_id_looks_like()
    {
        await H.ConfigureAsync();
        var error = await ProviderHarness.FailsAsync(() => H.ImportAsync(MembershipType, "m", "justagroup"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("'justagroup' is not a GroupMembership id", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("joined by '/'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_user_outside_pulumi_shows_as_the_membership_gone_on_refresh()
    {
        await H.ConfigureAsync();
        var (group, _, bob) = await GroupWithAliceAsync();
        var (created, inputs) = await H.CreateAsync(MembershipType, "bob-in-analysts", MembershipInputs(group.Id, bob));
        using var omni = H.OutOfBand();
        await omni.Users.DeleteAsync(bob);

        var read = await H.RefreshAsync(MembershipType, "bob-in-analysts", created.Id, created.Properties, inputs);

        Assert.Equal("", read.Id);
        var warning = Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning);
        Assert.Equal(Urn(MembershipType, "bob-in-analysts"), warning.Urn);
        Assert.Contains("no longer a member of group 'Analysts'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_after_the_group_was_deleted_is_gone_with_a_warning()
    {
        await H.ConfigureAsync();
        var (group, alice, _) = await GroupWithAliceAsync();
        var read0 = await H.ImportAsync(MembershipType, "a", $"{group.Id}/{alice}");
        using var omni = H.OutOfBand();
        await omni.Groups.DeleteAsync(group.Id);

        var read = await H.RefreshAsync(MembershipType, "a", read0.Id, read0.Properties, read0.Inputs);

        Assert.Equal("", read.Id);
        Assert.Contains("no longer exists", Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_to_a_group_that_does_not_exist_fails_naming_groupId()
    {
        await H.ConfigureAsync();
        var (_, alice, _) = await GroupWithAliceAsync();
        var check = await H.CheckAsync(MembershipType, "m", MembershipInputs("Nope1234", alice));

        var error = await ProviderHarness.FailsAsync(() => H.Client.CreateAsync(new CreateRequest { Urn = Urn(MembershipType, "m"), Type = MembershipType, Properties = check.Inputs }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("groupId", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_create_calls_nothing()
    {
        await H.ConfigureAsync();
        var before = await H.TotalRequestsAsync();

        var created = await H.Client.CreateAsync(new CreateRequest
        {
            Urn = Urn(MembershipType, "p"), Type = MembershipType, Preview = true,
            Properties = Wire.Struct(("groupId", Wire.UnknownString), ("userId", "u1")),
        });

        Assert.Equal(before, await H.TotalRequestsAsync());
        Assert.True(Wire.IsUnknown(created.Properties.Fields["groupId"]));
        Assert.Equal("u1", created.Properties.Fields["userId"].StringValue);
    }

    [Theory]
    [InlineData("", "u1", "groupId", "not empty")]
    [InlineData("g1", "  ", "userId", "not empty")]
    [InlineData("g1/x", "u1", "groupId", "without '/'")]
    [InlineData("g1", "u/1", "userId", "without '/'")]
    public async Task Check_names_an_empty_id_or_one_holding_the_separator_and_says_what_it_must_be(string groupId, string userId, string property, string rule)
    {
        var check = await H.CheckAsync(MembershipType, "m", MembershipInputs(groupId, userId));

        var failure = Assert.Single(check.Failures);
        Assert.Equal(property, failure.Property);
        Assert.Contains(rule, failure.Reason, StringComparison.Ordinal);
        Assert.Contains("'s id", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_change_of_the_pair_replaces_it_creating_the_new_one_first_and_an_unknown_id_counts_as_a_change()
    {
        var olds = MembershipInputs("g1", "u1");

        var none = await H.DiffAsync(MembershipType, "g1/u1", olds, olds, MembershipInputs("g1", "u1"));
        var user = await H.DiffAsync(MembershipType, "g1/u1", olds, olds, MembershipInputs("g1", "u2"));
        var unknown = await H.DiffAsync(MembershipType, "g1/u1", olds, olds, Wire.Struct(("groupId", Wire.UnknownString), ("userId", "u1")));

        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, none.Changes);
        Assert.Equal(["userId"], user.Replaces);
        Assert.Equal(PropertyDiff.Types.Kind.UpdateReplace, user.DetailedDiff["userId"].Kind);
        Assert.False(user.DeleteBeforeReplace);
        Assert.Equal(["groupId"], unknown.Replaces);
    }

    [Fact]
    public async Task Update_of_the_pair_is_never_asked_of_a_membership_and_fails_as_a_provider_bug_if_it_is()
    {
        var olds = MembershipInputs("g1", "u1");
        var error = await ProviderHarness.FailsAsync(() => H.Client.UpdateAsync(new UpdateRequest
        {
            Id = "g1/u1", Urn = Urn(MembershipType, "m"), Type = MembershipType, Olds = olds, OldInputs = olds, News = MembershipInputs("g1", "u2"),
        }).ResponseAsync);

        Assert.Contains("cannot be updated in place", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_allowSelfLockout_changes_in_place_and_that_sends_nothing()
    {
        var olds = MembershipInputs("g1", "u1");
        var news = MembershipInputs("g1", "u1");
        news.Fields["allowSelfLockout"] = Google.Protobuf.WellKnownTypes.Value.ForBool(true);
        var diff = await H.DiffAsync(MembershipType, "g1/u1", olds, olds, news);
        var before = await H.TotalRequestsAsync();

        var updated = await H.Client.UpdateAsync(new UpdateRequest
        {
            Id = "g1/u1", Urn = Urn(MembershipType, "m"), Type = MembershipType, Olds = olds, OldInputs = olds, News = news,
        });

        Assert.Equal(["allowSelfLockout"], diff.Diffs);
        Assert.Empty(diff.Replaces);
        Assert.True(updated.Properties.Fields["allowSelfLockout"].BoolValue);
        Assert.Equal(before, await H.TotalRequestsAsync());
    }
}
