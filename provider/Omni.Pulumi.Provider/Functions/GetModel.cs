using Omni.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Functions;

// Omni allows duplicate model names: a name that matches several models is refused with their ids (OneOf.Single).

internal sealed record GetModelArgs
{
    [PulumiProperty("id", Description = "The model's id. Give either id or name.")]
    public string? Id { get; init; }

    [PulumiProperty("name", Description = "The model's exact name, in any letter case. Give either name or id; narrow it with connectionId or modelKind "
        + "when several models share the name (a connection's SCHEMA model often shares the connection's name).")]
    public string? Name { get; init; }

    [PulumiProperty("connectionId", Description = "With name: only models of this connection.")]
    public string? ConnectionId { get; init; }

    [PulumiProperty("modelKind", Description = "With name: only models of this kind, e.g. SHARED.",
        AllowedValues = ["SCHEMA", "SHARED", "SHARED_EXTENSION", "BRANCH", "WORKBOOK", "QUERY", "TOPIC"])]
    public string? ModelKind { get; init; }
}

/// <summary>A <see cref="ModelInfo"/> (getModels' item) and what only the single read returns.</summary>
internal sealed record GetModelResult : ModelInfo
{
    [PulumiProperty("baseModelId", Description = "The model this one extends or branches from; unset for a shared or schema model.")]
    public string? BaseModelId { get; init; }
}

/// <summary><c>omni:index:getModel</c>: the model list filtered by id, or by name (and connection, kind); archived models left out.</summary>
[PulumiFunction("omni:index:getModel",
    Description = "Reads one model of the Omni organisation by id, or by exact name (any letter case) narrowed by `connectionId` and `modelKind`. "
    + "Archived models are not found.")]
internal sealed class GetModelFunction(OmniSession omni) : IProviderFunction<GetModelArgs, GetModelResult>
{
    public Task<FunctionResult<GetModelResult>> InvokeAsync(FunctionRequest<GetModelArgs> request, CancellationToken cancellationToken)
    {
        var args = request.Args.Value;
        if (args.Id is not null && (args.ConnectionId is not null || args.ModelKind is not null))
        {
            var extra = args.ConnectionId is not null ? request.Args.NameOf(a => a.ConnectionId) : request.Args.NameOf(a => a.ModelKind);
            return Task.FromResult(FunctionResult<GetModelResult>.Fail(extra,
                $"getModel: '{extra}' narrows a lookup by 'name'; with 'id' it is not used. Remove it, or look up by name."));
        }

        return OneOf.FindAsync(request, "getModel", "model",
            [
                new LookupKey<OmniModel>(request.Args.NameOf(a => a.Id), args.Id, (id, ct) => omni.Client.Models.GetAsync(id, ct: ct)),
                new LookupKey<OmniModel>(request.Args.NameOf(a => a.Name), args.Name, (name, ct) => ByNameAsync(name, args, ct)),
            ],
            model => new GetModelResult
            {
                Id = model.Id, Name = model.Name, ModelKind = model.ModelKind, ConnectionId = model.ConnectionId, BaseModelId = model.BaseModelId,
            },
            " (getModels lists the models there are)", cancellationToken);
    }

    private async Task<OmniModel?> ByNameAsync(string name, GetModelArgs args, CancellationToken cancellationToken)
    {
        var matches = new List<OmniModel>();
        await foreach (var model in omni.Client.Models.ListAsync(new ModelQuery { Name = name, ConnectionId = args.ConnectionId, ModelKind = args.ModelKind },
            ct: cancellationToken).ConfigureAwait(false))
        {
            if (!model.IsDeleted && string.Equals(model.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                matches.Add(model);
            }
        }

        return OneOf.Single(matches, m => $"{m.Id} ({m.ModelKind})", "getModel", "models", name);
    }
}
