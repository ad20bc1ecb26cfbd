using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.ModelRoles;

/// <summary>
/// What <c>omni:index:UserModelRole</c> and <c>omni:index:GroupModelRole</c> share: one subject's direct role on
/// one model or one connection. Create and Update are one POST (Omni's upsert). Read shows only the direct
/// assignment (not group-inherited or base rows), so a change in Omni's UI is drift. Omni has no DELETE: the
/// direct role found before creation is kept in state (<c>previousRoleName</c>) and destroy POSTs it back, or
/// NO_ACCESS when there was none, which cannot lower access a connection base role grants. Omni takes only
/// CONNECTION_ADMIN-based roles on a whole connection, so a connection-level role is put back by any other
/// role (NO_ACCESS included) on the connection's SCHEMA model, where Omni keeps connection-level roles.
/// </summary>
internal abstract class ModelRoleResource<TArgs, TState>(OmniSession omni, IEngineLog log) :
    ICheck<TArgs>, ICreate<TArgs, TState>, IRead<TArgs, TState>, IUpdate<TArgs, TState>, IDelete<TState>
    where TArgs : ModelRoleArgs, new()
    where TState : class, TArgs, IModelRoleState, new()
{
    /// <summary>Joins the subject's id and the model's (or connection's) id in the resource's id.</summary>
    internal const char IdSeparator = '/';

    /// <summary>The roles Omni documents; any other name is a custom role of the organisation.</summary>
    internal static readonly string[] BaseRoles = ["NO_ACCESS", "VIEWER", "QUERY_TOPICS", "RESTRICTED_QUERIER", "QUERIER", "MODELER", "CONNECTION_ADMIN"];

    internal const string NoAccess = "NO_ACCESS";

    protected OmniSession Omni => omni;

    /// <summary>"user" or "group", for messages.</summary>
    protected abstract string SubjectWord { get; }

    private string TypeToken => PulumiResourceAttribute.Of(GetType()).Token;

    protected abstract string SubjectOf(TArgs args);

    protected abstract TArgs NewArgs(string subjectId, string? modelId, string? connectionId, string roleName);

    protected abstract TState NewState(TArgs args, string? previousRoleName);

    /// <summary>The subject's rows for one target (GET …/model-roles with the model or connection filter).</summary>
    protected abstract Task<IReadOnlyList<ModelRoleRow>> RowsAsync(string subjectId, string? connectionId, string? modelId, CancellationToken ct);

    protected abstract Task AssignAsync(string subjectId, ModelRoleGrant grant, CancellationToken ct);

    /// <summary>Whether the row is the subject's own assignment (not a group's or a base role).</summary>
    protected abstract bool IsDirect(ModelRoleRow row, string subjectId);

    // ---- Check: exactly one target; base role names upper-cased -------------------------------

    public Task<CheckResult<TArgs>> CheckAsync(CheckRequest<TArgs> request, CancellationToken cancellationToken)
    {
        var news = request.News;
        var args = news.Value;
        var failures = new List<CheckFailure>();
        var modelKnown = !news.IsUnknown(a => a.ModelId);
        var connectionKnown = !news.IsUnknown(a => a.ConnectionId);
        if (modelKnown && connectionKnown && (args.ModelId is null) == (args.ConnectionId is null))
        {
            failures.Add(news.Fail(a => a.ModelId, args.ModelId is null
                ? "set exactly one of 'modelId' (a role on one model) and 'connectionId' (a role on the whole connection); neither is set."
                : "set exactly one of 'modelId' and 'connectionId', not both: a model's role needs only modelId (Omni infers its connection)."));
        }

        var baseRole = BaseRoles.FirstOrDefault(r => string.Equals(r, args.RoleName, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(new CheckResult<TArgs>(baseRole is null ? args : NewArgs(SubjectOf(args), args.ModelId, args.ConnectionId, baseRole), failures));
    }

    // ---- Create: read the direct role there now (kept for destroy), then one POST ----------------

    public async Task<CreateResult<TState>> CreateAsync(CreateRequest<TArgs> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        var knownTarget = !request.News.Unknowns.Any();
        var previous = omni.IsConfigured && knownTarget
            ? (await DirectRowAsync(args, cancellationToken).ConfigureAwait(false))?.RoleName
            : null;
        if (knownTarget && omni.IsConfigured)
        {
            await log.InfoAsync(request.Urn, WhatDestroyDoes(args, previous), cancellationToken).ConfigureAwait(false);
        }
        if (request.Preview)
        {
            return new CreateResult<TState>("", NewState(args, previous));
        }

        await PostAsync(args, args.RoleName, cancellationToken).ConfigureAwait(false);
        return new CreateResult<TState>(IdOf(args), NewState(args, previous));
    }

    private string WhatDestroyDoes(TArgs args, string? previous) => previous is null
        ? $"The {SubjectWord} {SubjectOf(args)} has no direct role on {TargetWord(args)} now. Omni cannot delete a role, so destroying this resource "
          + $"will set {NoAccess}; access a connection base role or a group grants still applies after that."
        : $"The {SubjectWord} {SubjectOf(args)} has the direct role {previous} on {TargetWord(args)} now; destroying this resource will restore it.";

    // ---- Read: only the direct assignment; import by subjectId/modelId or subjectId/connectionId

    public async Task<ReadResult<TArgs, TState>> ReadAsync(ReadRequest<TArgs, TState> request, CancellationToken cancellationToken)
    {
        var (subjectId, targetId) = Parse(request.Id);
        TArgs declared;
        if (request.Olds is { } olds)
        {
            declared = olds;
        }
        else
        {
            // Import: the second part is a model's id, or else a connection's.
            var model = await omni.Client.Models.GetAsync(targetId, ct: cancellationToken).ConfigureAwait(false);
            var connection = model is null ? await omni.Client.Connections.GetAsync(targetId, cancellationToken).ConfigureAwait(false) : null;
            if (model is null && connection is null)
            {
                return ReadResult<TArgs, TState>.Gone;
            }
            declared = NewArgs(subjectId, model?.Id, model is null ? targetId : null, "");
        }

        ModelRoleRow? row;
        try
        {
            row = await DirectRowAsync(declared, cancellationToken).ConfigureAwait(false);
        }
        catch (OmniNotFoundException)
        {
            row = null; // the subject, model or connection was deleted
        }

        if (row is null)
        {
            if (!request.IsImport)
            {
                await log.WarnAsync(request.Urn, ResourceMessages.GoneFromOmni($"The direct role of {SubjectWord} {subjectId} on {TargetWord(declared)}",
                    "is gone from Omni (the role, the subject or the target was removed)", "assigns it again"), cancellationToken).ConfigureAwait(false);
            }
            return ReadResult<TArgs, TState>.Gone;
        }

        var inputs = NewArgs(subjectId, declared.ModelId, declared.ConnectionId, row.RoleName);
        return new ReadResult<TArgs, TState>(IdOf(inputs), NewState(inputs, request.Olds?.PreviousRoleName), inputs);
    }

    // ---- Update: the role only (the subject and target replace): one POST ------------------------

    public async Task<UpdateResult<TState>> UpdateAsync(UpdateRequest<TArgs, TState> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        if (!request.Preview)
        {
            await PostAsync(args, args.RoleName, cancellationToken).ConfigureAwait(false);
        }
        return new UpdateResult<TState>(NewState(args, request.Olds.PreviousRoleName));
    }

    // ---- Delete: restore the role found before creation, or NO_ACCESS ----------------------------

    public async Task DeleteAsync(DeleteRequest<TState> request, CancellationToken cancellationToken)
    {
        var olds = request.Olds;
        var restore = olds.PreviousRoleName ?? NoAccess;
        try
        {
            await PostAsync(await RestoreTargetAsync(olds, restore, cancellationToken).ConfigureAwait(false), restore, cancellationToken).ConfigureAwait(false);
        }
        catch (OmniNotFoundException)
        {
            return; // the subject or the target is gone: no role is left to take back
        }

        await log.WarnAsync(request.Urn, olds.PreviousRoleName is null
            ? $"Omni cannot delete a model role: the {SubjectWord} {SubjectOf(olds)} now has {NoAccess} on {TargetWord(olds)} as a direct role. "
              + "A connection base role or a group's role higher than that still applies."
            : $"Restored the {SubjectWord} {SubjectOf(olds)}'s direct role {restore} on {TargetWord(olds)}, as it was before this resource.",
            cancellationToken).ConfigureAwait(false);
    }

    // ---- Helpers -----------------------------------------------------------------------------------

    /// <summary>
    /// Where destroy POSTs the role back: the resource's own target, except for a connection-level role put
    /// back by a role other than CONNECTION_ADMIN (NO_ACCESS when there was none): Omni refuses those on a whole
    /// connection ("modelId: Required"), so it goes on the connection's SCHEMA model, which holds the
    /// connection-level row and so replaces it. A custom role is taken to be CONNECTION_ADMIN-based, as the
    /// row it was read from was connection-level.
    /// </summary>
    private async Task<TArgs> RestoreTargetAsync(TArgs olds, string roleName, CancellationToken cancellationToken)
    {
        var isBaseRole = BaseRoles.Contains(roleName, StringComparer.OrdinalIgnoreCase);
        if (olds.ConnectionId is not { } connectionId || olds.ModelId is not null
            || !isBaseRole || string.Equals(roleName, "CONNECTION_ADMIN", StringComparison.OrdinalIgnoreCase))
        {
            return olds;
        }

        await foreach (var model in omni.Client.Models.ListAsync(new ModelQuery { ConnectionId = connectionId, ModelKind = "SCHEMA" }, ct: cancellationToken)
            .ConfigureAwait(false))
        {
            return NewArgs(SubjectOf(olds), model.Id, null, roleName);
        }

        return olds; // no SCHEMA model (the connection is gone): the POST answers 404, and nothing is left to restore
    }

    private async Task PostAsync(TArgs target, string roleName, CancellationToken cancellationToken)
    {
        try
        {
            await AssignAsync(SubjectOf(target), new ModelRoleGrant(roleName, target.ModelId, target.ConnectionId), cancellationToken).ConfigureAwait(false);
        }
        catch (OmniApiException e) when (e.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                ResourceMessages.Refused($"role '{roleName}' for {SubjectWord} {SubjectOf(target)} on {TargetWord(target)}", e,
                    $"Check roleName: one of {string.Join(", ", BaseRoles)}, or a custom role defined in Omni; a connection-level role must be based on CONNECTION_ADMIN."), e);
        }
    }

    /// <summary>The subject's own row on the target: for a connection, the row on the connection itself
    /// (no model, or the connection's SCHEMA model, where Omni keeps connection-level roles).</summary>
    private async Task<ModelRoleRow?> DirectRowAsync(TArgs target, CancellationToken cancellationToken)
    {
        var subjectId = SubjectOf(target);
        if (target.ModelId is { } modelId)
        {
            var rows = await RowsAsync(subjectId, null, modelId, cancellationToken).ConfigureAwait(false);
            return rows.FirstOrDefault(r => IsDirect(r, subjectId) && string.Equals(r.ModelId, modelId, StringComparison.OrdinalIgnoreCase));
        }

        var connectionId = target.ConnectionId!;
        var schemaModels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var model in omni.Client.Models.ListAsync(new ModelQuery { ConnectionId = connectionId, ModelKind = "SCHEMA" }, ct: cancellationToken)
            .ConfigureAwait(false))
        {
            schemaModels.Add(model.Id);
        }
        var all = await RowsAsync(subjectId, connectionId, null, cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(r => IsDirect(r, subjectId) && string.Equals(r.ConnectionId, connectionId, StringComparison.OrdinalIgnoreCase)
            && (r.ModelId is null || schemaModels.Contains(r.ModelId)));
    }

    private static string TargetWord(ModelRoleArgs target) => target.ModelId is { } m ? $"model {m}" : $"connection {target.ConnectionId}";

    private string IdOf(TArgs args) => $"{SubjectOf(args)}{IdSeparator}{args.ModelId ?? args.ConnectionId}";

    private (string Subject, string Target) Parse(string id)
    {
        var parts = id.Split(IdSeparator);
        return parts is [{ Length: > 0 } subject, { Length: > 0 } target]
            ? (subject, target)
            : throw new ProviderFailureException(FailureKind.InvalidInput,
                $"'{id}' is not a {TypeToken} id: it is the {SubjectWord}'s id and the model's (or connection's) id joined by '{IdSeparator}', "
                + $"e.g. `pulumi import {TypeToken} analysts-on-sales <{SubjectWord}Id>/<modelId>`.");
    }
}

/// <summary>The target and role every model-role resource declares; the subject is in the derived record.</summary>
internal record ModelRoleArgs
{
    protected const string OneId = @"^[^/]*[^/\s][^/]*$";

    [PulumiProperty("modelId", Description = "The model the role is on (Omni infers its connection). Set exactly one of modelId and connectionId. "
        + "Changing it replaces the resource.", ReplaceOnChanges = true,
        Pattern = OneId, PatternMessage = "must be one model's id: not empty, and without '/'")]
    public string? ModelId { get; init; }

    [PulumiProperty("connectionId", Description = "The connection the role is on, for a connection-level role (a role based on CONNECTION_ADMIN). "
        + "Set exactly one of modelId and connectionId. Changing it replaces the resource.", ReplaceOnChanges = true,
        Pattern = OneId, PatternMessage = "must be one connection's id: not empty, and without '/'")]
    public string? ConnectionId { get; init; }

    [PulumiProperty("roleName", Description = "The role: NO_ACCESS, VIEWER, QUERY_TOPICS (Restricted Querier), QUERIER, MODELER, CONNECTION_ADMIN "
        + "(any letter case), or the name of a custom role defined in Omni. Changes in place.",
        Required = true, IgnoreCase = true, Pattern = @"\S", PatternMessage = "must name a role, e.g. QUERIER")]
    public string RoleName { get; init; } = "";
}

/// <summary>The output every model-role resource adds: what destroy restores.</summary>
internal interface IModelRoleState
{
    string? PreviousRoleName { get; }
}
