using System.Net;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.Folders;

/// <summary>
/// <c>omni:index:Folder</c>: one folder of Omni's content tree (/api/v1/folders). Reads top to bottom as
/// the lifecycle: Diff, Create, Read (refresh and import), Update, Delete. Omni has no folder move, so
/// parentFolderId and scope replace; name and path (the folder's own segment) change in place through PATCH.
/// </summary>
[PulumiResource("omni:index:Folder", Description = "A folder of Omni's content tree. Its id is Omni's folder id (a UUID). "
    + "`name` and `path` (the folder's own path segment) change in place; `parentFolderId` and `scope` cannot change in Omni, so changing them replaces the folder "
    + "(the new folder is created first). Destroying a folder that still holds documents or sub-folders fails with a message saying so, "
    + "unless `forceDestroy` is true: then Omni deletes its sub-folders and moves its documents to the trash (at most 100 items). "
    + "Import by id or by full path: `pulumi import omni:index:Folder finance <folder-id>` or `pulumi import omni:index:Folder reports finance/reports`.")]
internal sealed class FolderResource(OmniSession omni, IEngineLog log) :
    IDiff<FolderArgs, FolderState>, ICreate<FolderArgs, FolderState>, IRead<FolderArgs, FolderState>, IUpdate<FolderArgs, FolderState>, IDelete<FolderState>
{
    private static readonly IReadOnlySet<string> ComputedOutputs = Property.Names<FolderState>(s => s.FullPath, s => s.OwnerId, s => s.Url);

    // ---- Diff: an unset scope or path means "what Omni chose", never a change -----------------

    public IReadOnlyList<PropertyChange> Diff(DiffRequest<FolderArgs, FolderState> request)
    {
        var chosenByOmni = new[] { request.News.NameOf(a => a.Scope), request.News.NameOf(a => a.Path) };
        return [.. request.DeclaredChanges.Where(c => !(c.Kind == ChangeKind.Delete && chosenByOmni.Contains(c.Path, StringComparer.Ordinal)))];
    }

    // ---- Create: one POST, a PATCH when the path segment is declared, then one read back --------

    public async Task<CreateResult<FolderState>> CreateAsync(CreateRequest<FolderArgs> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        if (request.Preview)
        {
            var unknown = new HashSet<string>(ComputedOutputs, StringComparer.Ordinal);
            if (args.Scope is null) unknown.Add(request.News.NameOf(a => a.Scope));
            if (args.Path is null) unknown.Add(request.News.NameOf(a => a.Path));
            return new CreateResult<FolderState>("", ToState(args, null)) { UnknownOutputs = unknown };
        }

        Folder created;
        try
        {
            created = await omni.Client.Folders.CreateAsync(args.Name, args.ParentFolderId, args.Scope, ct: cancellationToken).ConfigureAwait(false);
        }
        catch (OmniNotFoundException e)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Folder '{args.Name}' was not created: its parent {args.ParentFolderId} does not exist in Omni ({ResourceMessages.OmniAnswer(e)}). Check parentFolderId.", e);
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                ResourceMessages.Refused($"to create folder '{args.Name}'", e, "A child folder takes its parent's scope "
                    + "(leave scope unset or set the parent's), a restricted parent must be the key owner's, and folders nest at most 7 levels."), e);
        }

        try
        {
            if (args.Path is { } segment && !string.Equals(segment, created.Segment, StringComparison.OrdinalIgnoreCase))
            {
                await omni.Client.Folders.UpdateAsync(created.Id, segment: segment, ct: cancellationToken).ConfigureAwait(false);
            }

            var folder = await omni.Client.Folders.GetAsync(created.Id, cancellationToken).ConfigureAwait(false) ?? created;
            return new CreateResult<FolderState>(folder.Id, ToState(args, folder with { ParentId = folder.ParentId ?? args.ParentFolderId }));
        }
        catch (Exception e) when (e is OmniApiException or HttpRequestException or OperationCanceledException)
        {
            // The folder exists: the engine must keep it, or it would be orphaned.
            throw new ResourceInitFailedException(created.Id, ToState(args, created),
                $"Omni created folder '{args.Name}' (id {created.Id}) but finishing it (setting path, reading it back) failed: {e.Message} "
                + "The folder is kept in the stack's state; run `pulumi up` again to finish (if the path is taken, choose another).", e);
        }
    }

    // ---- Read: refresh by id; import by id or full path ---------------------------------------

    public async Task<ReadResult<FolderArgs, FolderState>> ReadAsync(ReadRequest<FolderArgs, FolderState> request, CancellationToken cancellationToken)
    {
        var folder = await omni.Client.Folders.GetAsync(request.Id, cancellationToken).ConfigureAwait(false);
        if (folder is null && request.IsImport)
        {
            folder = await omni.Client.Folders.FindByPathAsync(request.Id, cancellationToken).ConfigureAwait(false);
        }

        if (folder is null)
        {
            if (!request.IsImport)
            {
                await log.WarnAsync(request.Urn, ResourceMessages.GoneFromOmni(
                    $"Folder '{request.Olds?.FullPath ?? request.Id}' (id {request.Id})", "no longer exists in Omni: it was deleted", "creates it again"),
                    cancellationToken).ConfigureAwait(false);
            }

            return ReadResult<FolderArgs, FolderState>.Gone;
        }

        // Import: every input, so the generated code is complete. Refresh: Omni's values for what the
        // program declares; scope and path stay unset where the program leaves them to Omni.
        var declared = request.OldInputs ?? request.Olds;
        var inputs = new FolderArgs
        {
            Name = folder.Name,
            ParentFolderId = folder.ParentId,
            Scope = declared is null || declared.Scope is not null ? folder.Scope : null,
            Path = declared is null || declared.Path is not null ? folder.Segment : null,
            ForceDestroy = declared?.ForceDestroy ?? false,
        };
        return new ReadResult<FolderArgs, FolderState>(folder.Id, ToState(inputs, folder), inputs);
    }

    // ---- Update: one PATCH for name and/or path; forceDestroy alone sends nothing --------------

    public async Task<UpdateResult<FolderState>> UpdateAsync(UpdateRequest<FolderArgs, FolderState> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        var olds = request.Olds;
        var rename = args.Name != olds.Name ? args.Name : null;
        var segment = args.Path is not null && !string.Equals(args.Path, olds.Path, StringComparison.OrdinalIgnoreCase) ? args.Path : null;
        if (request.Preview)
        {
            return new UpdateResult<FolderState>(ToState(args, null, olds))
            {
                UnknownOutputs = segment is not null || request.News.IsUnknown(a => a.Path) ? Property.Names<FolderState>(s => s.FullPath) : new HashSet<string>(),
            };
        }

        if (rename is null && segment is null)
        {
            return new UpdateResult<FolderState>(olds with { ForceDestroy = args.ForceDestroy });
        }

        try
        {
            await omni.Client.Folders.UpdateAsync(request.Id, rename, segment, ct: cancellationToken).ConfigureAwait(false);
        }
        catch (OmniConflictException e)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Folder path '{segment}' is already taken by another folder under the same parent ({ResourceMessages.OmniAnswer(e)}). Choose another path.", e);
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                ResourceMessages.Refused($"to change folder {request.Id}", e, "Reserved paths (trash, drafts, new, shared, my) cannot be used."), e);
        }

        var folder = await omni.Client.Folders.GetAsync(request.Id, cancellationToken).ConfigureAwait(false);
        return new UpdateResult<FolderState>(folder is null ? ToState(args, null, olds) : ToState(args, folder));
    }

    // ---- Delete: refuse a non-empty folder unless forceDestroy; already gone counts as done ----

    public async Task DeleteAsync(DeleteRequest<FolderState> request, CancellationToken cancellationToken)
    {
        var olds = request.Olds;
        try
        {
            await omni.Client.Folders.DeleteAsync(request.Id, olds.ForceDestroy, cancellationToken).ConfigureAwait(false);
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.BadRequest)
        {
            var what = $"Folder '{olds.FullPath ?? olds.Name}' (id {request.Id})";
            throw new ProviderFailureException(FailureKind.NothingChanged, olds.ForceDestroy
                ? $"{what} was not deleted: Omni refused even with force ({ResourceMessages.OmniAnswer(e)}); "
                    + "a forced delete takes at most 100 items, so move or delete some of its content first."
                : $"{what} was not deleted because it is not empty: it still holds documents or sub-folders ({ResourceMessages.OmniAnswer(e)}). "
                    + "Move or delete its content first, or set forceDestroy: true (and run `pulumi up`) to delete its sub-folders and move its documents to the trash with it.", e);
        }
    }

    // ---- Mapping --------------------------------------------------------------------------------

    /// <summary>The state: the inputs as given, with Omni's values where it has chosen them.</summary>
    private static FolderState ToState(FolderArgs args, Folder? folder, FolderState? olds = null) => new()
    {
        Name = folder?.Name ?? args.Name,
        ParentFolderId = folder?.ParentId ?? args.ParentFolderId,
        Scope = folder?.Scope ?? args.Scope ?? olds?.Scope,
        Path = folder?.Segment ?? args.Path ?? olds?.Path,
        ForceDestroy = args.ForceDestroy,
        FullPath = folder?.Path ?? olds?.FullPath ?? "",
        OwnerId = folder?.OwnerId ?? olds?.OwnerId,
        Url = folder?.Url ?? olds?.Url,
    };
}

