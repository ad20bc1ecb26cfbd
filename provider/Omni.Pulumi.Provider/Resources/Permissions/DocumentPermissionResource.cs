using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.Permissions;

/// <summary><c>omni:index:DocumentPermission</c>: one principal's direct grant on one document (/api/v1/documents/{id}/permissions).</summary>
[PulumiResource("omni:index:DocumentPermission", Description = "One principal's (a user's or a group's) direct role on one Omni document, beside what it inherits from its folder. "
    + "Authoritative for that principal on that document: creating or updating it sets the principal's direct grant to exactly this role and accessBoost, "
    + "replacing a grant they already had; a grant changed in Omni's UI shows as drift on refresh; destroying it revokes the direct grant (inherited folder access stays). "
    + "Its id is `<documentId>/user/<userId>` or `<documentId>/group/<groupId>`: "
    + "`pulumi import omni:index:DocumentPermission analysts-on-sales <documentId>/group/<groupId>`.")]
internal sealed class DocumentPermissionResource(OmniSession omni, IEngineLog log) : PermissionGrantResource<DocumentPermissionArgs, DocumentPermissionState>(omni, log)
{
    protected override string Token => "omni:index:DocumentPermission";

    protected override string ContentKind => "document";

    protected override string ContentIdName => "documentId";

    protected override string ContentIdOf(DocumentPermissionArgs args) => args.DocumentId;

    protected override DocumentPermissionArgs WithContent(DocumentPermissionArgs args, string contentId) => args with { DocumentId = contentId };

    protected override DocumentPermissionState ToState(DocumentPermissionArgs args) => new()
    {
        DocumentId = args.DocumentId, UserId = args.UserId, GroupId = args.GroupId, Role = args.Role, AccessBoost = args.AccessBoost,
    };

    // Omni's document GET needs one user; the access list names groups too, so both kinds read the direct grants from it.
    protected override async Task<IReadOnlyList<Permit>?> PermitsAsync(OmniClient client, string contentId, Principal principal, CancellationToken cancellationToken) =>
        await OrNullWhenGoneAsync(async () => await client.Permissions
            .ListDocumentAccessAsync(contentId, "direct", principal.IsUser ? "user" : "userGroup", cancellationToken)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

    protected override Task GrantAsync(OmniClient client, string contentId, PermitSubjects subjects, string role, bool accessBoost, CancellationToken cancellationToken) =>
        client.Permissions.GrantDocumentAsync(contentId, subjects, role, accessBoost, cancellationToken);

    protected override Task RevokeAsync(OmniClient client, string contentId, PermitSubjects subjects, CancellationToken cancellationToken) =>
        client.Permissions.RevokeDocumentAsync(contentId, subjects, cancellationToken);
}

/// <summary>The inputs of <c>omni:index:DocumentPermission</c>.</summary>
internal record DocumentPermissionArgs : PermissionGrantArgs
{
    [PulumiProperty("documentId", Description = "The document's id or its identifier (slug), as Omni's document URLs show it. Changing it replaces the permission.",
        Required = true, ReplaceOnChanges = true,
        Pattern = @"^[^/]*[^/\s][^/]*$", PatternMessage = "must be one document's id or identifier: not empty, and without '/'")]
    public string DocumentId { get; init; } = "";
}

/// <summary>The outputs of <c>omni:index:DocumentPermission</c>: the grant as Omni holds it.</summary>
internal sealed record DocumentPermissionState : DocumentPermissionArgs;
