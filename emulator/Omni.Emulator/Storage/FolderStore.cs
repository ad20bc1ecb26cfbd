using System.Globalization;
using Microsoft.Data.Sqlite;
using Omni.Emulator.Folders;
using Omni.Emulator.Http;

namespace Omni.Emulator.Storage;

/// <summary>
/// Folders in SQLite. Each folder stores its own path segment; full paths follow the parent chain, so
/// changing a segment cascades to every descendant. Deleting a folder deletes its sub-folders (ON DELETE
/// CASCADE); force moves its documents, and those of its sub-folders, to the trash.
/// </summary>
public sealed class FolderStore(EmulatorDatabase database, TimeProvider timeProvider)
{
    /// <summary>Omni refuses nesting deeper than this (DOCS /api/folders/create-folder).</summary>
    public const int MaxDepth = 7;

    /// <summary>Force deletes at most this many documents plus sub-folders (OpenAPI).</summary>
    public const int MaxForceItems = 100;

    private const string Columns = "id, name, segment, parent_id, scope, owner_id, created, updated";

    public async Task<FolderTree> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await LoadAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many documents (not trashed) sit directly in each folder.</summary>
    public async Task<IReadOnlyDictionary<string, int>> DocumentCountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        await using var command = connection.Command(
            "SELECT folder_id, COUNT(*) FROM documents WHERE deleted_at IS NULL AND folder_id IS NOT NULL GROUP BY folder_id", null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    public Task<(StoredFolder Folder, string Path)> CreateAsync(string name, string? parentId, string? scope, string ownerId,
        CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var tree = await LoadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var parent = parentId is null ? null : tree.Find(parentId) ?? throw FolderNotFound(parentId);
            if (parent is not null)
            {
                if (scope is not null && scope != parent.Scope)
                {
                    throw ApiProblem.BadRequest(
                        $"scope: \"{scope}\" does not match the parent folder's scope \"{parent.Scope}\"; a sub-folder has its parent's scope");
                }

                if (parent.Scope == "restricted" && !string.Equals(parent.OwnerId, ownerId, StringComparison.OrdinalIgnoreCase))
                {
                    throw ApiProblem.BadRequest("parentFolderId: cannot create a folder under a restricted folder owned by another user");
                }

                if (tree.DepthOf(parent) >= MaxDepth)
                {
                    throw ApiProblem.BadRequest($"parentFolderId: folders nest at most {MaxDepth} levels deep");
                }
            }

            var segment = FreeSegment(tree, parent?.Id, FolderPaths.SegmentFor(name), exceptId: null);
            var now = Timestamps.Format(timeProvider.GetUtcNow());
            var folder = new StoredFolder(Guid.NewGuid().ToString("D"), name, segment, parent?.Id, scope ?? parent?.Scope ?? "organization",
                ownerId, now, now);
            await connection.ExecuteAsync($"INSERT INTO folders ({Columns}) VALUES ($id, $name, $segment, $parent, $scope, $owner, $now, $now)",
                transaction, cancellationToken, ("$id", folder.Id), ("$name", folder.Name), ("$segment", folder.Segment),
                ("$parent", folder.ParentId), ("$scope", folder.Scope), ("$owner", folder.OwnerId), ("$now", now)).ConfigureAwait(false);
            return (folder, parent is null ? segment : $"{tree.PathOf(parent)}/{segment}");
        }, cancellationToken);

