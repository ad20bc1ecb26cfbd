using System.Text.Json.Nodes;
using Omni.Client.Json;
using Omni.Client.Transport;

namespace Omni.Client;

/// <summary>
/// Folder permissions (/api/v1/folders/{id}/permissions) and document permissions (/api/v1/documents/{id}/permissions):
/// grants to users and groups with a content role and accessBoost. A grant replaces the subject's earlier one.
/// </summary>
public sealed class OmniPermissions
{
    private readonly OmniTransport _transport;

    internal OmniPermissions(OmniTransport transport) => _transport = transport;

    /// <summary>The folder's permits; with <paramref name="userId"/>, only that user's.</summary>
    public Task<IReadOnlyList<Permit>> GetFolderPermitsAsync(string folderId, string? userId = null, CancellationToken ct = default) =>
        GetPermitsAsync(FolderPath(folderId) + V1Request.Query(("userId", userId)), ct);

    public Task GrantFolderAsync(string folderId, PermitSubjects subjects, string role, bool accessBoost = false, CancellationToken ct = default) =>
        GrantAsync(FolderPath(folderId), subjects, role, accessBoost, ct);

    /// <summary>Changes the role and/or accessBoost of the subjects' grants (PATCH); null leaves a field as it is.</summary>
    public Task UpdateFolderAsync(string folderId, PermitSubjects subjects, string? role = null, bool? accessBoost = null, CancellationToken ct = default) =>
        UpdateAsync(FolderPath(folderId), subjects, role, accessBoost, ct);

    /// <summary>Removes the subjects' grants; revoking a subject without one is not an error.</summary>
    public Task RevokeFolderAsync(string folderId, PermitSubjects subjects, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, FolderPath(folderId), Subjects(subjects), ct);

    /// <summary>The user's permits on the document (Omni requires the user).</summary>
    public Task<IReadOnlyList<Permit>> GetDocumentPermitsAsync(string documentIdentifier, string userId, CancellationToken ct = default)
    {
        OmniUsers.RequireText(userId, "userId");
        return GetPermitsAsync(DocumentPath(documentIdentifier) + V1Request.Query(("userId", userId)), ct);
    }

    /// <summary>Everyone with access to the document, walking all pages: "direct" grants and those inherited from its folders.</summary>
    /// <param name="documentIdentifier">The document's id or identifier.</param>
    /// <param name="accessSource">"direct" or "folder"; null for both.</param>
    /// <param name="subjectType">"user" or "userGroup"; null for both.</param>
    /// <param name="ct">Cancels the walk.</param>
    public IAsyncEnumerable<Permit> ListDocumentAccessAsync(string documentIdentifier, string? accessSource = null, string? subjectType = null,
        CancellationToken ct = default)
    {
        OmniUsers.RequireText(documentIdentifier, "documentIdentifier");
        var path = $"v1/documents/{Uri.EscapeDataString(documentIdentifier)}/access-list" + V1Request.Query(("accessSource", accessSource), ("type", subjectType));
        return CursorPager.ReadAllAsync(_transport, path, 100, OmniJsonContext.Default.AccessListWire,
            static page => (page.Principals?.Select(p => p?.ToModel()) ?? [], page.PageInfo),
            static p => $"{p.AccessSource}/{p.FolderId}/{p.SubjectType}/{p.SubjectId}", notFoundIsEmpty: false, ct);
    }

    public Task GrantDocumentAsync(string documentIdentifier, PermitSubjects subjects, string role, bool accessBoost = false, CancellationToken ct = default) =>
        GrantAsync(DocumentPath(documentIdentifier), subjects, role, accessBoost, ct);

    public Task UpdateDocumentAsync(string documentIdentifier, PermitSubjects subjects, string? role = null, bool? accessBoost = null,
        CancellationToken ct = default) =>
        UpdateAsync(DocumentPath(documentIdentifier), subjects, role, accessBoost, ct);

    public Task RevokeDocumentAsync(string documentIdentifier, PermitSubjects subjects, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, DocumentPath(documentIdentifier), Subjects(subjects), ct);

