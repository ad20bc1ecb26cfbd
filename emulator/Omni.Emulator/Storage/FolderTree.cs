namespace Omni.Emulator.Storage;

/// <summary>Every folder at one moment, with full paths ("finance/reports") computed from the parent chain.</summary>
public sealed class FolderTree
{
    private readonly Dictionary<string, StoredFolder> byId;
    private readonly Dictionary<string, string> paths = new(StringComparer.Ordinal);

    public FolderTree(IReadOnlyList<StoredFolder> folders)
    {
        Folders = folders;
        byId = folders.ToDictionary(f => f.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>In creation order.</summary>
    public IReadOnlyList<StoredFolder> Folders { get; }

    public StoredFolder? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>The segments from the root down to the folder, joined by "/".</summary>
    public string PathOf(StoredFolder folder)
    {
        if (paths.TryGetValue(folder.Id, out var known))
        {
            return known;
        }

        var path = folder.ParentId is { } parentId && Find(parentId) is { } parent ? $"{PathOf(parent)}/{folder.Segment}" : folder.Segment;
        paths[folder.Id] = path;
        return path;
    }

    /// <summary>1 for a root folder.</summary>
    public int DepthOf(StoredFolder folder) => PathOf(folder).Count(c => c == '/') + 1;

    public IEnumerable<StoredFolder> ChildrenOf(string? parentId) =>
        Folders.Where(f => string.Equals(f.ParentId, parentId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every folder below <paramref name="folder"/>, deepest last.</summary>
    public IReadOnlyList<StoredFolder> DescendantsOf(StoredFolder folder)
    {
        var found = new List<StoredFolder>();
        var queue = new Queue<StoredFolder>([folder]);
        while (queue.TryDequeue(out var next))
        {
            foreach (var child in ChildrenOf(next.Id))
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>The folder and its ancestors, nearest first.</summary>
    public IEnumerable<StoredFolder> SelfAndAncestors(string? folderId)
    {
        for (var current = folderId is null ? null : Find(folderId); current is not null;
             current = current.ParentId is null ? null : Find(current.ParentId))
        {
            yield return current;
        }
    }
}
