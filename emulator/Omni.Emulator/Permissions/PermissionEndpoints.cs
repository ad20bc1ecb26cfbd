using System.Text.Json;
using System.Text.Json.Nodes;
using Omni.Emulator.Auth;
using Omni.Emulator.Folders;
using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Permissions;

/// <summary>
/// Folder and document permissions: GET the permits, POST grants, PATCH changes, DELETE revokes (all
/// writes answer {success: true}); document settings (PUT) and the document access list. A personal
/// access token manages only the permissions of content it owns (MANAGER); an organization key, all.
/// </summary>
internal static class PermissionEndpoints
{
    private static readonly string[] OrganizationRoles = ["viewer", "editor", "manager", "no_access"];
    private static readonly string[] SettingFlags =
        ["organizationAccessBoost", "requirePullRequestToPublish", "canDownload", "canDrill", "canSchedule", "canUpload", "canUseDashboardAi", "canViewWorkbook"];

    public static void MapPermissionEndpoints(this IEndpointRouteBuilder app)
    {
        var folder = app.MapGroup("/api/v1/folders/{folderId}/permissions");
        folder.MapGet("", GetFolderPermitsAsync);
        folder.MapPost("", (string folderId, HttpContext context, FolderStore folders, PermitStore permits, CancellationToken ct) =>
            WriteFolderAsync(folderId, context, folders, permits, PermitRequest.ForGrant, (r, id) =>
                permits.GrantAsync(PermitStore.Folder, id, r.UserIds, r.GroupIds, r.Role!, r.AccessBoost ?? false, ct), ct));
        folder.MapPatch("", (string folderId, HttpContext context, FolderStore folders, PermitStore permits, CancellationToken ct) =>
            WriteFolderAsync(folderId, context, folders, permits, PermitRequest.ForUpdate, (r, id) =>
                permits.UpdateAsync(PermitStore.Folder, id, r.UserIds, r.GroupIds, r.Role, r.AccessBoost, ct), ct));
        folder.MapDelete("", (string folderId, HttpContext context, FolderStore folders, PermitStore permits, CancellationToken ct) =>
            WriteFolderAsync(folderId, context, folders, permits, PermitRequest.ForRevoke, (r, id) =>
                permits.RevokeAsync(PermitStore.Folder, id, r.UserIds, r.GroupIds, ct), ct));

        var document = app.MapGroup("/api/v1/documents/{identifier}");
        document.MapGet("/permissions", GetDocumentPermitsAsync);
        document.MapPut("/permissions", UpdateSettingsAsync);
        document.MapPost("/permissions", (string identifier, HttpContext context, DocumentStore documents, PermitStore permits, CancellationToken ct) =>
            WriteDocumentAsync(identifier, context, documents, PermitRequest.ForGrant, (r, id) =>
                permits.GrantAsync(PermitStore.Document, id, r.UserIds, r.GroupIds, r.Role!, r.AccessBoost ?? false, ct), ct));
        document.MapPatch("/permissions", (string identifier, HttpContext context, DocumentStore documents, PermitStore permits, CancellationToken ct) =>
            WriteDocumentAsync(identifier, context, documents, PermitRequest.ForUpdate, (r, id) =>
                permits.UpdateAsync(PermitStore.Document, id, r.UserIds, r.GroupIds, r.Role, r.AccessBoost, ct), ct));
        document.MapDelete("/permissions", (string identifier, HttpContext context, DocumentStore documents, PermitStore permits, CancellationToken ct) =>
            WriteDocumentAsync(identifier, context, documents, PermitRequest.ForRevoke, (r, id) =>
                permits.RevokeAsync(PermitStore.Document, id, r.UserIds, r.GroupIds, ct), ct));
        document.MapGet("/access-list", GetAccessListAsync);
    }

    private static async Task<IResult> GetFolderPermitsAsync(string folderId, HttpContext context, FolderStore folders, PermitStore permits,
        CancellationToken cancellationToken)
    {
        var folder = await FindFolderAsync(folderId, folders, cancellationToken).ConfigureAwait(false);
        var userId = QueryValues.Uuid(context.Request, "userId");
        if (userId is null || folder.Scope != "organization")
        {
            FolderEndpoints.RequireOwner(context, folder, userId is null ? "MANAGER" : "VIEWER");
        }

        return Results.Json(new PermitsBody(await PermitsForAsync(PermitStore.Folder, folder.Id, userId, permits, cancellationToken)
            .ConfigureAwait(false)), ContentJson.Context.PermitsBody);
    }