    /// <summary>Sets document-wide settings (PUT); unset ones are left as they are.</summary>
    public Task UpdateDocumentSettingsAsync(string documentIdentifier, DocumentPermissionSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.OrganizationRole is { } role && role is not ("viewer" or "editor" or "manager" or "no_access"))
        {
            throw new ArgumentException($"organizationRole '{role}' is not one Omni takes; use viewer, editor, manager or no_access (lower case).", nameof(settings));
        }
        var body = V1Request.WithoutNulls(new JsonObject
        {
            ["organizationRole"] = settings.OrganizationRole,
            ["organizationAccessBoost"] = settings.OrganizationAccessBoost,
            ["requirePullRequestToPublish"] = settings.RequirePullRequestToPublish,
            ["canDownload"] = settings.CanDownload,
            ["canDrill"] = settings.CanDrill,
            ["canSchedule"] = settings.CanSchedule,
            ["canUpload"] = settings.CanUpload,
            ["canUseDashboardAi"] = settings.CanUseDashboardAi,
            ["canViewWorkbook"] = settings.CanViewWorkbook,
        });
        return SendAsync(HttpMethod.Put, DocumentPath(documentIdentifier), body, ct);
    }

    private async Task<IReadOnlyList<Permit>> GetPermitsAsync(string path, CancellationToken ct)
    {
        var response = await V1Request.SendAsync(_transport, HttpMethod.Get, path, null, ct).ConfigureAwait(false);
        return JsonIo.Read(response, OmniJsonContext.Default.PermitsWire,
            static wire => wire.Permits?.Select(p => p?.ToModel()).OfType<Permit>().ToArray() ?? []);
    }

    /// <summary>A grant replaces the subject's earlier one, so repeating it is harmless: after an unknown outcome it is simply sent again.</summary>
    private async Task GrantAsync(string path, PermitSubjects subjects, string role, bool accessBoost, CancellationToken ct)
    {
        var body = Subjects(subjects);
        body["role"] = RequireRole(role);
        body["accessBoost"] = accessBoost;
        await V1Request.SafeCreateAsync(_transport, path, body, role, static _ => Task.FromResult<string?>(null), static _ => "granted", ct)
            .ConfigureAwait(false);
    }

    private Task UpdateAsync(string path, PermitSubjects subjects, string? role, bool? accessBoost, CancellationToken ct)
    {
        if (role is null && accessBoost is null)
        {
            throw new ArgumentException("Give a role, an accessBoost, or both to update.", nameof(role));
        }
        var body = Subjects(subjects);
        if (role is not null)
        {
            body["role"] = RequireRole(role);
        }
        if (accessBoost is not null)
        {
            body["accessBoost"] = accessBoost;
        }
        return SendAsync(HttpMethod.Patch, path, body, ct);
    }

    private async Task SendAsync(HttpMethod method, string path, JsonObject body, CancellationToken ct) =>
        await V1Request.SendAsync(_transport, method, path, body, ct).ConfigureAwait(false);

    private static JsonObject Subjects(PermitSubjects subjects)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        if (subjects.UserIds.Count == 0 && subjects.GroupIds.Count == 0)
        {
            throw new ArgumentException("Name at least one user or group.", nameof(subjects));
        }
        foreach (var userId in subjects.UserIds)
        {
            if (!Guid.TryParse(userId, out _))
            {
                throw new ArgumentException($"User id '{userId}' is not a UUID; permissions take the user's id (as SCIM shows it), not an e-mail.", nameof(subjects));
            }
        }
        return new JsonObject
        {
            ["userIds"] = new JsonArray([.. subjects.UserIds.Select(id => (JsonNode?)JsonValue.Create(id))]),
            ["userGroupIds"] = new JsonArray([.. subjects.GroupIds.Select(id => (JsonNode?)JsonValue.Create(id))]),
        };
    }

    private static string RequireRole(string role) => ContentRoles.All.Contains(role, StringComparer.Ordinal)
        ? role
        : throw new ArgumentException($"Role '{role}' is not a content role; use one of {string.Join(", ", ContentRoles.All)}.", nameof(role));

    private static string FolderPath(string folderId)
    {
        OmniUsers.RequireText(folderId, "folderId");
        return $"v1/folders/{Uri.EscapeDataString(folderId)}/permissions";
    }

    private static string DocumentPath(string documentIdentifier)
    {
        OmniUsers.RequireText(documentIdentifier, "documentIdentifier");
        return $"v1/documents/{Uri.EscapeDataString(documentIdentifier)}/permissions";
    }
}
