using Omni.Client;

namespace Omni.Pulumi.Provider.Resources.Groups;

/// <summary><c>omni:index:GroupMember</c>: one member of a group, as the Group resource's <c>members</c>
/// output holds it. getGroup returns this same type (one token, one shape in the schema).</summary>
[PulumiType("omni:index:GroupMember", Description = "A member of a group.")]
internal sealed record GroupMember
{
    [PulumiProperty("id", Description = "The user's id in Omni.", Required = true)]
    public string Id { get; init; } = "";

    [PulumiProperty("userName", Description = "The user's email, as Omni lists it in the group.")]
    public string? UserName { get; init; }

    public static GroupMember From(ScimGroupMember member) => new() { Id = member.Value, UserName = member.Display };
}
