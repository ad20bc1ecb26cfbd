using System.Net;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.Connections;

/// <summary>
/// <c>omni:index:ConnectionEnvironment</c>: one connection standing in for a base connection (Omni's
/// /api/v1/connection-environments). Omni creates environments in batches (one POST with a list of
/// connection ids); this resource is one pair, so its POST carries one id. Both ids are immutable in
/// Omni (replace); only userAttributeValues changes in place (PUT). A connection can be part of one
/// environment only, so a replacement must delete the old pair first (DeleteBeforeReplace).
/// </summary>
[PulumiResource("omni:index:ConnectionEnvironment", DeleteBeforeReplace = true,
    Description = "Makes one connection an environment of a base connection (`/api/v1/connection-environments`): users whose value of the base "
    + "connection's environment user attribute is one of `userAttributeValues` query this connection instead of the base one. "
    + "Omni's rules: both connections exist, share a dialect, differ, and the environment connection belongs to no other environment. "
    + "Its id is Omni's connection environment id; import with `pulumi import omni:index:ConnectionEnvironment <name> <id>` "
    + "(the id of the environment connection is accepted too). `userAttributeValues` changes in place; `baseConnectionId` and "
    + "`connectionId` replace the environment (the old one is removed first, since a connection can be in one environment only). "
    + "Refresh reports values changed in Omni as drift; an environment whose connection was deleted is gone. Destroy detaches the "
    + "connection (both connections stay); an environment already removed counts as done.")]
internal sealed class ConnectionEnvironmentResource(OmniSession omni, IEngineLog log) :
    ICheck<ConnectionEnvironmentArgs>, ICreate<ConnectionEnvironmentArgs, ConnectionEnvironmentState>, IRead<ConnectionEnvironmentArgs, ConnectionEnvironmentState>,
    IUpdate<ConnectionEnvironmentArgs, ConnectionEnvironmentState>, IDelete<ConnectionEnvironmentState>
{
    // ---- Check: the one Omni rule the inputs alone can break -----------------------------------

    public Task<CheckResult<ConnectionEnvironmentArgs>> CheckAsync(CheckRequest<ConnectionEnvironmentArgs> request, CancellationToken cancellationToken)
    {
        var news = request.News;
        var args = news.Value;
        IReadOnlyList<CheckFailure> failures = !news.IsUnknown(a => a.BaseConnectionId) && !news.IsUnknown(a => a.ConnectionId)
            && string.Equals(args.BaseConnectionId, args.ConnectionId, StringComparison.OrdinalIgnoreCase)
                ? [news.Fail(a => a.ConnectionId, "'connectionId' must differ from 'baseConnectionId': a connection cannot be an environment of itself.")]
                : [];
        return Task.FromResult(new CheckResult<ConnectionEnvironmentArgs>(args, failures));
    }

    // ---- Create: one POST with one environment connection, then a PUT when values are declared --

    public async Task<CreateResult<ConnectionEnvironmentState>> CreateAsync(CreateRequest<ConnectionEnvironmentArgs> request,
        CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        var state = ConnectionEnvironmentState.From(args);
        if (request.Preview)
        {
            return new CreateResult<ConnectionEnvironmentState>("", state);
        }

        ConnectionEnvironment created;
        try
        {
            var environments = await omni.Client.Connections.CreateEnvironmentsAsync(args.BaseConnectionId, [args.ConnectionId], cancellationToken)
                .ConfigureAwait(false);
            created = environments.FirstOrDefault(e => string.Equals(e.ConnectionId, args.ConnectionId, StringComparison.OrdinalIgnoreCase))
                ?? throw new ProviderFailureException(FailureKind.OutcomeUnknown,
                    $"Omni answered the creation of the environment {args.ConnectionId} of connection {args.BaseConnectionId} without it. "
                    + "Look for it in Omni (GET /api/v1/connection-environments) and import it before running `pulumi up` again.");
        }
        catch (OmniApiException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                ResourceMessages.Refused($"to make connection {args.ConnectionId} an environment of connection {args.BaseConnectionId}", e,
                    "Both connections must exist and share a dialect, and the environment connection must not already be part of an environment."), e);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested && ResourceMessages.CreateMayHaveReachedOmni(e))
        {
            throw new ProviderFailureException(FailureKind.OutcomeUnknown,
                $"Creating the environment {args.ConnectionId} of connection {args.BaseConnectionId} was cancelled after the POST may have reached Omni. "
                + "Look for it in Omni and import it with `pulumi import omni:index:ConnectionEnvironment <name> <id>` before running `pulumi up` again.", e);
        }

        if (args.UserAttributeValues is { Count: > 0 } values)
        {
            try
            {
                await omni.Client.Connections.UpdateEnvironmentAsync(created.Id, values, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OmniApiException or OperationCanceledException)
            {
                // The environment exists: the engine must keep it, with the values Omni has (none yet).
                throw new ResourceInitFailedException(created.Id, state with { UserAttributeValues = [] },
                    $"Connection environment {created.Id} was created, but setting its userAttributeValues failed "
                    + $"({(e is OmniApiException api ? ResourceMessages.OmniAnswer(api) : "cancelled")}). Run `pulumi up` again to set them.", e);
            }
        }

        return new CreateResult<ConnectionEnvironmentState>(created.Id, state);
    }

    // ---- Read: Omni has no GET by id; the (unpaged) list is read and the id looked up ----------

    public async Task<ReadResult<ConnectionEnvironmentArgs, ConnectionEnvironmentState>> ReadAsync(
        ReadRequest<ConnectionEnvironmentArgs, ConnectionEnvironmentState> request, CancellationToken cancellationToken)
    {
        var environments = await omni.Client.Connections.ListEnvironmentsAsync(cancellationToken).ConfigureAwait(false);
        var environment = environments.FirstOrDefault(e => string.Equals(e.Id, request.Id, StringComparison.OrdinalIgnoreCase))
            // On import the environment connection's id names the environment as well: a connection is in one environment at most.
            ?? (request.IsImport ? environments.FirstOrDefault(e => string.Equals(e.ConnectionId, request.Id, StringComparison.OrdinalIgnoreCase)) : null);
        if (environment is null)
        {
            if (!request.IsImport)
            {
                await log.WarnAsync(request.Urn, ResourceMessages.GoneFromOmni($"Connection environment {request.Id}",
                    "no longer exists in Omni (removed, or one of its connections was deleted)", "creates it again"), cancellationToken).ConfigureAwait(false);
            }

            return ReadResult<ConnectionEnvironmentArgs, ConnectionEnvironmentState>.Gone;
        }

        var known = request.OldInputs ?? request.Olds;
        var inputs = new ConnectionEnvironmentArgs
        {
            BaseConnectionId = environment.BaseConnectionId,
            ConnectionId = environment.ConnectionId,
            // Unset and empty mean the same in Omni: an unset input with no values in Omni is no drift.
            UserAttributeValues = known is not null && known.UserAttributeValues is null && environment.UserAttributeValues.Count == 0
                ? null
                : environment.UserAttributeValues,
        };
        return new ReadResult<ConnectionEnvironmentArgs, ConnectionEnvironmentState>(environment.Id, ConnectionEnvironmentState.From(inputs), inputs);
    }

    // ---- Update: one PUT of the values (the only field Omni changes) ---------------------------

    public async Task<UpdateResult<ConnectionEnvironmentState>> UpdateAsync(
        UpdateRequest<ConnectionEnvironmentArgs, ConnectionEnvironmentState> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        var state = ConnectionEnvironmentState.From(args);
        if (request.Preview)
        {
            return new UpdateResult<ConnectionEnvironmentState>(state);
        }

        try
        {
            await omni.Client.Connections.UpdateEnvironmentAsync(request.Id, args.UserAttributeValues ?? [], cancellationToken).ConfigureAwait(false);
        }
        catch (OmniApiException e) when (ResourceMessages.IsGoneOrRefused(e))
        {
            throw ResourceMessages.NotUpdated(e, $"Connection environment {request.Id}", $"the userAttributeValues of connection environment {request.Id}");
        }

        return new UpdateResult<ConnectionEnvironmentState>(state);
    }

    // ---- Delete: one DELETE; an environment already gone (404) counts as done ------------------

    public Task DeleteAsync(DeleteRequest<ConnectionEnvironmentState> request, CancellationToken cancellationToken) =>
        omni.Client.Connections.DeleteEnvironmentAsync(request.Id, cancellationToken);
}

