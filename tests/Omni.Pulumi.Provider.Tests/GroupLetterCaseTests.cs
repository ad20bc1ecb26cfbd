using Omni.Pulumi.Provider.Tests.Harness;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>
/// Issue 16 item 7 through the plugin: a group's displayName that differs from Omni's only in letter case is no
/// change on every path: after create, import (by name in another case), refresh (Omni re-cased it), and an
/// update that changes members sends no rename.
/// </summary>
public sealed class GroupLetterCaseTests : HarnessTest
{
    private const DiffResponse.Types.DiffChanges None = DiffResponse.Types.DiffChanges.DiffNone;

    [Fact]
    public async Task Create_then_a_program_in_another_case_is_no_change()
    {
        await H.ConfigureAsync();
        var (created, inputs) = await H.CreateAsync(GroupType, "eng", GroupInputs("Engineering"));

        var check = await H.CheckAsync(GroupType, "eng", GroupInputs("ENGINEERING"));
        var diff = await H.DiffAsync(GroupType, created.Id, created.Properties, inputs, check.Inputs);

        Assert.Equal(None, diff.Changes);
    }

    [Fact]
    public async Task Import_by_name_in_another_case_then_the_program_in_a_third_case_is_no_change()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var group = await omni.Groups.CreateAsync("Data Team");

        var read = await H.ImportAsync(GroupType, "data", "DATA TEAM");
        var check = await H.CheckAsync(GroupType, "data", GroupInputs("data team", []));
        var diff = await H.DiffAsync(GroupType, read.Id, read.Properties, read.Inputs, check.Inputs);

        Assert.Equal(group.Id, read.Id);
        Assert.Equal("Data Team", read.Inputs.Fields["displayName"].StringValue);
        Assert.Equal(None, diff.Changes);
    }

    [Fact]
    public async Task Refresh_after_omni_recased_the_name_is_no_change_and_an_update_of_members_sends_no_rename()
    {
        await H.ConfigureAsync();
        var alice = await H.CreateAsync("alice", ProviderHarness.UserInputs("alice@example.com", "Alice"));
        var (created, inputs) = await H.CreateAsync(GroupType, "ops", GroupInputs("Ops", []));
        using var omni = H.OutOfBand();
        await omni.Groups.ReplaceAsync(created.Id, "OPS", null); // re-cased in Omni's UI

        var refreshed = await H.RefreshAsync(GroupType, "ops", created.Id, created.Properties, inputs);
        var diff = await H.DiffAsync(GroupType, created.Id, refreshed.Properties, refreshed.Inputs, inputs);
        Assert.Equal("OPS", refreshed.Properties.Fields["displayName"].StringValue);
        Assert.Equal(None, diff.Changes);

        // The program adds a member: one PATCH with the members only; Omni's name stays "OPS".
        var news = (await H.CheckAsync(GroupType, "ops", GroupInputs("Ops", [alice.Id]))).Inputs;
        var memberDiff = await H.DiffAsync(GroupType, created.Id, refreshed.Properties, refreshed.Inputs, news);
        Assert.Equal(["memberIds"], memberDiff.Diffs);
        var updated = await H.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = Urn(GroupType, "ops"), Type = GroupType, Olds = refreshed.Properties, OldInputs = refreshed.Inputs, News = news,
        });
        Assert.Equal("OPS", updated.Properties.Fields["displayName"].StringValue);
        Assert.Equal("OPS", (await omni.Groups.GetAsync(created.Id, excludeMembers: false))!.DisplayName);
    }
}
