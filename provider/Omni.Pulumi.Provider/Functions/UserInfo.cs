using Omni.Client;
using Omni.Pulumi.Provider.Resources;
using Omni.Pulumi.Provider.Resources.Users;

namespace Omni.Pulumi.Provider.Functions;

/// <summary>A user as Omni holds it: what <c>getUser</c> returns and each item of <c>getUsers</c>.
/// The same names and shapes as the User resource's outputs, so a value read here can be compared
/// with, or fed into, a managed user.</summary>
internal abstract record UserOutputs
{
    [PulumiProperty("id", Description = "The user's id in Omni.", Required = true)]
    public string Id { get; init; } = "";

    [PulumiProperty("userName", Description = "The user's email, as Omni holds it.", Required = true)]
    public string UserName { get; init; } = "";

    [PulumiProperty("displayName", Description = "The name shown in Omni.", Required = true)]
    public string DisplayName { get; init; } = "";

    [PulumiProperty("active", Description = "Whether the user is active.", Required = true)]
    public bool Active { get; init; }

    [PulumiProperty("attributes", Description = "Every user attribute the user has (Omni's system attributes excepted), as Omni stores them: a string or a list of strings.",
        Required = true, ValueConverter = typeof(PlainAttributeValue))]
    public IReadOnlyDictionary<string, AttributeValue?> Attributes { get; init; } = new Dictionary<string, AttributeValue?>();

    [PulumiProperty("emails", Description = "The user's email addresses.", Required = true)]
    public IReadOnlyList<string> Emails { get; init; } = [];

    [PulumiProperty("groups", Description = "The groups the user belongs to.", Required = true)]
    public IReadOnlyList<UserGroup> Groups { get; init; } = [];

    [PulumiProperty("created", Description = "When Omni created the user (ISO 8601).")]
    public string? Created { get; init; }

    [PulumiProperty("lastModified", Description = "When Omni last modified the user (ISO 8601).")]
    public string? LastModified { get; init; }

    [PulumiProperty("lastLogin", Description = "When the user last logged in (ISO 8601), if ever.")]
    public string? LastLogin { get; init; }

    public static T From<T>(ScimUser user) where T : UserOutputs, new() => new()
    {
        Id = user.Id,
        UserName = user.UserName,
        DisplayName = user.DisplayName,
        Active = user.Active,
        Attributes = UserAttributes.AllButSystem(user) ?? new Dictionary<string, AttributeValue?>(),
        Emails = UserMapping.EmailsOf(user),
        Groups = UserMapping.GroupsOf(user),
        Created = OmniTimestamps.Format(user.Meta?.Created),
        LastModified = OmniTimestamps.Format(user.Meta?.LastModified),
        LastLogin = OmniTimestamps.Format(user.LastLogin),
    };

}

[PulumiType("omni:index:UserInfo", Description = "A user as Omni holds it (the shape getUser returns).")]
internal sealed record UserInfo : UserOutputs;
