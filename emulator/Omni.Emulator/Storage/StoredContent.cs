namespace Omni.Emulator.Storage;

/// <summary>A folder row; its full path comes from its ancestors (see <see cref="FolderTree"/>).</summary>
public sealed record StoredFolder(string Id, string Name, string Segment, string? ParentId, string Scope, string OwnerId,
    string Created, string Updated);

/// <summary>A document of the emulator's minimal document store (not trashed).</summary>
public sealed record StoredDocument(string Id, string Identifier, string Name, string? FolderId, string OwnerId);

/// <summary>One grant on a folder or document: exactly one of user and group, with the subject's current name.</summary>
public sealed record StoredPermit(string? UserId, string? GroupId, string SubjectName, string Role, bool AccessBoost);

/// <summary>Who a grant is for, resolved: users by SCIM id, groups by their 8-character id.</summary>
public sealed record PermitSubjects(IReadOnlyList<string> UserIds, IReadOnlyList<string> GroupIds);

public sealed record StoredLabel(string Name, string? Color, string? Description, bool Homepage, bool Verified, int UsageCount);
