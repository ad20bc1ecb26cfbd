using Omni.Emulator.Json;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Scim;

internal static class ScimRepresentation
{
    private static readonly IReadOnlyList<string> CoreUserSchemas = [ScimSchemas.CoreUser];

    private static readonly IReadOnlyList<string> FullUserSchemas =
        [ScimSchemas.CoreUser, ScimSchemas.UserAttribute, ScimSchemas.OmniUserExtension];

    private static readonly IReadOnlyList<string> GroupSchemas = [ScimSchemas.CoreGroup];

    public static readonly IReadOnlyList<string> ListSchemas = [ScimSchemas.ListResponse];

    /// <summary>
    /// A user as Omni returns it. Omni's create and replace examples list only the core schema URN;
    /// reads list the two Omni extension URNs too.
    /// </summary>
    public static ScimUserResource User(StoredUser user, bool omniSchemas) => new()
    {
        Active = user.Active,
        DisplayName = user.DisplayName,
        Emails = [new ScimEmail(Primary: true, user.UserName)],
        Groups = user.Groups,
        Id = user.Id,
        Meta = new ScimMeta(user.Created, user.LastModified, "User"),
        Schemas = omniSchemas ? FullUserSchemas : CoreUserSchemas,
        UserName = user.UserName,
        Attributes = user.Attributes,
        Extension = new OmniUserExtension(user.LastLogin),
    };

    /// <summary>An embed user: a user's shape plus embedEmail, embedEntity and embedExternalId; no attributes, no groups.</summary>
    public static ScimUserResource EmbedUser(StoredEmbedUser user) => new()
    {
        Active = true,
        DisplayName = user.DisplayName,
        Emails = [new ScimEmail(Primary: true, user.UserName)],
        Groups = [],
        Id = user.Id,
        Meta = new ScimMeta(user.Created, user.LastModified, "User"),
        Schemas = FullUserSchemas,
        UserName = user.UserName,
        Attributes = [],
        Extension = new OmniUserExtension(null),
        EmbedEmail = user.EmbedEmail,
        EmbedEntity = user.EmbedEntity,
        EmbedExternalId = user.EmbedExternalId,
    };

    public static ScimGroupResource Group(StoredGroup group, bool includeMembers) => new()
    {
        DisplayName = group.DisplayName,
        Id = group.Id,
        Members = includeMembers ? group.Members : null,
        Meta = new ScimMeta(group.Created, group.LastModified, "Group"),
        Schemas = GroupSchemas,
    };
}
