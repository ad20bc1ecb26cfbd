using System.Text.Json.Nodes;
using Omni.Client.Json;
using Omni.Client.Transport;

namespace Omni.Client;

/// <summary>
/// Folders (/api/v1/folders). Omni has no GET by id: <see cref="GetAsync"/> and <see cref="FindByPathAsync"/> walk
/// the list (once per scope, so the folder's scope and parent are known).
/// </summary>
public sealed class OmniFolders
{
    private const string FoldersPath = "v1/folders";
    private static readonly string[] Scopes = ["organization", "restricted"];
    private readonly OmniTransport _transport;

    internal OmniFolders(OmniTransport transport) => _transport = transport;

    /// <summary>Every folder matching <paramref name="query"/>, walking all pages. A path that matches nothing yields none.</summary>
    public IAsyncEnumerable<Folder> ListAsync(FolderQuery? query = null, CancellationToken ct = default)
    {
        query ??= new FolderQuery();
        var include = string.Join(',', new[] { query.IncludeCounts ? "_count" : null, query.IncludeLabels ? "labels" : null }.OfType<string>());
        var path = FoldersPath + V1Request.Query(("path", query.Path), ("scope", query.Scope), ("ownerId", query.OwnerId),
            ("include", include.Length == 0 ? null : include), ("sortField", query.SortField), ("sortDirection", query.SortDescending ? "desc" : null));
        return CursorPager.ReadAllAsync(_transport, path, query.PageSize, OmniJsonContext.Default.FolderListWire,
            static page => (page.Records?.Select(r => r?.ToModel()) ?? [], page.PageInfo), static f => f.Id, notFoundIsEmpty: query.Path is not null, ct);
    }

    /// <returns>The folder with its scope and parent, or null when there is none with this id.</returns>
    public async Task<Folder?> GetAsync(string id, CancellationToken ct = default)
    {
        OmniUsers.RequireText(id, "id");
        return (await AllAsync(ct).ConfigureAwait(false)).FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.OrdinalIgnoreCase));
    }

    /// <param name="path">The full path, e.g. "finance/reports" (a leading "/" is ignored; paths are lower case).</param>
    /// <param name="ct">Cancels the walk.</param>
    /// <returns>The folder with its scope and parent, or null.</returns>
    public async Task<Folder?> FindByPathAsync(string path, CancellationToken ct = default)
    {
        OmniUsers.RequireText(path, "path");
        var wanted = path.Trim('/');
        return (await AllAsync(ct).ConfigureAwait(false)).FirstOrDefault(f => string.Equals(f.Path, wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Creates a folder. After an unknown outcome (timeout, 5xx) a folder of this name directly under the same
    /// parent is taken to be this one, so a retry never makes a twin.
    /// </summary>
    /// <param name="name">The display name; the path segment is made from it.</param>
    /// <param name="parentFolderId">The parent, or null for a top-level folder.</param>
    /// <param name="scope">"organization" or "restricted"; null takes the parent's (or organization).</param>
    /// <param name="userId">With an organization key, the user who will own it.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The folder as the create answer shows it (full path and scope; no url).</returns>
    public async Task<Folder> CreateAsync(string name, string? parentFolderId = null, string? scope = null, string? userId = null,
        CancellationToken ct = default)
    {
        OmniUsers.RequireText(name, "name");
        if (scope is not null && !Scopes.Contains(scope, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Folder scope '{scope}' is not one Omni knows; use \"organization\" or \"restricted\".", nameof(scope));
        }
        var body = V1Request.WithoutNulls(new JsonObject { ["name"] = name, ["parentFolderId"] = parentFolderId, ["scope"] = scope, ["userId"] = userId });
        var created = await V1Request.SafeCreateAsync(_transport, FoldersPath, body, name, lookupCt => FindChildAsync(parentFolderId, name, lookupCt),
            Parse, ct).ConfigureAwait(false);
        return created with { ParentId = parentFolderId };
    }

    /// <summary>Renames the folder and/or changes its own path segment (which moves every descendant's path).</summary>
    /// <param name="id">The folder.</param>
    /// <param name="name">The new display name, or null.</param>
    /// <param name="segment">The new segment (letters, digits, dashes), or null.</param>
    /// <param name="resolvePathConflict">Let Omni append -1, -2 … when the segment is taken, instead of a 409.</param>
    /// <param name="ct">Cancels the call.</param>
    public async Task<FolderUpdated> UpdateAsync(string id, string? name = null, string? segment = null, bool resolvePathConflict = false,
        CancellationToken ct = default)
    {
        OmniUsers.RequireText(id, "id");
        if (name is null && segment is null)
        {
            throw new ArgumentException("Give a new name, a new path segment, or both.", nameof(name));
        }
        if (segment is not null && (segment.Length == 0 || !segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw new ArgumentException($"Folder path segment '{segment}' may hold only letters, digits and dashes (it is the folder's own part of the path).", nameof(segment));
        }
        var body = new JsonObject { ["resolvePathConflict"] = resolvePathConflict };
        if (name is not null)
        {
            body["name"] = name;
        }
        if (segment is not null)
        {
            body["path"] = segment;
        }
        var response = await V1Request.SendAsync(_transport, HttpMethod.Patch, PathOf(id), body, ct, segment, "path").ConfigureAwait(false);
        return JsonIo.Read(response, OmniJsonContext.Default.FolderWire, static wire => wire.Id is null || wire.Name is null || wire.Path is null
            ? throw new System.Text.Json.JsonException("the answer lacks id, name or path")
            : new FolderUpdated(wire.Id, wire.Name, wire.Path));
    }

    /// <summary>Deletes the folder. Without <paramref name="force"/> Omni refuses a non-empty folder (400); with it, sub-folders go and documents move to the trash.</summary>
    /// <returns>False when it was already gone (404).</returns>
    public Task<bool> DeleteAsync(string id, bool force = false, CancellationToken ct = default)
    {
        OmniUsers.RequireText(id, "id");
        return V1Request.DoneOrGoneAsync(_transport, HttpMethod.Delete, PathOf(id) + (force ? "?force=true" : ""), ct);
    }

    /// <summary>Every folder, each with its scope and parent id resolved from the full list.</summary>
    private async Task<IReadOnlyList<Folder>> AllAsync(CancellationToken ct)
    {
        var all = new List<Folder>();
        foreach (var scope in Scopes)
        {
            await foreach (var folder in ListAsync(new FolderQuery { Scope = scope }, ct).ConfigureAwait(false))
            {
                all.Add(folder with { Scope = folder.Scope ?? scope });
            }
        }
        var byPath = all.GroupBy(f => f.Path, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        return [.. all.Select(f => f with { ParentId = f.ParentPath is { } parent ? byPath.GetValueOrDefault(parent) : null })];
    }

    private async Task<Folder?> FindChildAsync(string? parentId, string name, CancellationToken ct) =>
        (await AllAsync(ct).ConfigureAwait(false)).FirstOrDefault(f => f.Name == name && string.Equals(f.ParentId, parentId, StringComparison.OrdinalIgnoreCase));

    private static string PathOf(string id) => $"{FoldersPath}/{Uri.EscapeDataString(id)}";

    private static Folder Parse(OmniResponse response) =>
        JsonIo.Read(response, OmniJsonContext.Default.FolderWire, static wire => wire.ToModel() ?? throw new System.Text.Json.JsonException("the folder has no id or name"));
}
