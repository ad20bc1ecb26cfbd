using Omni.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Functions;

// ConnectionInfo and ModelInfo are also the base of getConnection's and getModel's results, so the one object and the list
// item share their properties' names and descriptions; the results add only what the single read returns.
[PulumiType("omni:index:ConnectionInfo", Description = "A database connection in the Omni organisation (credentials are never returned).")]
internal record ConnectionInfo
{
    [PulumiProperty("id", Description = "The connection's id: the `connectionId` that ConnectionEnvironment, ConnectionSchedule, Model and the model roles take.", Required = true)]
    public string Id { get; init; } = "";

    [PulumiProperty("name", Description = "The connection's name.", Required = true)]
    public string Name { get; init; } = "";

    [PulumiProperty("dialect", Description = "The database dialect, e.g. postgres or snowflake.", Required = true)]
    public string Dialect { get; init; } = "";

    [PulumiProperty("database", Description = "The database the connection reads.")]
    public string? Database { get; init; }

    [PulumiProperty("baseRole", Description = "The role every member of the organisation has on the connection's models unless a direct or group role is higher.")]
    public string? BaseRole { get; init; }
}

internal sealed record GetConnectionsArgs
{
    [PulumiProperty("name", Description = "Only connections whose name contains this text (any letter case).")]
    public string? Name { get; init; }
}

internal sealed record GetConnectionsResult
{
    [PulumiProperty("connections", Description = "The connections, by name.", Required = true)]
    public IReadOnlyList<ConnectionInfo> Connections { get; init; } = [];
}

/// <summary><c>omni:index:getConnections</c>: GET /api/v1/connections (deleted ones left out).</summary>
[PulumiFunction("omni:index:getConnections",
    Description = "Lists the organisation's database connections (optionally those whose name contains `name`): their ids are what connection-level model roles take.")]
internal sealed class GetConnectionsFunction(OmniSession omni) : IProviderFunction<GetConnectionsArgs, GetConnectionsResult>
{
    public async Task<FunctionResult<GetConnectionsResult>> InvokeAsync(FunctionRequest<GetConnectionsArgs> request, CancellationToken cancellationToken)
    {
        var connections = await omni.Client.Connections.ListAsync(new ConnectionQuery { Name = request.Args.Value.Name }, cancellationToken).ConfigureAwait(false);
        return FunctionResult<GetConnectionsResult>.Of(new GetConnectionsResult
        {
            Connections = [.. connections.Where(c => !c.IsDeleted).Select(c => new ConnectionInfo
            {
                Id = c.Id, Name = c.Name, Dialect = c.Dialect, Database = c.Database, BaseRole = c.BaseRole,
            })],
        });
    }
}

[PulumiType("omni:index:ModelInfo", Description = "A model in the Omni organisation.")]
internal record ModelInfo
{
    [PulumiProperty("id", Description = "The model's id: the `modelId` that ModelGit, the model roles and permissions take.", Required = true)]
    public string Id { get; init; } = "";

    [PulumiProperty("name", Description = "The model's name.")]
    public string? Name { get; init; }

    [PulumiProperty("modelKind", Description = "SCHEMA, SHARED, SHARED_EXTENSION, BRANCH, WORKBOOK, QUERY or TOPIC.")]
    public string? ModelKind { get; init; }

    [PulumiProperty("connectionId", Description = "The connection the model reads.")]
    public string? ConnectionId { get; init; }
}

internal sealed record GetModelsArgs
{
    [PulumiProperty("name", Description = "Only models with this name (as Omni's name filter matches it).")]
    public string? Name { get; init; }

    [PulumiProperty("modelKind", Description = "Only models of this kind, e.g. SHARED.")]
    public string? ModelKind { get; init; }

    [PulumiProperty("connectionId", Description = "Only models of this connection.")]
    public string? ConnectionId { get; init; }
}

internal sealed record GetModelsResult
{
    [PulumiProperty("models", Description = "The matching models (every page of Omni's list).", Required = true)]
    public IReadOnlyList<ModelInfo> Models { get; init; } = [];
}

/// <summary><c>omni:index:getModels</c>: GET /api/v1/models, walked to its last page.</summary>
[PulumiFunction("omni:index:getModels",
    Description = "Lists the organisation's models, filtered by name, kind or connection: their ids are what model roles take.")]
internal sealed class GetModelsFunction(OmniSession omni) : IProviderFunction<GetModelsArgs, GetModelsResult>
{
    public async Task<FunctionResult<GetModelsResult>> InvokeAsync(FunctionRequest<GetModelsArgs> request, CancellationToken cancellationToken)
    {
        var args = request.Args.Value;
        var models = new List<ModelInfo>();
        await foreach (var model in omni.Client.Models.ListAsync(new ModelQuery { Name = args.Name, ModelKind = args.ModelKind, ConnectionId = args.ConnectionId },
            ct: cancellationToken).ConfigureAwait(false))
        {
            models.Add(new ModelInfo { Id = model.Id, Name = model.Name, ModelKind = model.ModelKind, ConnectionId = model.ConnectionId });
        }

        return FunctionResult<GetModelsResult>.Of(new GetModelsResult { Models = models });
    }
}
