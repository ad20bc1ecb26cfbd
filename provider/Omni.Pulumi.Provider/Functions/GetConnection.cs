using Omni.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Functions;

// getConnection (and getModel, GetModel.cs): one object by id or by name. Omni allows duplicate names for both, so a
// name that matches several objects is refused with their ids rather than one of them picked at random.

internal sealed record GetConnectionArgs
{
    [PulumiProperty("id", Description = "The connection's id. Give either id or name.")]
    public string? Id { get; init; }

    [PulumiProperty("name", Description = "The connection's exact name, in any letter case. Give either name or id; "
        + "when several connections share the name, the call fails and lists their ids.")]
    public string? Name { get; init; }
}

/// <summary>A <see cref="ConnectionInfo"/> (getConnections' item) and what only the single read returns.</summary>
internal sealed record GetConnectionResult : ConnectionInfo
{
    [PulumiProperty("defaultSchema", Description = "The default schema.")]
    public string? DefaultSchema { get; init; }
}

/// <summary><c>omni:index:getConnection</c>: GET /api/v1/connections/{id}, or the list filtered by name (deleted ones left out).</summary>
[PulumiFunction("omni:index:getConnection",
    Description = "Reads one database connection of the Omni organisation by id or by exact name (any letter case); credentials are never returned. "
    + "Connections in Omni's trash are not found.")]
internal sealed class GetConnectionFunction(OmniSession omni) : IProviderFunction<GetConnectionArgs, GetConnectionResult>
{
    public Task<FunctionResult<GetConnectionResult>> InvokeAsync(FunctionRequest<GetConnectionArgs> request, CancellationToken cancellationToken) =>
        OneOf.FindAsync(request, "getConnection", "connection",
            [
                new LookupKey<OmniConnection>(request.Args.NameOf(a => a.Id), request.Args.Value.Id, ByIdAsync),
                new LookupKey<OmniConnection>(request.Args.NameOf(a => a.Name), request.Args.Value.Name, ByNameAsync),
            ],
            connection => new GetConnectionResult
            {
                Id = connection.Id, Name = connection.Name, Dialect = connection.Dialect, Database = connection.Database,
                DefaultSchema = connection.DefaultSchema, BaseRole = connection.BaseRole,
            },
            " (getConnections lists the connections there are)", cancellationToken);

    private async Task<OmniConnection?> ByIdAsync(string id, CancellationToken cancellationToken) =>
        await omni.Client.Connections.GetAsync(id, cancellationToken).ConfigureAwait(false) is { IsDeleted: false } connection ? connection : null;

    private async Task<OmniConnection?> ByNameAsync(string name, CancellationToken cancellationToken)
    {
        // Omni's name filter matches parts of names; only the whole name counts here.
        var connections = await omni.Client.Connections.ListAsync(new ConnectionQuery { Name = name }, cancellationToken).ConfigureAwait(false);
        return OneOf.Single([.. connections.Where(c => !c.IsDeleted && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))],
            c => c.Id, "getConnection", "connections", name);
    }
}
