using System.Net;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.Models;

/// <summary>
/// <c>omni:index:Model</c>: a shared model (or an extension of one). Omni changes only a model's name in
/// place; kind, connection and base model replace it (ModelArgs' ReplaceOnChanges).
/// </summary>
[PulumiResource("omni:index:Model", Description = "A shared model of an Omni connection (`modelKind` SHARED), or an extension of one "
    + "(SHARED_EXTENSION, with `baseModelId`). Its id is Omni's model id; import with `pulumi import omni:index:Model <name> <modelId>` "
    + "(only SHARED and SHARED_EXTENSION models can be imported: SCHEMA models belong to their connection). `name` changes in place; "
    + "`kind`, `connectionId` and `baseModelId` replace the model, since Omni cannot change them. Destroy archives the model (Omni's "
    + "soft delete); a model already archived counts as done.")]
internal sealed class ModelResource(OmniSession omni, IEngineLog log) :
    ICheck<ModelArgs>, ICreate<ModelArgs, ModelState>, IRead<ModelArgs, ModelState>, IUpdate<ModelArgs, ModelState>, IDelete<ModelState>
{
    public Task<CheckResult<ModelArgs>> CheckAsync(CheckRequest<ModelArgs> request, CancellationToken cancellationToken)
    {
        var news = request.News;
        var args = news.Value;
        var failures = new List<CheckFailure>();
        if (!news.IsUnknown(a => a.Kind) && !news.IsUnknown(a => a.BaseModelId))
        {
            if (args.Kind == ModelArgs.Extension && args.BaseModelId is null)
            {
                failures.Add(news.Fail(a => a.BaseModelId, "'baseModelId' is required for a SHARED_EXTENSION model: set the id of the shared model it extends."));
            }
            else if (args.Kind == ModelArgs.Shared && args.BaseModelId is not null)
            {
                failures.Add(news.Fail(a => a.BaseModelId, "'baseModelId' is only for kind SHARED_EXTENSION: remove it, or set kind = \"SHARED_EXTENSION\"."));
            }
        }

        return Task.FromResult(new CheckResult<ModelArgs>(args, failures));
    }

    public async Task<CreateResult<ModelState>> CreateAsync(CreateRequest<ModelArgs> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        if (request.Preview)
        {
            return new CreateResult<ModelState>("", ModelState.From(args));
        }

        OmniModel model;
        try
        {
            model = await omni.Client.Models.CreateAsync(new ModelCreate(args.ConnectionId, args.Name, args.Kind) { BaseModelId = args.BaseModelId },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OmniNotFoundException e)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Omni could not create model '{args.Name}' ({ResourceMessages.OmniAnswer(e)}): connection {args.ConnectionId} (or the base model) does not exist, "
                + "or its schema refresh has not finished yet. Check connectionId and baseModelId, or run `pulumi up` again later.", e);
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                ResourceMessages.Refused($"to create model '{args.Name}'", e, "Model names are unique among active models of one kind and base."), e);
        }

        return new CreateResult<ModelState>(model.Id, ModelState.From(args));
    }

    public async Task<ReadResult<ModelArgs, ModelState>> ReadAsync(ReadRequest<ModelArgs, ModelState> request, CancellationToken cancellationToken)
    {
        var model = await omni.Client.Models.GetAsync(request.Id, ct: cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            if (!request.IsImport)
            {
                await log.WarnAsync(request.Urn, ResourceMessages.GoneFromOmni($"Model '{request.Olds?.Name ?? request.Id}' (id {request.Id})",
                    "no longer exists in Omni: it was deleted or archived", "creates it again"), cancellationToken).ConfigureAwait(false);
            }

            return ReadResult<ModelArgs, ModelState>.Gone;
        }

        if (model.ModelKind is not (ModelArgs.Shared or ModelArgs.Extension))
        {
            throw new ProviderFailureException(FailureKind.InvalidInput,
                $"Model {request.Id} is a {model.ModelKind} model; omni:index:Model manages SHARED and SHARED_EXTENSION models only.");
        }

        var inputs = new ModelArgs
        {
            ConnectionId = model.ConnectionId ?? "", Name = model.Name ?? "", Kind = model.ModelKind, BaseModelId = model.BaseModelId,
        };
        return new ReadResult<ModelArgs, ModelState>(model.Id, ModelState.From(inputs), inputs);
    }

    public async Task<UpdateResult<ModelState>> UpdateAsync(UpdateRequest<ModelArgs, ModelState> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        if (!request.Preview && !string.Equals(args.Name, request.Olds.Name, StringComparison.Ordinal))
        {
            try
            {
                await omni.Client.Models.RenameAsync(request.Id, args.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (OmniApiException e) when (ResourceMessages.IsGoneOrRefused(e))
            {
                throw ResourceMessages.NotUpdated(e, $"Model '{request.Olds.Name}' (id {request.Id})",
                    $"to rename model '{request.Olds.Name}' to '{args.Name}'", notDone: "renamed");
            }
        }

        return new UpdateResult<ModelState>(ModelState.From(args));
    }

    public Task DeleteAsync(DeleteRequest<ModelState> request, CancellationToken cancellationToken) =>
        omni.Client.Models.DeleteAsync(request.Id, cancellationToken);
}

/// <summary>The inputs of <c>omni:index:Model</c>.</summary>
internal record ModelArgs
{
    public const string Shared = "SHARED";
    public const string Extension = "SHARED_EXTENSION";

    [PulumiProperty("connectionId", Description = "The connection the model reads (e.g. a Connection resource's `id`). Changing it replaces the model.",
        Required = true, ReplaceOnChanges = true, Pattern = @"\S", PatternMessage = "must be a connection's id (e.g. a Connection resource's `id`)")]
    public string ConnectionId { get; init; } = "";

    [PulumiProperty("name", Description = "The model's name; changes in place (a rename).", Required = true,
        Pattern = @"\S", PatternMessage = "must not be empty: it is the model's name in Omni")]
    public string Name { get; init; } = "";

    [PulumiProperty("kind", Description = "SHARED (default) or SHARED_EXTENSION. Changing it replaces the model.", Default = Shared,
        ReplaceOnChanges = true, AllowedValues = [Shared, Extension])]
    public string Kind { get; init; } = Shared;

    [PulumiProperty("baseModelId", Description = "The shared model a SHARED_EXTENSION model extends (required for that kind only). "
        + "Changing it replaces the model.", ReplaceOnChanges = true)]
    public string? BaseModelId { get; init; }
}

/// <summary>The outputs of <c>omni:index:Model</c>: the inputs as Omni holds them.</summary>
internal sealed record ModelState : ModelArgs
{
    public static ModelState From(ModelArgs args) => new() { ConnectionId = args.ConnectionId, Name = args.Name, Kind = args.Kind, BaseModelId = args.BaseModelId };
}
