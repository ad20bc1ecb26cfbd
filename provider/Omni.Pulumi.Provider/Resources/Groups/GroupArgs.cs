namespace Omni.Pulumi.Provider.Resources.Groups;

/// <summary>The inputs of <c>omni:index:Group</c>.</summary>
internal record GroupArgs
{
    public const int MaxDisplayNameLength = 64;

    [PulumiProperty("displayName", Description = "The group's name in Omni: at most 64 characters, unique in the organisation, no control characters. "
        + "Renaming updates the group in place. Compared case-insensitively, as Omni compares group names: a change of letter case alone is "
        + "no change, whether it comes from the program, an import or a refresh.", Required = true, IgnoreCase = true)]
    public string DisplayName { get; init; } = "";

    [PulumiProperty("memberIds", Description = "The ids of the users in the group (e.g. User resources' `id`), in any order. When set, it is authoritative: "
        + "the group's members become exactly these, and members added outside Pulumi are removed. When unset, membership is not managed by this resource. "
        + "Do not combine memberIds with GroupMembership resources for the same group: each would undo the other's changes.",
        Unordered = true)]
    public IReadOnlyList<string>? MemberIds { get; init; }

    [PulumiProperty("allowSelfLockout", Description = SelfLockout.Description, Default = false)]
    public bool AllowSelfLockout { get; init; }
}

/// <summary>The outputs of <c>omni:index:Group</c>: the inputs as Omni holds them, and what Omni computes.</summary>
internal sealed record GroupState : GroupArgs
{
    // The same omni:index:GroupMember type that getGroup returns: one token, one shape in the schema.
    [PulumiProperty("members", Description = "The group's members as Omni lists them, whether or not memberIds manages them.", Required = true,
        SecretWith = "memberIds")]
    public IReadOnlyList<GroupMember> Members { get; init; } = [];

    [PulumiProperty("created", Description = "When Omni created the group (ISO 8601).")]
    public string? Created { get; init; }

    [PulumiProperty("lastModified", Description = "When Omni last modified the group (ISO 8601).")]
    public string? LastModified { get; init; }
}