    /// <summary>Renames and/or re-segments a folder; <paramref name="authorize"/> may refuse with an <see cref="ApiProblem"/>.</summary>
    public Task<StoredFolder> UpdateAsync(string id, string? name, string? segment, bool resolvePathConflict,
        Action<StoredFolder> authorize, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var tree = await LoadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var folder = tree.Find(id) ?? throw FolderNotFound(id);
            authorize(folder);
            var newSegment = folder.Segment;
            if (segment is not null && segment != folder.Segment)
            {
                var taken = tree.ChildrenOf(folder.ParentId).Any(f => f.Id != folder.Id && f.Segment == segment);
                if (taken && !resolvePathConflict)
                {
                    throw ApiProblem.Conflict(
                        $"path: \"{segment}\" is already used by another folder in the same parent; choose another or set resolvePathConflict");
                }

                newSegment = FreeSegment(tree, folder.ParentId, segment, folder.Id);
            }

            var changed = folder with
            {
                Name = name ?? folder.Name,
                Segment = newSegment,
                Updated = Timestamps.Format(timeProvider.GetUtcNow()),
            };
            await connection.ExecuteAsync("UPDATE folders SET name = $name, segment = $segment, updated = $updated WHERE id = $id",
                transaction, cancellationToken, ("$id", changed.Id), ("$name", changed.Name), ("$segment", changed.Segment),
                ("$updated", changed.Updated)).ConfigureAwait(false);
            return changed;
        }, cancellationToken);

    /// <summary>
    /// Deletes an empty folder; with <paramref name="force"/> also its sub-folders (deleted) and documents
    /// (trashed), at most <see cref="MaxForceItems"/> of them together. Permits on deleted folders go too.
    /// </summary>
    public Task DeleteAsync(string id, bool force, Action<StoredFolder> authorize, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var tree = await LoadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var folder = tree.Find(id) ?? throw FolderNotFound(id);
            authorize(folder);
            var doomed = new List<StoredFolder> { folder };
            doomed.AddRange(tree.DescendantsOf(folder));
            var documents = 0;
            foreach (var each in doomed)
            {
                await using var count = connection.Command("SELECT COUNT(*) FROM documents WHERE folder_id = $id AND deleted_at IS NULL",
                    transaction, ("$id", each.Id));
                documents += Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }

            var items = documents + doomed.Count - 1;
            if (items > 0 && !force)
            {
                throw ApiProblem.BadRequest(
                    $"Only empty folders can be deleted: this one holds {documents} document(s) and {doomed.Count - 1} sub-folder(s); pass force=true to delete them too");
            }

            if (items > MaxForceItems)
            {
                throw ApiProblem.BadRequest($"force: deletes at most {MaxForceItems} documents and sub-folders together; this folder holds {items}");
            }

            var now = Timestamps.Format(timeProvider.GetUtcNow());
            foreach (var each in doomed)
            {
                await connection.ExecuteAsync(
                    "UPDATE documents SET deleted_at = $now, folder_id = NULL WHERE folder_id = $id AND deleted_at IS NULL", transaction,
                    cancellationToken, ("$now", now), ("$id", each.Id)).ConfigureAwait(false);
                await connection.ExecuteAsync("DELETE FROM permits WHERE target_kind = 'folder' AND target_id = $id", transaction,
                    cancellationToken, ("$id", each.Id)).ConfigureAwait(false);
            }

            await connection.ExecuteAsync("DELETE FROM folders WHERE id = $id", transaction, cancellationToken, ("$id", folder.Id))
                .ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public static ApiProblem FolderNotFound(string id) => ApiProblem.NotFound($"Folder with identifier \"{id}\" not found");

    internal static async Task<FolderTree> LoadAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var folders = new List<StoredFolder>();
        await using var command = connection.Command($"SELECT {Columns} FROM folders ORDER BY seq", transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            folders.Add(new StoredFolder(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.GetString(7)));
        }

        return new FolderTree(folders);
    }

    /// <summary><paramref name="wanted"/>, or wanted-1, wanted-2 … : the first segment no sibling uses.</summary>
    private static string FreeSegment(FolderTree tree, string? parentId, string wanted, string? exceptId)
    {
        var used = tree.ChildrenOf(parentId).Where(f => f.Id != exceptId).Select(f => f.Segment).ToHashSet(StringComparer.Ordinal);
        if (!used.Contains(wanted))
        {
            return wanted;
        }

        for (var n = 1; ; n++)
        {
            var candidate = $"{wanted}-{n}";
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}
