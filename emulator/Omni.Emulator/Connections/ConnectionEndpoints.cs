using Omni.Emulator.Auth;
using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.ModelRoles;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Connections;

/// <summary>/api/v1/connections: list, create, read, the documented PATCH fields, and soft delete.</summary>
internal static class ConnectionEndpoints
{
    public static void MapConnectionEndpoints(this IEndpointRouteBuilder app)
    {
        var connections = app.MapGroup("/api/v1/connections");
        connections.MapGet("", ListAsync);
        connections.MapPost("", CreateAsync);
        connections.MapGet("/{id}", GetAsync);
        connections.MapPatch("/{id}", UpdateAsync);
        connections.MapDelete("/{id}", DeleteAsync);
        app.MapConnectionEnvironmentEndpoints();
        app.MapConnectionScheduleEndpoints();
    }

    /// <summary>The read shape. Omni reads mssql back as "sqlserver" (its read enum); secrets and host details are never returned.</summary>
    public static ConnectionResource Representation(StoredConnection c) => new(
        c.Id, c.Name, c.Dialect == "mssql" ? "sqlserver" : c.Dialect, c.Database, c.DefaultSchema, c.BaseRole, c.DeletedAt,
        BranchConnectionEnvironmentOverridesUserAttr: false, EnvironmentConnectionSwitchesSchemaModel: false,
        c.EnvironmentAttribute, c.EnvironmentDefaultValues);

    private static async Task<IResult> ListAsync(HttpContext context, ConnectionStore store, CancellationToken cancellationToken)
    {
        CallerAccess.RequireAdmin(context);
        var query = context.Request.Query;
        var sortField = Query.Enum(context.Request, "sortField", ["name", "database", "dialect"]) ?? "name";
        var direction = Query.Enum(context.Request, "sortDirection", ["asc", "desc"]) ?? "asc";
        var dialects = ((string?)query["dialect"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var connections = await store.ListAsync(new ConnectionQuery(Query.Text(context.Request, "name"), Query.Text(context.Request, "database"), dialects,
            Query.Flag(context.Request, "includeDeleted"), sortField, direction == "desc"), cancellationToken).ConfigureAwait(false);
        return Results.Json(new ConnectionList([.. connections.Select(Representation)]), EmulatorJson.Context.ConnectionList);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ConnectionStore store, CancellationToken cancellationToken)
    {
        CallerAccess.RequireAdmin(context);
        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var created = await store.CreateAsync(ConnectionRules.ParseCreate(body), cancellationToken).ConfigureAwait(false);
        return Results.Json(new ConnectionCreated(created.Id, true), EmulatorJson.Context.ConnectionCreated,
            statusCode: StatusCodes.Status201Created);
    }

    /// <summary>A trashed connection is still readable by id, with deletedAt set.</summary>
    private static async Task<IResult> GetAsync(string id, HttpContext context, ConnectionStore store, CancellationToken cancellationToken)
    {
        var connection = await store.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw ConnectionStore.NotFound();
        ConnectionAccess.Require(context, connection, ConnectionAccess.RestrictedQuerier);
        return Results.Json(new ConnectionEnvelope(Representation(connection)), EmulatorJson.Context.ConnectionEnvelope);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, ConnectionStore store, CancellationToken cancellationToken)
    {
        await RequireConnectionAdminAsync(id, context, store, cancellationToken).ConfigureAwait(false);
        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var (change, message) = ConnectionRules.ParseUpdate(body);
        await store.UpdateAsync(id, change, cancellationToken).ConfigureAwait(false);
        return Results.Json(new MessageResult(message, true), EmulatorJson.Context.MessageResult);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ConnectionStore store, CancellationToken cancellationToken)
    {
        await RequireConnectionAdminAsync(id, context, store, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return Results.Json(new MessageResult("Connection deleted", true), EmulatorJson.Context.MessageResult);
    }

    private static async Task RequireConnectionAdminAsync(string id, HttpContext context, ConnectionStore store, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } connection)
        {
            ConnectionAccess.Require(context, connection, RoleCatalog.ConnectionAdmin);
        }
    }
}
