using Omni.Client;

namespace Omni.Pulumi.Provider.Resources.Users;

/// <summary>Omni's user as the resource's outputs.</summary>
internal static class UserMapping
{
    /// <param name="declared">The inputs whose attribute keys are managed and whose provider-only
    /// settings (deletionMode, adoptExisting) are carried into the outputs.</param>
    public static UserState ToState(ScimUser user, UserArgs declared, bool adopted) => new()
    {
        UserName = user.UserName,
        DisplayName = user.DisplayName,
        Active = user.Active,
        Attributes = UserAttributes.AsHeld(declared.Attributes, user),
        DeletionMode = declared.DeletionMode,
        AdoptExisting = declared.AdoptExisting,
        AllowSelfLockout = declared.AllowSelfLockout,
        Emails = EmailsOf(user),
        Groups = GroupsOf(user),
        Created = OmniTimestamps.Format(user.Meta?.Created),
        LastModified = OmniTimestamps.Format(user.Meta?.LastModified),
        LastLogin = OmniTimestamps.Format(user.LastLogin),
        Adopted = adopted,
    };

    /// <summary>What a preview shows before the user exists: the inputs; computed outputs stay unknown.</summary>
    public static UserState Planned(UserArgs args, UserState? olds = null) => new()
    {
        UserName = args.UserName,
        DisplayName = args.DisplayName,
        Active = args.Active,
        Attributes = args.Attributes,
        DeletionMode = args.DeletionMode,
        AdoptExisting = args.AdoptExisting,
        AllowSelfLockout = args.AllowSelfLockout,
        Emails = olds?.Emails ?? [],
        Groups = olds?.Groups ?? [],
        Created = olds?.Created,
        LastModified = olds?.LastModified,
        LastLogin = olds?.LastLogin,
        Adopted = olds?.Adopted ?? false,
    };

    /// <summary>The inputs an import or refresh reports: Omni's values for what the program manages.</summary>
    public static UserArgs ToArgs(ScimUser user, UserArgs settings, IReadOnlyDictionary<string, AttributeValue?>? attributes) => new()
    {
        UserName = user.UserName,
        DisplayName = user.DisplayName,
        Active = user.Active,
        Attributes = attributes,
        DeletionMode = settings.DeletionMode,
        AdoptExisting = settings.AdoptExisting,
        AllowSelfLockout = settings.AllowSelfLockout,
    };

    public static IReadOnlyList<string> EmailsOf(ScimUser user) => [.. user.Emails.Select(e => e.Value)];

    public static IReadOnlyList<UserGroup> GroupsOf(ScimUser user) =>
        [.. user.Groups.Select(g => new UserGroup { Id = g.Value, DisplayName = g.Display })];
}
