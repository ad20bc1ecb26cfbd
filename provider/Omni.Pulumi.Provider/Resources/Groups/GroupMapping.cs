using Omni.Client;

namespace Omni.Pulumi.Provider.Resources.Groups;

/// <summary>Omni's group as the resource's outputs and inputs; memberIds compared as sets.</summary>
internal static class GroupMapping
{
    /// <param name="declaredMemberIds">The memberIds the program declares; null when membership is not managed.</param>
    public static GroupState ToState(ScimGroup group, IReadOnlyList<string>? declaredMemberIds, bool allowSelfLockout = false) => new()
    {
        AllowSelfLockout = allowSelfLockout,
        DisplayName = group.DisplayName,
        MemberIds = declaredMemberIds is null ? null : MemberIdsAsHeld(declaredMemberIds, group),
        Members = [.. group.Members.Select(GroupMember.From)],
        Created = OmniTimestamps.Format(group.Meta?.Created),
        LastModified = OmniTimestamps.Format(group.Meta?.LastModified),
    };

    /// <summary>What a preview shows: the inputs; what Omni computes comes from <paramref name="olds"/> (or stays unknown).</summary>
    public static GroupState Planned(GroupArgs args, GroupState? olds = null) => new()
    {
        AllowSelfLockout = args.AllowSelfLockout,
        DisplayName = args.DisplayName,
        MemberIds = args.MemberIds,
        Members = olds?.Members ?? [],
        Created = olds?.Created,
        LastModified = olds?.LastModified,
    };

    /// <summary>The inputs a refresh or import reports: Omni's name, and its members when they are managed.</summary>
    public static GroupArgs ToArgs(ScimGroup group, IReadOnlyList<string>? declaredMemberIds, bool allowSelfLockout = false) => new()
    {
        AllowSelfLockout = allowSelfLockout,
        DisplayName = group.DisplayName,
        MemberIds = declaredMemberIds is null ? null : MemberIdsAsHeld(declaredMemberIds, group),
    };

    public static IReadOnlyList<string> MemberIdsOf(ScimGroup group) => [.. group.Members.Select(m => m.Value)];

    /// <summary>Order plays no part in membership: two lists are the same when they hold the same ids.</summary>
    public static bool SameMembers(IEnumerable<string> left, IEnumerable<string> right) =>
        new HashSet<string>(left, StringComparer.Ordinal).SetEquals(right);

    /// <summary>The group's members in the program's order (declared ids still members first, then the
    /// others), so that a group holding exactly what is declared reads back exactly as declared.</summary>
    private static List<string> MemberIdsAsHeld(IReadOnlyList<string> declared, ScimGroup group)
    {
        var held = MemberIdsOf(group);
        var heldSet = new HashSet<string>(held, StringComparer.Ordinal);
        var declaredSet = new HashSet<string>(declared, StringComparer.Ordinal);
        return [.. declared.Where(heldSet.Contains).Distinct(StringComparer.Ordinal), .. held.Where(id => !declaredSet.Contains(id))];
    }

}
