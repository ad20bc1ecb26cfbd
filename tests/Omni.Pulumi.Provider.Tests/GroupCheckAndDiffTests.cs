using Google.Protobuf.WellKnownTypes;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;
using Kind = Pulumirpc.PropertyDiff.Types.Kind;

namespace Omni.Pulumi.Provider.Tests;

public class GroupCheckAndDiffTests : HarnessTest
{
    private static Struct State(string displayName, IEnumerable<object>? memberIds) => GroupInputs(displayName, memberIds);

    [Fact]
    public async Task Check_failures_name_each_property_and_rule()
    {
        var blank = await H.CheckAsync(GroupType, "g", GroupInputs("  "));
        var tooLong = await H.CheckAsync(GroupType, "g", GroupInputs(new string('x', 65)));
        var control = await H.CheckAsync(GroupType, "g", GroupInputs("Data\tTeam", ["u1", "", "u3", "u1"]));

        Assert.Contains("empty", Assert.Single(blank.Failures, f => f.Property == "displayName").Reason, StringComparison.Ordinal);
        Assert.Contains("at most 64 characters", Assert.Single(tooLong.Failures, f => f.Property == "displayName").Reason, StringComparison.Ordinal);
        Assert.Contains("U+0009", Assert.Single(control.Failures, f => f.Property == "displayName").Reason, StringComparison.Ordinal);
        Assert.Contains("not empty", Assert.Single(control.Failures, f => f.Property == "memberIds[1]").Reason, StringComparison.Ordinal);
        Assert.Contains("memberIds[0]", Assert.Single(control.Failures, f => f.Property == "memberIds[3]").Reason, StringComparison.Ordinal);
        Assert.Equal(3, control.Failures.Count);
    }

    [Fact]
    public async Task Check_accepts_64_characters_and_lets_unknowns_pass_unknown()
    {
        var longest = await H.CheckAsync(GroupType, "g", GroupInputs(new string('x', 64), ["u1"]));
        var unknown = await H.CheckAsync(GroupType, "g", GroupInputs(Wire.UnknownString, ["u1", Wire.UnknownString]));

        Assert.Empty(longest.Failures);
        Assert.Empty(unknown.Failures);
        Assert.True(Wire.IsUnknown(unknown.Inputs.Fields["displayName"]));
        Assert.True(Wire.IsUnknown(unknown.Inputs.Fields["memberIds"]), $"memberIds went back as {unknown.Inputs.Fields["memberIds"]}");
    }

    [Fact]
    public async Task Check_reports_a_missing_displayName_and_a_memberIds_that_is_not_a_list()
    {
        var response = await H.CheckAsync(GroupType, "g", Wire.Struct(("memberIds", "u1")));
        Assert.Contains(response.Failures, f => f.Property == "displayName");
        Assert.Contains(response.Failures, f => f.Property == "memberIds");
    }

    [Fact]
    public async Task The_same_members_in_another_order_are_no_change()
    {
        var diff = await H.DiffAsync(GroupType, "g1", State("Eng", ["a", "b", "c"]), GroupInputs("Eng", ["a", "b", "c"]), GroupInputs("Eng", ["c", "a", "b"]));
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, diff.Changes);
    }

    [Fact]
    public async Task A_member_added_or_removed_is_an_in_place_update_of_memberIds()
    {
        var added = await H.DiffAsync(GroupType, "g1", State("Eng", ["a"]), GroupInputs("Eng", ["a"]), GroupInputs("Eng", ["a", "b"]));
        var removed = await H.DiffAsync(GroupType, "g1", State("Eng", ["a", "b"]), GroupInputs("Eng", ["a", "b"]), GroupInputs("Eng", ["b"]));

        foreach (var diff in new[] { added, removed })
        {
            Assert.Equal(["memberIds"], diff.Diffs);
            Assert.Empty(diff.Replaces);
            Assert.Equal(Kind.Update, diff.DetailedDiff["memberIds"].Kind);
        }
    }

    [Fact]
    public async Task A_rename_is_an_in_place_update_and_a_change_of_letter_case_alone_is_no_change()
    {
        var renamed = await H.DiffAsync(GroupType, "g1", State("Eng", null), GroupInputs("Eng"), GroupInputs("Engineering"));
        var recased = await H.DiffAsync(GroupType, "g1", State("Eng", null), GroupInputs("Eng"), GroupInputs("ENG"));

        Assert.Equal(["displayName"], renamed.Diffs);
        Assert.Empty(renamed.Replaces);
        Assert.Equal(Kind.Update, renamed.DetailedDiff["displayName"].Kind);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, recased.Changes);
    }

    [Fact]
    public async Task Starting_and_stopping_to_manage_members_show_as_add_and_delete_of_memberIds()
    {
        var managed = await H.DiffAsync(GroupType, "g1", State("Eng", null), GroupInputs("Eng"), GroupInputs("Eng", ["a"]));
        var unmanaged = await H.DiffAsync(GroupType, "g1", State("Eng", ["a"]), GroupInputs("Eng", ["a"]), GroupInputs("Eng"));
        var unknown = await H.DiffAsync(GroupType, "g1", State("Eng", ["a"]), GroupInputs("Eng", ["a"]), GroupInputs("Eng", ["a", Wire.UnknownString]));

        Assert.Equal(Kind.Add, managed.DetailedDiff["memberIds"].Kind);
        Assert.Equal(Kind.Delete, unmanaged.DetailedDiff["memberIds"].Kind);
        Assert.Equal(Kind.Update, unknown.DetailedDiff["memberIds"].Kind);
        Assert.Empty(unknown.Replaces);
    }

    [Fact]
    public async Task Membership_check_and_diff_every_change_replaces()
    {
        var check = await H.CheckAsync(MembershipType, "m", Wire.Struct(("groupId", "a/b"), ("userId", " ")));
        Assert.Contains("'/'", Assert.Single(check.Failures, f => f.Property == "groupId").Reason, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Single(check.Failures, f => f.Property == "userId").Reason, StringComparison.Ordinal);

        var olds = MembershipInputs("g1", "u1");
        var same = await H.DiffAsync(MembershipType, "g1/u1", olds, olds, MembershipInputs("g1", "u1"));
        var otherUser = await H.DiffAsync(MembershipType, "g1/u1", olds, olds, MembershipInputs("g1", "u2"));

        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, same.Changes);
        Assert.Equal(["userId"], otherUser.Replaces);
        Assert.Equal(Kind.UpdateReplace, otherUser.DetailedDiff["userId"].Kind);
        Assert.False(otherUser.DeleteBeforeReplace);
    }
}
