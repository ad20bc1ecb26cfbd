using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Omni.Client;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>A refresh of many memberships of one group GETs that group once (okta#808), counted
/// by the emulator; writes through the provider and failures make the next Read GET again.</summary>
public class GroupRefreshReadTests : HarnessTest
{
    private sealed record Membership(string Name, CreateResponse Created, Struct Inputs);

    private async Task<(ScimGroup Group, List<Membership> Memberships, string Outsider)> GroupWithMembershipsAsync(int count)
    {
        using var omni = H.OutOfBand();
        var group = await omni.Groups.CreateAsync("Analysts", []);
        var memberships = new List<Membership>();
        for (var i = 0; i < count; i++)
        {
            var user = await omni.Users.CreateAsync(new ScimUserCreate($"user{i}@example.com", $"User {i}"));
            var name = $"m{i}";
            var (created, inputs) = await H.CreateAsync(MembershipType, name, MembershipInputs(group.Id, user.Id));
            memberships.Add(new Membership(name, created, inputs));
        }

        var outsider = await omni.Users.CreateAsync(new ScimUserCreate("outsider@example.com", "Outsider"));
        return (group, memberships, outsider.Id);
    }

    private Task<ReadResponse> RefreshAsync(Membership m) => H.RefreshAsync(MembershipType, m.Name, m.Created.Id, m.Created.Properties, m.Inputs);

    private Task<int> GroupGetsAsync() => H.CountAsync("GET", GroupById);

    [Fact]
    public async Task Parallel_refreshes_of_memberships_of_one_group_GET_it_once()
    {
        await H.ConfigureAsync();
        var (_, memberships, _) = await GroupWithMembershipsAsync(5);
        var before = await GroupGetsAsync();

        var reads = await Task.WhenAll(memberships.Select(RefreshAsync));
        var again = await RefreshAsync(memberships[0]);

        Assert.Equal(1, await GroupGetsAsync() - before);
        Assert.Equal(memberships.Select(m => m.Created.Id), reads.Select(r => r.Id));
        Assert.Equal(memberships[0].Created.Id, again.Id);
    }

    [Fact]
    public async Task A_membership_create_or_delete_makes_the_next_refresh_GET_the_group_again()
    {
        await H.ConfigureAsync();
        var (group, memberships, outsider) = await GroupWithMembershipsAsync(2);
        await RefreshAsync(memberships[0]);

        var gets = await GroupGetsAsync();
        var (created, inputs) = await H.CreateAsync(MembershipType, "outsider", MembershipInputs(group.Id, outsider));
        Assert.Equal(gets + 1, await GroupGetsAsync()); // Create's "already a member" check reads Omni itself
        var added = await H.RefreshAsync(MembershipType, "outsider", created.Id, created.Properties, inputs);
        Assert.Equal(created.Id, added.Id);
        Assert.Equal(gets + 2, await GroupGetsAsync());

        await H.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = Urn(MembershipType, "outsider"), Type = MembershipType, Properties = created.Properties });
        var removed = await H.RefreshAsync(MembershipType, "outsider", created.Id, created.Properties, inputs);
        Assert.Equal("", removed.Id);
        Assert.Equal(gets + 3, await GroupGetsAsync());
    }

    [Fact]
    public async Task A_failed_GET_is_not_reused_by_the_next_refresh()
    {
        await H.ConfigureAsync(maxRetries: 0);
        var (_, memberships, _) = await GroupWithMembershipsAsync(1);
        await H.AddFaultAsync(new { method = "GET", path = Groups, status = 500, phase = "before", count = 1 });
        var before = await GroupGetsAsync();

        var error = await ProviderHarness.FailsAsync(() => RefreshAsync(memberships[0]));
        var read = await RefreshAsync(memberships[0]);

        Assert.NotEqual(StatusCode.OK, error.StatusCode);
        Assert.Equal(memberships[0].Created.Id, read.Id);
        Assert.Equal(2, await GroupGetsAsync() - before);
    }

    [Fact]
    public async Task A_group_refresh_and_its_memberships_share_the_GET_and_a_group_update_invalidates_it()
    {
        await H.ConfigureAsync();
        var (group, memberships, _) = await GroupWithMembershipsAsync(1);
        var (createdGroup, groupInputs) = await H.CreateAsync(GroupType, "other", GroupInputs("Other"));
        var imported = await H.ImportAsync(GroupType, "analysts", group.Id); // an import reads Omni itself, uncached
        var before = await GroupGetsAsync();

        await H.RefreshAsync(GroupType, "other", createdGroup.Id, createdGroup.Properties, groupInputs);
        await H.Client.UpdateAsync(new UpdateRequest
        {
            Id = createdGroup.Id, Urn = Urn(GroupType, "other"), Type = GroupType,
            Olds = createdGroup.Properties, OldInputs = groupInputs, News = GroupInputs("Renamed"),
        });
        var renamed = await H.RefreshAsync(GroupType, "other", createdGroup.Id, createdGroup.Properties, GroupInputs("Renamed"));
        await RefreshAsync(memberships[0]);
        var analysts = await H.RefreshAsync(GroupType, "analysts", group.Id, imported.Properties, imported.Inputs);

        Assert.Equal("Renamed", renamed.Properties.Fields["displayName"].StringValue);
        Assert.Equal(group.Id, analysts.Id);
        Assert.Equal(3, await GroupGetsAsync() - before); // other, other after its update, analysts shared with its membership
    }

    [Fact]
    public async Task Deleting_a_user_through_the_provider_makes_the_next_refresh_of_their_membership_GET_the_group_again()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var group = await omni.Groups.CreateAsync("Analysts", []);
        var (user, _) = await H.CreateAsync(ProviderHarness.UserType, "dana", ProviderHarness.UserInputs("dana@example.com", "Dana"));
        var (created, inputs) = await H.CreateAsync(MembershipType, "dana-in", MembershipInputs(group.Id, user.Id));
        Assert.Equal(created.Id, (await H.RefreshAsync(MembershipType, "dana-in", created.Id, created.Properties, inputs)).Id);
        var gets = await GroupGetsAsync();

        await H.Client.DeleteAsync(new DeleteRequest { Id = user.Id, Urn = ProviderHarness.Urn("dana"), Type = ProviderHarness.UserType, Properties = user.Properties });
        var gone = await H.RefreshAsync(MembershipType, "dana-in", created.Id, created.Properties, inputs);

        Assert.Equal("", gone.Id); // Omni took her out of the group; a shared answer from before would still list her
        Assert.Equal(gets + 1, await GroupGetsAsync());
    }
}
