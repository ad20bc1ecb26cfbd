using System.Text.Json.Nodes;
using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.ModelRoles;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Models;

/// <summary>/api/v1/models/{modelId}/git: one git link per shared model. Connection Admin only [E].</summary>
internal static class ModelGitEndpoints
{
    public static void MapModelGitEndpoints(this IEndpointRouteBuilder app)
    {
        var git = app.MapGroup("/api/v1/models/{modelId}/git");
        git.MapGet("", GetAsync);
        git.MapPost("", CreateAsync);
        git.MapPatch("", UpdateAsync);
        git.MapDelete("", DeleteAsync);
    }

    private static ApiProblem NotConfigured() => ApiProblem.NotFound("Git is not configured for this model");

    private static async Task<IResult> GetAsync(string modelId, HttpContext context, ModelStore store, ConnectionStore connections,
        CancellationToken cancellationToken)
    {
        var model = await ModelEndpoints.RequireRoleAsync(modelId, context, store, connections, RoleCatalog.ConnectionAdmin, cancellationToken)
            .ConfigureAwait(false);
        return Answer(context, model.Id, model.Git ?? throw NotConfigured());
    }

    private static async Task<IResult> CreateAsync(string modelId, HttpContext context, ModelStore store, ConnectionStore connections,
        CancellationToken cancellationToken)
    {
        var model = await ModelEndpoints.RequireRoleAsync(modelId, context, store, connections, RoleCatalog.ConnectionAdmin, cancellationToken)
            .ConfigureAwait(false);
        if (model.ModelKind is not ("SHARED" or "SHARED_EXTENSION"))
        {
            throw ApiProblem.BadRequest($"Git can be linked to SHARED and SHARED_EXTENSION models, not {model.ModelKind}");
        }

        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var updated = await store.UpdateAsync(modelId, current => current.Git is not null
            ? throw ApiProblem.Conflict("Git already configured for this model")
            : current with { Git = ModelGitRules.Apply(null, body, current.Name) }, cancellationToken).ConfigureAwait(false);
        return Answer(context, updated.Id, updated.Git!, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string modelId, HttpContext context, ModelStore store, ConnectionStore connections,
        CancellationToken cancellationToken)
    {
        await ModelEndpoints.RequireRoleAsync(modelId, context, store, connections, RoleCatalog.ConnectionAdmin, cancellationToken)
            .ConfigureAwait(false);
        var body = await RequestBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var updated = await store.UpdateAsync(modelId, current => current with
        {
            Git = ModelGitRules.Apply(current.Git ?? throw NotConfigured(), body, current.Name),
        }, cancellationToken).ConfigureAwait(false);
        return Answer(context, updated.Id, updated.Git!);
    }

    private static async Task<IResult> DeleteAsync(string modelId, HttpContext context, ModelStore store, ConnectionStore connections,
        CancellationToken cancellationToken)
    {
        await ModelEndpoints.RequireRoleAsync(modelId, context, store, connections, RoleCatalog.ConnectionAdmin, cancellationToken)
            .ConfigureAwait(false);
        await store.UpdateAsync(modelId, current => current with { Git = current.Git is null ? throw NotConfigured() : null }, cancellationToken)
            .ConfigureAwait(false);
        return Results.Json(new MessageResult("Git repository unlinked successfully", true), EmulatorJson.Context.MessageResult);
    }

    private static IResult Answer(HttpContext context, string modelId, JsonObject git, int status = StatusCodes.Status200OK)
    {
        var include = (Query.Text(context.Request, "include") ?? "").Split(',', StringSplitOptions.TrimEntries);
        var cloneUrl = git["cloneUrl"]!.GetValue<string>();
        var body = new GitConfigResource
        {
            AuthMethod = git["authMethod"]!.GetValue<string>(),
            BaseBranch = git["baseBranch"]!.GetValue<string>(),
            BranchPerPullRequest = git["branchPerPullRequest"]!.GetValue<bool>(),
            CloneUrl = cloneUrl,
            GitFollower = git["gitFollower"]!.GetValue<bool>(),
            GitServiceProvider = git["gitServiceProvider"]!.GetValue<string>(),
            ModelPath = git["modelPath"]?.GetValue<string>(),
            PublicKey = git["publicKey"]?.GetValue<string>(),
            RequirePullRequest = git["requirePullRequest"]!.GetValue<string>(),
            SshUrl = cloneUrl,
            WebUrl = git["webUrl"]?.GetValue<string>(),
            WebhookUrl = $"{context.Request.Scheme}://{context.Request.Host}/api/webhooks/model/{modelId}",
            WebhookSecret = include.Contains("webhookSecret") ? git["webhookSecret"]?.GetValue<string>() : null,
        };
        return Results.Json(body, EmulatorJson.Context.GitConfigResource, statusCode: status);
    }
}
