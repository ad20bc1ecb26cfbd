using Omni.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Functions;

internal sealed record GetFolderArgs
{
    [PulumiProperty("id", Description = "The folder's id. Give either id or path.")]
    public string? Id { get; init; }

    [PulumiProperty("path", Description = "The folder's full path, e.g. `finance/q1-reports` (a leading '/' is ignored; matched in any letter case). Give either path or id.")]
    public string? Path { get; init; }
}

internal sealed record GetFolderResult
{
    [PulumiProperty("id", Description = "The folder's id.", Required = true)]
    public string Id { get; init; } = "";

    [PulumiProperty("name", Description = "The folder's name.", Required = true)]
    public string Name { get; init; } = "";

    [PulumiProperty("path", Description = "The folder's own path segment, e.g. `q1-reports`.", Required = true)]
    public string Path { get; init; } = "";

    [PulumiProperty("fullPath", Description = "The folder's full path, e.g. `finance/q1-reports`.", Required = true)]
    public string FullPath { get; init; } = "";

    [PulumiProperty("parentFolderId", Description = "The parent folder's id; unset for a top-level folder.")]
    public string? ParentFolderId { get; init; }

    [PulumiProperty("scope", Description = "`organization` or `restricted`.")]
    public string? Scope { get; init; }

    [PulumiProperty("ownerId", Description = "The id of the user who owns the folder.")]
    public string? OwnerId { get; init; }

    [PulumiProperty("url", Description = "Where the folder opens in Omni.")]
    public string? Url { get; init; }
}

/// <summary><c>omni:index:getFolder</c>: the folder list walked once (Omni has no GET by id), matched by id or full path.</summary>
[PulumiFunction("omni:index:getFolder",
    Description = "Reads one folder of the Omni organisation by id or by full path (e.g. `finance/q1-reports`), e.g. to grant permissions on a folder made in Omni's UI.")]
internal sealed class GetFolderFunction(OmniSession omni) : IProviderFunction<GetFolderArgs, GetFolderResult>
{
    public Task<FunctionResult<GetFolderResult>> InvokeAsync(FunctionRequest<GetFolderArgs> request, CancellationToken cancellationToken) =>
        OneOf.FindAsync(request, "getFolder", "folder",
            [
                new LookupKey<Folder>(request.Args.NameOf(a => a.Id), request.Args.Value.Id, (id, ct) => omni.Client.Folders.GetAsync(id, ct)),
                new LookupKey<Folder>(request.Args.NameOf(a => a.Path), request.Args.Value.Path, (path, ct) => omni.Client.Folders.FindByPathAsync(path, ct)),
            ],
            folder => new GetFolderResult
            {
                Id = folder.Id,
                Name = folder.Name,
                Path = folder.Segment,
                FullPath = folder.Path,
                ParentFolderId = folder.ParentId,
                Scope = folder.Scope,
                OwnerId = folder.OwnerId,
                Url = folder.Url,
            },
            " (a full path joins the segments with '/', e.g. finance/q1-reports)", cancellationToken);
}