/// <summary>The inputs of <c>omni:index:Folder</c>.</summary>
internal record FolderArgs
{
    public const string Organization = "organization";
    public const string Restricted = "restricted";

    [PulumiProperty("name", Description = "The folder's name as Omni shows it. Renaming changes it in place and leaves `path` as it is.",
        Required = true, Pattern = @"\S", PatternMessage = "must not be empty: it is the name Omni shows")]
    public string Name { get; init; } = "";

    [PulumiProperty("parentFolderId", Description = "The parent folder's id (e.g. another Folder resource's `id`); unset for a top-level folder. "
        + "Omni cannot move folders, so changing it replaces the folder.", ReplaceOnChanges = true,
        Pattern = @"\S", PatternMessage = "must be a folder's id (e.g. a Folder resource's `id`), not empty; leave it unset for a top-level folder")]
    public string? ParentFolderId { get; init; }

    [PulumiProperty("scope", Description = "`organization` (visible by permission) or `restricted` (its owner's). Unset: the parent's scope, else organization; "
        + "a child must have its parent's scope. Omni cannot change it, so changing it replaces the folder.",
        ReplaceOnChanges = true, AllowedValues = [Organization, Restricted])]
    public string? Scope { get; init; }

    [PulumiProperty("path", Description = "The folder's own path segment (letters, digits and dashes; Omni stores it in lower case), e.g. `q1-reports`. "
        + "Unset: Omni makes it from the name when the folder is created and keeps it on renames. Changing it updates the folder in place and moves "
        + "every descendant's full path with it.", IgnoreCase = true,
        Pattern = "^[A-Za-z0-9-]+$", PatternMessage = "must be one path segment of letters, digits and dashes, e.g. q1-reports (no '/': set parentFolderId for nesting)")]
    public string? Path { get; init; }

    [PulumiProperty("forceDestroy", Description = "When true, destroying the folder also deletes its sub-folders and moves its documents to the trash. "
        + "When false (the default), destroying a folder that is not empty fails and nothing is deleted.", Default = false)]
    public bool ForceDestroy { get; init; }
}

/// <summary>The outputs of <c>omni:index:Folder</c>.</summary>
internal sealed record FolderState : FolderArgs
{
    [PulumiProperty("fullPath", Description = "The folder's full path in lower case, its ancestors' segments and its own joined by '/', e.g. `finance/q1-reports`.",
        Required = true)]
    public string FullPath { get; init; } = "";

    [PulumiProperty("ownerId", Description = "The id of the user who owns the folder.")]
    public string? OwnerId { get; init; }

    [PulumiProperty("url", Description = "Where the folder opens in Omni.")]
    public string? Url { get; init; }
}
