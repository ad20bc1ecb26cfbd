namespace Omni.Client;

public enum PermitSubjectType
{
    User,
    UserGroup,
}

/// <summary>
/// One grant on a folder or document. <see cref="SubjectId"/> is a user's id, or the UUID Omni shows for a
/// group (not its 8-character SCIM id: match groups by <see cref="Name"/>, their display name).
/// </summary>
public sealed record Permit(PermitSubjectType SubjectType, string SubjectId, string? Name, string Role, bool AccessBoost)
{
    public bool IsOwner { get; init; }

    /// <summary>Access lists only: "direct", or "folder" for a grant inherited from <see cref="FolderId"/>.</summary>
    public string? AccessSource { get; init; }

    public string? FolderId { get; init; }
}

/// <summary>Who a grant, change or revoke is for: users by id (UUID), groups by their SCIM id or the UUID permits show.</summary>
public sealed record PermitSubjects(IReadOnlyList<string> UserIds, IReadOnlyList<string> GroupIds)
{
    public static PermitSubjects Users(params string[] userIds) => new(userIds, []);

    public static PermitSubjects Groups(params string[] groupIds) => new([], groupIds);
}

/// <summary>The content roles of folder and document permits.</summary>
public static class ContentRoles
{
    public const string NoAccess = "NO_ACCESS";
    public const string Viewer = "VIEWER";
    public const string Explorer = "EXPLORER";
    public const string Editor = "EDITOR";
    public const string Manager = "MANAGER";

    public static IReadOnlyList<string> All { get; } = [NoAccess, Viewer, Explorer, Editor, Manager];
}

/// <summary>Document-wide settings (PUT /api/v1/documents/{id}/permissions); null leaves a setting as it is.</summary>
public sealed record DocumentPermissionSettings
{
    /// <summary>viewer, editor, manager or no_access (lower case, as Omni takes it).</summary>
    public string? OrganizationRole { get; init; }

    public bool? OrganizationAccessBoost { get; init; }
    public bool? RequirePullRequestToPublish { get; init; }
    public bool? CanDownload { get; init; }
    public bool? CanDrill { get; init; }
    public bool? CanSchedule { get; init; }
    public bool? CanUpload { get; init; }
    public bool? CanUseDashboardAi { get; init; }
    public bool? CanViewWorkbook { get; init; }
}