/// <summary>The inputs of <c>omni:index:ConnectionEnvironment</c> (one pair of Omni's ConnectionsEnvironmentsCreateBody, and its update body).</summary>
internal record ConnectionEnvironmentArgs
{
    private const string OneId = @"^\S+$";

    [PulumiProperty("baseConnectionId", Description = "The base connection (e.g. a Connection resource's `id`). Omni cannot change it: changing it replaces the environment.",
        Required = true, ReplaceOnChanges = true, Pattern = OneId, PatternMessage = "must be a connection's id (e.g. a Connection resource's `id`), without spaces")]
    public string BaseConnectionId { get; init; } = "";

    [PulumiProperty("connectionId", Description = "The connection used as the environment: same dialect as the base, in no other environment. "
        + "Omni cannot change it: changing it replaces the environment.",
        Required = true, ReplaceOnChanges = true, Pattern = OneId, PatternMessage = "must be a connection's id (e.g. a Connection resource's `id`), without spaces")]
    public string ConnectionId { get; init; } = "";

    [PulumiProperty("userAttributeValues", Description = "The values of the base connection's environment user attribute that select this environment, "
        + "in any order. Changes in place; unset means none.", Unordered = true)]
    public IReadOnlyList<string>? UserAttributeValues { get; init; }
}

/// <summary>The outputs of <c>omni:index:ConnectionEnvironment</c>: the inputs as Omni holds them (its id is the environment's id).</summary>
internal sealed record ConnectionEnvironmentState : ConnectionEnvironmentArgs
{
    public static ConnectionEnvironmentState From(ConnectionEnvironmentArgs args) => new()
    {
        BaseConnectionId = args.BaseConnectionId, ConnectionId = args.ConnectionId, UserAttributeValues = args.UserAttributeValues,
    };
}
