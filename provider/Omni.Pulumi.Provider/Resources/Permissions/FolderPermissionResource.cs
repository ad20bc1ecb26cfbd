using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.Permissions;

/// <summary><c>omni:index:FolderPermission</c>: one principal's grant on one folder (/api/v1/folders/{id}/permissions).</summary>
[PulumiResource("omni:index:FolderPermission", Description = "One principal's (a user's or a group's) role on one Omni folder; documents in the folder inherit it. "
    + "Authoritative for that principal on that folder: creating or updating it sets the principal's grant to exactly this role and accessBoost, "
    + "replacing a grant they already had; a grant changed in Omni's UI shows as drift on refresh; destroying it revokes the grant. "
    + "Other principals' grants are left alone. Its id is `<folderId>/user/<userId>` or `<folderId>/group/<groupId>`: "
    + "`pulumi import omni:index:FolderPermission analysts-on-finance <folderId>/group/<groupId>`.")]
internal sealed class FolderPermissionResource(OmniSession omni, IEngineLog log) : PermissionGrantResource<FolderPermissionArgs, FolderPermissionState>(omni, log)
{
    protected override string Token => "omni:index:FolderPermission";

    protected override string ContentKind => "folder";

    protected override string ContentIdName => "folderId";

    protected override string ContentIdOf(FolderPermissionArgs args) => args.FolderId;

    protected override FolderPermissionArgs WithContent(FolderPermissionArgs args, string contentId) => args with { FolderId = contentId };

    protected override FolderPermissionState ToState(FolderPermissionArgs args) => new()
    {
        FolderId = args.FolderId, UserId = args.UserId, GroupId = args.GroupId, Role = args.Role, AccessBoost = args.AccessBoost,
    };

    // Every permit of the folder (an organization key may list them all): groups' permits are matched by name.
    protected override Task<IReadOnlyList<Permit>?> PermitsAsync(OmniClient client, string contentId, Principal principal, CancellationToken cancellationToken) =>
        OrNullWhenGoneAsync(() => client.Permissions.GetFolderPermitsAsync(contentId, principal.IsUser ? principal.Id : null, cancellationToken));

    protected override Task GrantAsync(OmniClient client, string contentId, PermitSubjects subjects, string role, bool accessBoost, CancellationToken cancellationToken) =>
        client.Permissions.GrantFolderAsync(contentId, subjects, role, accessBoost, cancellationToken);

    protected override Task RevokeAsync(OmniClient client, string contentId, PermitSubjects subjects, CancellationToken cancellationToken) =>
        client.Permissions.RevokeFolderAsync(contentId, subjects, cancellationToken);
}

/// <summary>The inputs of <c>omni:index:FolderPermission</c>.</summary>
internal record FolderPermissionArgs : PermissionGrantArgs
{
    [PulumiProperty("folderId", Description = "The folder's id (e.g. a Folder resource's `id`). Changing it replaces the permission.",
        Required = true, ReplaceOnChanges = true,
        Pattern = @"^[^/]*[^/\s][^/]*$", PatternMessage = "must be one folder's id (e.g. a Folder resource's `id`): not empty, and without '/'")]
    public string FolderId { get; init; } = "";
}

/// <summary>The outputs of <c>omni:index:FolderPermission</c>: the grant as Omni holds it.</summary>
internal sealed record FolderPermissionState : FolderPermissionArgs;
