namespace Omni.Client;

/// <summary>A folder. <see cref="Path"/> is the full path ("finance/reports"), its last part the folder's own segment.</summary>
public sealed record Folder(string Id, string Name, string Path, string? OwnerId)
{
    /// <summary>Where the folder opens in Omni's UI (only the list answer carries it).</summary>
    public string? Url { get; init; }

    /// <summary>"organization" or "restricted"; null where the answer did not say.</summary>
    public string? Scope { get; init; }

    /// <summary>The parent's id; null for a top-level folder or where it was not resolved (see <see cref="OmniFolders.GetAsync"/>).</summary>
    public string? ParentId { get; init; }

    /// <summary>Documents directly in the folder, when the list was asked to include counts.</summary>
    public int? DocumentCount { get; init; }

    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>The folder's own path segment, which PATCH can change.</summary>
    public string Segment => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>The parent's full path; null for a top-level folder.</summary>
    public string? ParentPath => Path.LastIndexOf('/') is var slash and > 0 ? Path[..slash] : null;
}

/// <summary>Filters and order for listing folders (GET /api/v1/folders); every page is walked.</summary>
public sealed record FolderQuery
{
    /// <summary>An exact full path; "parent/*" lists everything below parent.</summary>
    public string? Path { get; init; }

    public string? Scope { get; init; }
    public string? OwnerId { get; init; }
    public bool IncludeCounts { get; init; }
    public bool IncludeLabels { get; init; }

    /// <summary>name, createdAt, updatedAt, favorites or path.</summary>
    public string? SortField { get; init; }

    public bool SortDescending { get; init; }
    public int PageSize { get; init; } = 100;
}

/// <summary>The answer to a folder PATCH: the name and the folder's own segment.</summary>
public sealed record FolderUpdated(string Id, string Name, string Segment);
