namespace Omni.Pulumi.Provider.Resources.GroupMemberships;

/// <summary>The inputs of <c>omni:index:GroupMembership</c>.</summary>
internal record GroupMembershipArgs
{
    [PulumiProperty("groupId", Description = "The group's id (e.g. a Group resource's `id`). Changing it replaces the membership.",
        Required = true, WillReplaceOnChanges = true)]
    public string GroupId { get; init; } = "";

    [PulumiProperty("userId", Description = "The user's id (e.g. a User resource's `id`). Changing it replaces the membership.",
        Required = true, WillReplaceOnChanges = true)]
    public string UserId { get; init; } = "";
}

/// <summary>The outputs of <c>omni:index:GroupMembership</c>: the pair itself (its id is <c>groupId/userId</c>).</summary>
internal sealed record GroupMembershipState : GroupMembershipArgs;
