using System.Text.Json;
using System.Text.Json.Nodes;
using Omni.Client.Json;
using Omni.Client.Transport;

namespace Omni.Client;

/// <summary>Omni's models (/api/v1/models): the cursor-paged list, shared-model creation, rename, archive and the git link.</summary>
public sealed class OmniModels
{
    private readonly OmniTransport _transport;

    internal OmniModels(OmniTransport transport) => _transport = transport;

    /// <summary>Every model matching <paramref name="query"/>, page after page (<paramref name="pageSize"/> a request) to the end.</summary>
    public IAsyncEnumerable<OmniModel> ListAsync(ModelQuery? query = null, int pageSize = 100, CancellationToken ct = default)
    {
        var path = "v1/models" + V1Request.Query(("name", query?.Name), ("modelKind", query?.ModelKind), ("connectionId", query?.ConnectionId),
            ("baseModelId", query?.BaseModelId), ("modelId", query?.ModelId), ("includeDeleted", query?.IncludeDeleted == true ? "true" : null),
            ("include", query?.IncludeActiveBranches == true ? "activeBranches" : null));
        return CursorPager.ReadAllAsync(_transport, path, pageSize, OmniJsonContext.Default.ModelListWire,
            static page => (page.Records?.Select(m => m?.ToModel()) ?? [], page.PageInfo), static m => m.Id, notFoundIsEmpty: false, ct);
    }

    /// <summary>One model by id (Omni has no GET by id: this filters the list); null when there is none, or it is deleted and <paramref name="includeDeleted"/> is false.</summary>
    public async Task<OmniModel?> GetAsync(string id, bool includeDeleted = false, CancellationToken ct = default)
    {
        OmniUsers.RequireText(id, "id");
        await foreach (var model in ListAsync(new ModelQuery { ModelId = id, IncludeDeleted = includeDeleted }, 100, ct).ConfigureAwait(false))
        {
            if (string.Equals(model.Id, id, StringComparison.OrdinalIgnoreCase))
            {
                return model;
            }
        }

        return null;
    }

    /// <summary>Creates the model and returns it read back (Omni's create answer is partial).</summary>
    public async Task<OmniModel> CreateAsync(ModelCreate model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        OmniUsers.RequireText(model.ConnectionId, "ConnectionId");
        OmniUsers.RequireText(model.ModelName, "ModelName");
        var body = new JsonObject { ["connectionId"] = model.ConnectionId, ["modelKind"] = model.ModelKind, ["modelName"] = model.ModelName };
        OmniConnections.Set(body, "baseModelId", model.BaseModelId);
        var response = await V1Request.SendAsync(_transport, HttpMethod.Post, "v1/models", body, ct).ConfigureAwait(false);
        var created = JsonIo.Read(response, OmniJsonContext.Default.ModelCreatedWire, static wire => wire);
        if (created.Success == false || created.Model?.Id is null)
        {
            throw new OmniApiException(response.Method, response.Path, response.StatusCode,
                created.Error ?? created.Message ?? "Omni answered without the created model", "check the connection and the model's name and kind");
        }

        return await GetAsync(created.Model.Id, ct: ct).ConfigureAwait(false) ?? created.Model.ToModel();
    }

    /// <summary>Renames the model (the only field Omni changes in place) and returns it read back.</summary>
    public async Task<OmniModel> RenameAsync(string id, string name, CancellationToken ct = default)
    {
        OmniUsers.RequireText(name, "name");
        var path = V1Request.Path("v1/models/{0}", id);
        await V1Request.SendAsync(_transport, HttpMethod.Patch, path, new JsonObject { ["name"] = name }, ct).ConfigureAwait(false);
        return await GetAsync(id, ct: ct).ConfigureAwait(false)
            ?? throw new OmniNotFoundException("PATCH", new Uri(_transport.ApiBase, path).AbsolutePath, $"model {id} is gone after its rename",
                "it was probably deleted outside this program");
    }

    /// <summary>Archives the model (Omni's soft delete); one already archived or unknown (410/404) counts as done.</summary>
    public Task DeleteAsync(string id, CancellationToken ct = default) =>
        V1Request.SendOrGoneAsync(_transport, HttpMethod.Delete, V1Request.Path("v1/models/{0}", id), null, ct);

    /// <returns>The model's git link, or null when none is configured (or the model is gone).</returns>
    public async Task<ModelGit?> GetGitAsync(string modelId, bool includeWebhookSecret = false, CancellationToken ct = default)
    {
        var response = await V1Request.SendOrGoneAsync(_transport, HttpMethod.Get,
            V1Request.Path("v1/models/{0}/git", modelId) + (includeWebhookSecret ? "?include=webhookSecret" : ""), null, ct).ConfigureAwait(false);
        return response is null ? null : ReadGit(response);
    }

    /// <summary>Links the model to a repository; 409 (<see cref="OmniConflictException"/>) when it already has a link.</summary>
    public async Task<ModelGit> CreateGitAsync(string modelId, ModelGitSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        OmniUsers.RequireText(settings.CloneUrl, "CloneUrl");
        return ReadGit(await V1Request.SendAsync(_transport, HttpMethod.Post, V1Request.Path("v1/models/{0}/git", modelId), GitBody(settings), ct)
            .ConfigureAwait(false));
    }

    /// <summary>Changes the fields <paramref name="settings"/> sets (null = unchanged).</summary>
    public async Task<ModelGit> UpdateGitAsync(string modelId, ModelGitSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ReadGit(await V1Request.SendAsync(_transport, HttpMethod.Patch, V1Request.Path("v1/models/{0}/git", modelId), GitBody(settings), ct)
            .ConfigureAwait(false));
    }

    /// <summary>Unlinks the repository; no link (404) counts as done.</summary>
    public Task DeleteGitAsync(string modelId, CancellationToken ct = default) =>
        V1Request.SendOrGoneAsync(_transport, HttpMethod.Delete, V1Request.Path("v1/models/{0}/git", modelId), null, ct);

    private static ModelGit ReadGit(OmniResponse response) => JsonIo.Read(response, OmniJsonContext.Default.GitWire, static wire => wire.ToModel());

    private static JsonObject GitBody(ModelGitSettings settings)
    {
        var body = new JsonObject();
        OmniConnections.Set(body, "cloneUrl", settings.CloneUrl);
        OmniConnections.Set(body, "authMethod", settings.AuthMethod);
        OmniConnections.Set(body, "baseBranch", settings.BaseBranch);
        OmniConnections.Set(body, "branchPerPullRequest", settings.BranchPerPullRequest);
        OmniConnections.Set(body, "gitFollower", settings.GitFollower);
        OmniConnections.Set(body, "gitServiceProvider", settings.GitServiceProvider);
        OmniConnections.Set(body, "modelPath", settings.ModelPath);
        OmniConnections.Set(body, "requirePullRequest", settings.RequirePullRequest);
        OmniConnections.Set(body, "webUrl", settings.WebUrl);
        OmniConnections.Set(body, "token", settings.Token);
        OmniConnections.Set(body, "webhookSecret", settings.WebhookSecret);
        OmniConnections.Set(body, "deployPrivateKey", settings.DeployPrivateKey);
        OmniConnections.Set(body, "deployKeyPassphrase", settings.DeployKeyPassphrase);
        return body;
    }

    public override string ToString() => $"OmniModels({_transport.ApiBase})";
}
