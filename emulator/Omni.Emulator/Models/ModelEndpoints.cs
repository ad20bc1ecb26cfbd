using System.Text.Json;
using System.Text.Json.Nodes;
using Omni.Emulator.Auth;
using Omni.Emulator.Connections;
using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.ModelRoles;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Models;

/// <summary>/api/v1/models: the paged list, shared-model creation, rename and archive. Git links are in <see cref="ModelGitEndpoints"/>.</summary>
internal static class ModelEndpoints
{
    /// <summary>Kinds the list filter takes: OAS's six plus the two topic kinds Omni's docs add.</summary>
    private static readonly string[] ListKinds = ["SCHEMA", "SHARED", "SHARED_EXTENSION", "BRANCH", "WORKBOOK", "QUERY", "TOPIC", "FIELD_PICKER_TOPIC"];

    private static readonly string[] CreatableKinds = ["SCHEMA", "SHARED", "SHARED_EXTENSION", "BRANCH"];

    private static readonly string[] SortFields = ["name", "modelKind", "connectionId", "baseModelId", "createdAt", "updatedAt"];

    public static void MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/v1/models");
        models.MapGet("", ListAsync);
        models.MapPost("", CreateAsync);
        models.MapPatch("/{modelId}", RenameAsync);
        models.MapDelete("/{modelId}", DeleteAsync);
        app.MapModelGitEndpoints();
    }

    private static async Task<IResult> ListAsync(HttpContext context, ModelStore store, ConnectionStore connections,
        CancellationToken cancellationToken)
    {
        var request = context.Request;
        var cursor = Cursor.From(request);
        var include = (Query.Text(request, "include") ?? "").Split(',', StringSplitOptions.TrimEntries);
        var query = new ModelQuery(Query.Text(request, "baseModelId"), Query.Text(request, "connectionId"), Query.Text(request, "modelId"),
            Query.Text(request, "name"), Query.Enum(request, "modelKind", ListKinds), Query.Flag(request, "includeDeleted"),
            Query.Enum(request, "sortField", SortFields) ?? "createdAt", Query.Enum(request, "sortDirection", ["asc", "desc"]) == "desc",
            cursor.Offset, cursor.PageSize)
        {
            VisibleConnections = CallerAccess.IsPersonalToken(context)
                ? await ViewableConnectionsAsync(connections, cancellationToken).ConfigureAwait(false)
                : null,
        };
        var page = await store.ListAsync(query, cancellationToken).ConfigureAwait(false);
        var records = new List<ModelResource>();
        foreach (var model in page.Items)
        {
            var branches = include.Contains("activeBranches")
                ? (await store.BranchesOfAsync(model.Id, cancellationToken).ConfigureAwait(false)).Select(b => new ModelBranch(b.Id, b.Name)).ToList()
                : null;
            records.Add(new ModelResource(model.Id, model.Name, model.ModelKind, model.ConnectionId, model.BaseModelId, model.Created,
                model.Updated, model.DeletedAt, branches));
        }

        var next = cursor.Next(page.Total);
        return Results.Json(new ModelList(new PageInfo(next is not null, next, cursor.PageSize, page.Total), records),
            EmulatorJson.Context.ModelList);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ModelStore store, ConnectionStore connections,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        BodyFields.RejectUnknown(body,
            ["connectionId", "modelKind", "modelName", "baseModelId", "allowAsWorkbookBase", "usesIsolatedBranches", "accessGrants"],
            "See CreateModelSchemaBase in Omni's API reference.");
        var connection = await connections.RequireActiveAsync(BodyFields.RequiredString(body, "connectionId"), cancellationToken)
            .ConfigureAwait(false);
        var kind = BodyFields.OptionalEnum(body, "modelKind", CreatableKinds) ?? "SCHEMA";
        ConnectionAccess.Require(context, connection, kind == "BRANCH" ? "MODELER" : RoleCatalog.ConnectionAdmin);
        foreach (var flag in new[] { "allowAsWorkbookBase", "usesIsolatedBranches" })
        {
            RequestBody.OptionalBoolean(body, flag);
        }

        CheckAccessGrants(body["accessGrants"]);
        if (kind == "SCHEMA")
        {
            throw ApiProblem.BadRequest("Schema model already exists for the connection");
        }

        var baseModelId = RequestBody.OptionalString(body, "baseModelId");
        if (kind == "SHARED" && baseModelId is not null)
        {
            throw ApiProblem.BadRequest("baseModelId: a SHARED model has no base model; use SHARED_EXTENSION or BRANCH to build on one");
        }

        if (kind is "SHARED_EXTENSION" or "BRANCH")
        {
            var baseModel = await store.FindAsync(baseModelId ?? throw ApiProblem.BadRequest($"baseModelId: Required for a {kind} model"),
                cancellationToken).ConfigureAwait(false);
            if (baseModel is not { IsDeleted: false } || baseModel.ConnectionId != connection.Id)
            {
                throw ApiProblem.NotFound("Base model not found on this connection");
            }

            if (baseModel.ModelKind is not ("SHARED" or "SHARED_EXTENSION"))
            {
                throw ApiProblem.BadRequest($"baseModelId: a {kind} model builds on a SHARED or SHARED_EXTENSION model, not {baseModel.ModelKind}");
            }
        }

        var name = BodyFields.RequiredString(body, "modelName");
        var model = await store.CreateAsync(connection.Id, baseModelId, kind, name, cancellationToken).ConfigureAwait(false);
        return Results.Json(new ModelCreated(true, new CreatedModel(model.Id, model.ModelKind, model.Name)), EmulatorJson.Context.ModelCreated);
    }

    private static async Task<IResult> RenameAsync(string modelId, HttpContext context, ModelStore store, ConnectionStore connections,
        CancellationToken cancellationToken)
    {
        var model = await RequireRoleAsync(modelId, context, store, connections, "MODELER", cancellationToken).ConfigureAwait(false);
        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        BodyFields.RejectUnknown(body, ["name"], "Only name can change; kind, connection and base model are fixed.");
        var name = BodyFields.RequiredString(body, "name");
        if (model.ModelKind is "SCHEMA" or "WORKBOOK" or "QUERY")
        {
            throw ApiProblem.BadRequest($"A {model.ModelKind} model cannot be renamed");
        }

        var renamed = await store.UpdateAsync(modelId, current => current with { Name = name }, cancellationToken).ConfigureAwait(false);
        return Results.Json(new ModelRenamed(true, new RenamedModel(renamed.Id, renamed.Name)), EmulatorJson.Context.ModelRenamed);
    }

    private static async Task<IResult> DeleteAsync(string modelId, HttpContext context, ModelStore store, ConnectionStore connections,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(modelId, cancellationToken).ConfigureAwait(false) is { } model
            && await connections.FindAsync(model.ConnectionId, cancellationToken).ConfigureAwait(false) is { } connection)
        {
            ConnectionAccess.Require(context, connection, RoleCatalog.ConnectionAdmin);
        }

        await store.DeleteAsync(modelId, cancellationToken).ConfigureAwait(false);
        return Results.Json(new SuccessResult(true), EmulatorJson.Context.SuccessResult);
    }

    /// <summary>The active model, after checking the caller holds <paramref name="role"/> on its connection.</summary>
    public static async Task<StoredModel> RequireRoleAsync(string modelId, HttpContext context, ModelStore store, ConnectionStore connections,
        string role, CancellationToken cancellationToken)
    {
        var model = await store.RequireActiveAsync(modelId, cancellationToken).ConfigureAwait(false);
        var connection = await connections.RequireActiveAsync(model.ConnectionId, cancellationToken).ConfigureAwait(false);
        ConnectionAccess.Require(context, connection, role);
        return model;
    }

    private static async Task<IReadOnlySet<string>> ViewableConnectionsAsync(ConnectionStore connections, CancellationToken cancellationToken)
    {
        var all = await connections.ListAsync(new ConnectionQuery(null, null, [], IncludeDeleted: true, "name", false), cancellationToken)
            .ConfigureAwait(false);
        return all.Where(c => (RoleCatalog.Base(c.BaseRole)?.Priority ?? 0) >= RoleCatalog.Base("VIEWER")!.Priority)
            .Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
    }

    private static void CheckAccessGrants(JsonNode? grants)
    {
        if (grants is null)
        {
            return;
        }

        if (grants is not JsonArray list)
        {
            throw ApiProblem.BadRequest($"accessGrants: Expected an array, received {RequestBody.Describe(grants)}");
        }

        foreach (var (grant, index) in list.Select((g, i) => (g, i)))
        {
            if (grant is not JsonObject entry || entry["name"]?.GetValueKind() != JsonValueKind.String
                || entry["accessBoostable"]?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw ApiProblem.BadRequest($"accessGrants[{index}]: needs a string name and a boolean accessBoostable");
            }
        }
    }
}
