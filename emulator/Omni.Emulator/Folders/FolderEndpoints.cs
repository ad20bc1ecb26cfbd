using System.Text.RegularExpressions;
using Omni.Emulator.Auth;
using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Folders;

/// <summary>
/// /api/v1/folders: list (cursor paged, filters), create, PATCH name and path segment, DELETE with and
/// without force. An organization key sees and manages every folder; a personal access token sees
/// organization folders and its own restricted ones, and changes only folders it owns.
/// </summary>
internal static partial class FolderEndpoints
{
    private const string Path = "/api/v1/folders";
    private const int MaxNameLength = 255;

    public static void MapFolderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ListAsync);
        app.MapPost(Path, CreateAsync);
        app.MapPatch(Path + "/{folderId}", UpdateAsync);
        app.MapDelete(Path + "/{folderId}", DeleteAsync);
    }

    /// <summary>The refusal for a personal access token acting on a folder it does not own.</summary>
    public static void RequireOwner(HttpContext context, StoredFolder folder, string role) =>
        CallerRoles.RequireOwnerOrAdmin(context, folder.OwnerId, $"Permission denied - {role} role required on folder \"{folder.Id}\"");

    private static async Task<IResult> ListAsync(HttpContext context, FolderStore store, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var include = Includes(QueryValues.Optional(request, "include"));
        var scope = QueryValues.OneOf(request, "scope", "organization", "restricted");
        var ownerId = QueryValues.Uuid(request, "ownerId");
        var sortField = QueryValues.OneOf(request, "sortField", "name", "createdAt", "updatedAt", "favorites", "path");
        var descending = QueryValues.OneOf(request, "sortDirection", "asc", "desc") == "desc";
        var path = QueryValues.Optional(request, "path");
        var labels = QueryValues.Optional(request, "labels");

        var tree = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
        IEnumerable<StoredFolder> folders = tree.Folders.Where(f => Visible(context, f));
        folders = folders.Where(f => (scope is null || f.Scope == scope) &&
            (ownerId is null || string.Equals(f.OwnerId, ownerId, StringComparison.OrdinalIgnoreCase)));
        if (path is not null)
        {
            var wanted = path.Trim('/').ToLowerInvariant();
            folders = wanted.EndsWith("/*", StringComparison.Ordinal)
                ? folders.Where(f => tree.PathOf(f).StartsWith(wanted[..^1], StringComparison.Ordinal))
                : folders.Where(f => tree.PathOf(f) == wanted);
            folders = folders.ToList();
            if (!folders.Any())
            {
                throw ApiProblem.NotFound($"Folder with path \"{path}\" not found");
            }
        }

        // Folders carry no labels in the emulator, so a label filter matches none.
        if (labels is not null)
        {
            folders = [];
        }

        folders = sortField switch
        {
            "name" => folders.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase),
            "path" => folders.OrderBy(f => tree.PathOf(f), StringComparer.Ordinal),
            "updatedAt" => folders.OrderBy(f => f.Updated, StringComparer.Ordinal),
            _ => folders,
        };
        if (descending)
        {
            folders = folders.Reverse();
        }

        var (page, info) = CursorPaging.Apply(folders.ToList(), request);
        var counts = include.Contains("_count") ? await store.DocumentCountsAsync(cancellationToken).ConfigureAwait(false) : null;
        var records = page.Select(f => new FolderRecordBody
        {
            Id = f.Id,
            Name = f.Name,
            OwnerId = f.OwnerId,
            Path = tree.PathOf(f),
            Url = $"{request.Scheme}://{request.Host}/f/{tree.PathOf(f)}",
            Labels = include.Contains("labels") ? [] : null,
            Count = counts is null ? null : new FolderCountBody(counts.GetValueOrDefault(f.Id), 0),
        }).ToList();
        return Results.Json(new FolderListBody(records, info), ContentJson.Context.FolderListBody);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, FolderStore store, PermitStore permits,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var name = Name(RequestBody.OptionalString(body, "name") ?? throw ApiProblem.BadRequest("name: Required"));
        var parentId = RequestBody.OptionalString(body, "parentFolderId") is { } parent ? QueryValues.RequireUuid(parent, "parentFolderId") : null;
        var scope = RequestBody.OptionalString(body, "scope");
        if (scope is not (null or "organization" or "restricted"))
        {
            throw ApiProblem.BadRequest($"scope: must be organization or restricted, got \"{scope}\"");
        }

        var ownerId = CallerRoles.ActingUserId(context);
        if (RequestBody.OptionalString(body, "userId") is { } userId)
        {
            if (CallerRoles.IsPersonalToken(context))
            {
                throw ApiProblem.BadRequest("userId: only an organization API key can create a folder as another user; a personal access token creates as its own user");
            }

            await permits.RequireUserAsync(QueryValues.RequireUuid(userId, "userId"), cancellationToken).ConfigureAwait(false);
            ownerId = userId;
        }

        var (folder, path) = await store.CreateAsync(name, parentId, scope, ownerId, cancellationToken).ConfigureAwait(false);
        return Results.Json(new FolderCreatedBody(folder.Id, folder.Name, folder.OwnerId, path, folder.Scope),
            ContentJson.Context.FolderCreatedBody, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string folderId, HttpContext context, FolderStore store, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var name = RequestBody.OptionalString(body, "name") is { } given ? Name(given) : null;
        var segment = RequestBody.OptionalString(body, "path") is { } path ? Segment(path) : null;
        if (name is null && segment is null)
        {
            throw ApiProblem.BadRequest("name or path: give at least one of them");
        }

        var resolve = RequestBody.OptionalBoolean(body, "resolvePathConflict") ?? false;
        var folder = await store.UpdateAsync(folderId, name, segment, resolve, f => RequireOwner(context, f, "EDITOR"), cancellationToken)
            .ConfigureAwait(false);
        return Results.Json(new FolderUpdatedBody(folder.Id, folder.Name, folder.Segment), ContentJson.Context.FolderUpdatedBody);
    }

    private static async Task<IResult> DeleteAsync(string folderId, HttpContext context, FolderStore store, CancellationToken cancellationToken)
    {
        var force = QueryValues.Boolean(context.Request, "force");
        await store.DeleteAsync(folderId, force, f => RequireOwner(context, f, "MANAGER"), cancellationToken).ConfigureAwait(false);
        return ContentJson.Success();
    }

    private static bool Visible(HttpContext context, StoredFolder folder) =>
        !CallerRoles.IsPersonalToken(context) || folder.Scope == "organization" ||
        string.Equals(folder.OwnerId, CallerRoles.ActingUserId(context), StringComparison.OrdinalIgnoreCase);

    private static HashSet<string> Includes(string? include)
    {
        var fields = (include ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (fields.Contains("onlySharedWithMe"))
        {
            throw ApiProblem.BadRequest("include: onlySharedWithMe is not emulated; list without it and filter by permissions");
        }

        return fields.FirstOrDefault(f => f is not ("_count" or "labels")) is { } unknown
            ? throw ApiProblem.BadRequest($"include: unknown field \"{unknown}\" (use _count, labels)")
            : fields;
    }

    private static string Name(string name) =>
        name.Trim().Length is > 0 and <= MaxNameLength ? name : throw ApiProblem.BadRequest($"name: must be 1 to {MaxNameLength} characters and not blank");

    private static string Segment(string path)
    {
        if (!SegmentPattern().IsMatch(path))
        {
            throw ApiProblem.BadRequest($"path: \"{path}\" may hold only letters, digits and dashes (it is the folder's own segment, not a full path)");
        }

        var segment = path.ToLowerInvariant();
        return FolderPaths.Reserved.Contains(segment) ? throw ApiProblem.BadRequest($"path: \"{segment}\" is reserved by Omni") : segment;
    }

    [GeneratedRegex("^[a-zA-Z0-9-]+$")]
    private static partial Regex SegmentPattern();
}
