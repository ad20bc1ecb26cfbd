using Omni.Client;

namespace Omni.Pulumi.Provider.Resources.Users;

/// <summary>The inputs of <c>omni:index:User</c>.</summary>
internal record UserArgs
{
    public const string Delete = "delete";
    public const string Deactivate = "deactivate";

    [PulumiProperty("userName", Description = "The user's email; compared case-insensitively. Changing it updates the same Omni user in place "
        + "(same id, content and schedules); a change of letter case alone is no change.",
        Required = true, IgnoreCase = true,
        Pattern = @"^[^@\s]+@[^@\s]+\.[^@\s]+$", PatternMessage = "must be the user's email address, e.g. alice@example.com")]
    public string UserName { get; init; } = "";

    [PulumiProperty("displayName", Description = "The name shown in Omni.", Required = true,
        Pattern = @"\S", PatternMessage = "must not be empty: it is the name Omni shows")]
    public string DisplayName { get; init; } = "";

    /// <summary>Bound from the program's plain values (string, number, bool, list) by <see cref="PlainAttributeValue"/>;
    /// after Check, as Omni stores them. A null value clears the attribute.</summary>
    [PulumiProperty("attributes", Description = "User attribute reference names to values (string, number, bool or list), as Omni stores them.",
        ValueConverter = typeof(PlainAttributeValue))]
    public IReadOnlyDictionary<string, AttributeValue?>? Attributes { get; init; }

    [PulumiProperty("active", Description = "Whether the user is active. Default true.", Default = true)]
    public bool Active { get; init; } = true;

    [PulumiProperty("deletionMode", Description = "What destroying the resource does in Omni: delete (remove the user) or deactivate (set active=false).",
        Default = Delete, AllowedValues = [Delete, Deactivate])]
    public string DeletionMode { get; init; } = Delete;

    [PulumiProperty("adoptExisting", Description = "When true and a user with this userName already exists, adopt it instead of failing with 409.",
        Default = false)]
    public bool AdoptExisting { get; init; }

    [PulumiProperty("allowSelfLockout", Description = SelfLockout.Description, Default = false)]
    public bool AllowSelfLockout { get; init; }
}

/// <summary>The outputs of <c>omni:index:User</c>: the inputs as Omni holds them, and what Omni computes.</summary>
internal sealed record UserState : UserArgs
{
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

    [PulumiProperty("adopted", Description = "True when the user existed before and was adopted by this resource.", Required = true)]
    public bool Adopted { get; init; }
}

[PulumiType("omni:index:UserGroup", Description = "A group the user belongs to.")]
internal sealed record UserGroup
{
    [PulumiProperty("id", Description = "The group's id (Omni's short id).", Required = true)]
    public string Id { get; init; } = "";

    [PulumiProperty("displayName", Description = "The group's name.")]
    public string? DisplayName { get; init; }
}