    private static async Task<IResult> WriteFolderAsync(string folderId, HttpContext context, FolderStore folders, PermitStore permits,
        Func<JsonObject, bool, PermitRequest> parse, Func<PermitRequest, string, Task> write, CancellationToken cancellationToken)
    {
        var folder = await FindFolderAsync(folderId, folders, cancellationToken).ConfigureAwait(false);
        FolderEndpoints.RequireOwner(context, folder, "MANAGER");
        var request = parse(await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false), true);
        await write(request, folder.Id).ConfigureAwait(false);
        return ContentJson.Success();
    }

    private static async Task<IResult> GetDocumentPermitsAsync(string identifier, HttpContext context, DocumentStore documents,
        PermitStore permits, CancellationToken cancellationToken)
    {
        var document = await documents.GetAsync(identifier, cancellationToken).ConfigureAwait(false);
        var userId = QueryValues.Uuid(context.Request, "userId")
            ?? throw ApiProblem.BadRequest("userId: Required (the user whose permits to show)");
        RequireDocumentOwner(context, document);
        return Results.Json(new PermitsBody(await PermitsForAsync(PermitStore.Document, document.Id, userId, permits, cancellationToken)
            .ConfigureAwait(false)), ContentJson.Context.PermitsBody);
    }

    private static async Task<IResult> WriteDocumentAsync(string identifier, HttpContext context, DocumentStore documents,
        Func<JsonObject, bool, PermitRequest> parse, Func<PermitRequest, string, Task> write, CancellationToken cancellationToken)
    {
        var document = await documents.GetAsync(identifier, cancellationToken).ConfigureAwait(false);
        RequireDocumentOwner(context, document);
        var request = parse(await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false), false);
        await write(request, document.Id).ConfigureAwait(false);
        return ContentJson.Success();
    }

    private static async Task<IResult> UpdateSettingsAsync(string identifier, HttpContext context, DocumentStore documents,
        CancellationToken cancellationToken)
    {
        var document = await documents.GetAsync(identifier, cancellationToken).ConfigureAwait(false);
        RequireDocumentOwner(context, document);
        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var settings = new JsonObject();
        foreach (var (key, value) in body)
        {
            if (key == "organizationRole")
            {
                var role = RequestBody.OptionalString(body, key);
                settings[key] = OrganizationRoles.Contains(role, StringComparer.Ordinal)
                    ? role
                    : throw ApiProblem.BadRequest($"organizationRole: must be one of {string.Join(", ", OrganizationRoles)} (lower case), got \"{role}\"");
            }
            else if (SettingFlags.Contains(key, StringComparer.Ordinal) || key.StartsWith("can", StringComparison.Ordinal))
            {
                settings[key] = value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                    ? value.GetValue<bool>()
                    : throw ApiProblem.BadRequest($"{key}: Expected a boolean, received {RequestBody.Describe(value)}");
            }
        }

        await documents.UpdateSettingsAsync(document.Id, settings, cancellationToken).ConfigureAwait(false);
        return ContentJson.Success();
    }

    /// <summary>Who has access to a document: its own permits ("direct") and those of its folder and the folder's ancestors ("folder").</summary>
    private static async Task<IResult> GetAccessListAsync(string identifier, HttpContext context, DocumentStore documents,
        FolderStore folders, PermitStore permits, CancellationToken cancellationToken)
    {
        var document = await documents.GetAsync(identifier, cancellationToken).ConfigureAwait(false);
        RequireDocumentOwner(context, document);
        var source = QueryValues.OneOf(context.Request, "accessSource", "direct", "folder");
        var type = QueryValues.OneOf(context.Request, "type", "user", "userGroup");

        var principals = new List<PermitBody>();
        if (source is null or "direct")
        {
            principals.AddRange((await permits.ListAsync(PermitStore.Document, document.Id, cancellationToken).ConfigureAwait(false))
                .Select(p => Body(p) with { AccessSource = "direct" }));
        }

        if (source is null or "folder")
        {
            var tree = await folders.LoadAsync(cancellationToken).ConfigureAwait(false);
            foreach (var folder in tree.SelfAndAncestors(document.FolderId))
            {
                principals.AddRange((await permits.ListAsync(PermitStore.Folder, folder.Id, cancellationToken).ConfigureAwait(false))
                    .Select(p => Body(p) with { AccessSource = "folder", FolderId = folder.Id }));
            }
        }

        var (page, info) = CursorPaging.Apply(principals.Where(p => type is null || p.Type == type).ToList(), context.Request);
        return Results.Json(new AccessListBody(info, page), ContentJson.Context.AccessListBody);
    }

    private static async Task<IReadOnlyList<PermitBody>> PermitsForAsync(string kind, string targetId, string? userId, PermitStore permits,
        CancellationToken cancellationToken)
    {
        if (userId is not null)
        {
            await permits.RequireUserAsync(userId, cancellationToken).ConfigureAwait(false);
        }

        return [.. (await permits.ListAsync(kind, targetId, cancellationToken).ConfigureAwait(false))
            .Where(p => userId is null || string.Equals(p.UserId, userId, StringComparison.OrdinalIgnoreCase))
            .Select(Body)];
    }

    private static PermitBody Body(StoredPermit permit)
    {
        var groupUuid = permit.GroupId is null ? null : GroupUuids.For(permit.GroupId);
        return new PermitBody
        {
            Id = permit.UserId ?? groupUuid!,
            Name = permit.SubjectName,
            Type = permit.UserId is null ? "userGroup" : "user",
            Role = permit.Role,
            AccessBoost = permit.AccessBoost,
            UserId = permit.UserId,
            UserGroupId = groupUuid,
            Direct = new DirectGrantBody(permit.Role, permit.AccessBoost, IsOwner: false),
        };
    }

    private static async Task<StoredFolder> FindFolderAsync(string folderId, FolderStore folders, CancellationToken cancellationToken) =>
        (await folders.LoadAsync(cancellationToken).ConfigureAwait(false)).Find(folderId) ?? throw FolderStore.FolderNotFound(folderId);

    private static void RequireDocumentOwner(HttpContext context, StoredDocument document) =>
        CallerRoles.RequireOwnerOrAdmin(context, document.OwnerId, $"Permission denied - MANAGER role required on document \"{document.Identifier}\"");
}
