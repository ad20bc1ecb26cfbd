using System.Net;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.Permissions;

/// <summary>
/// One principal's grant on one piece of content (a folder or a document): the lifecycle both permission
/// resources share. The grant is authoritative for its principal: creating or updating sends Omni's grant,
/// which replaces whatever role the principal had there; Read reports Omni's role and accessBoost, so a
/// grant changed in the UI shows as drift; Delete revokes it. The subclass says which content and how to
/// reach its permits. Reads top to bottom: Check, Create, Read, Update, Delete.
/// </summary>
internal abstract class PermissionGrantResource<TArgs, TState>(OmniSession omni, IEngineLog log) :
    ICheck<TArgs>, ICreate<TArgs, TState>, IRead<TArgs, TState>, IUpdate<TArgs, TState>, IDelete<TState>
    where TArgs : PermissionGrantArgs, new()
    where TState : class, TArgs, new()
{
    private const string UserKind = "user";
    private const string GroupKind = "group";

    /// <summary>The resource's type token, e.g. omni:index:FolderPermission.</summary>
    protected abstract string Token { get; }

    /// <summary>"folder" or "document", for messages.</summary>
    protected abstract string ContentKind { get; }

    /// <summary>The engine's name of the content's id input, e.g. folderId.</summary>
    protected abstract string ContentIdName { get; }

    protected abstract string ContentIdOf(TArgs args);

    protected abstract TArgs WithContent(TArgs args, string contentId);

    protected abstract TState ToState(TArgs args);

    /// <summary>The permits of the principal's kind on the content; null when the content does not exist.</summary>
    protected abstract Task<IReadOnlyList<Permit>?> PermitsAsync(OmniClient client, string contentId, Principal principal, CancellationToken cancellationToken);

    protected abstract Task GrantAsync(OmniClient client, string contentId, PermitSubjects subjects, string role, bool accessBoost, CancellationToken cancellationToken);

    protected abstract Task RevokeAsync(OmniClient client, string contentId, PermitSubjects subjects, CancellationToken cancellationToken);

    /// <summary>A user (by id) or a group (by its id, as SCIM shows it or as permits show it).</summary>
    protected sealed record Principal(string Kind, string Id)
    {
        public bool IsUser => Kind == UserKind;

        public PermitSubjects Subjects => IsUser ? PermitSubjects.Users(Id) : PermitSubjects.Groups(Id);

        public override string ToString() => $"{Kind} {Id}";
    }

    // ---- Check: exactly one principal ----------------------------------------------------------

    public Task<CheckResult<TArgs>> CheckAsync(CheckRequest<TArgs> request, CancellationToken cancellationToken)
    {
        var news = request.News;
        var failures = new List<CheckFailure>();
        var userGiven = news.Value.UserId is not null || news.IsUnknown(a => a.UserId);
        var groupGiven = news.Value.GroupId is not null || news.IsUnknown(a => a.GroupId);
        if (userGiven == groupGiven)
        {
            failures.Add(news.Fail(a => a.UserId, userGiven
                ? "Set only one of 'userId' and 'groupId': each permission grants one principal. Use one resource per user or group."
                : "Set one of 'userId' (a user's id) or 'groupId' (a group's id): the principal this permission grants."));
        }

        return Task.FromResult(new CheckResult<TArgs>(news.Value, failures));
    }

    // ---- Create: one grant (Omni replaces any earlier role of the principal) --------------------

    public async Task<CreateResult<TState>> CreateAsync(CreateRequest<TArgs> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        var principal = PrincipalOf(args);
        if (!request.Preview)
        {
            await SendGrantAsync(args, principal, cancellationToken).ConfigureAwait(false);
        }

        return new CreateResult<TState>(request.Preview ? "" : IdOf(ContentIdOf(args), principal), ToState(args));
    }

    // ---- Read: the principal's permit on the content; import by id ------------------------------

    public async Task<ReadResult<TArgs, TState>> ReadAsync(ReadRequest<TArgs, TState> request, CancellationToken cancellationToken)
    {
        var (contentId, principal) = Parse(request.Id);
        var permits = await PermitsAsync(omni.Client, contentId, principal, cancellationToken).ConfigureAwait(false);
        var permit = permits is null ? null : await FindAsync(permits, principal, cancellationToken).ConfigureAwait(false);
        if (permit is null)
        {
            if (!request.IsImport)
            {
                var why = permits is null ? $"the {ContentKind} {contentId} no longer exists" : $"{principal} no longer has a direct grant on {ContentKind} {contentId}";
                await log.WarnAsync(request.Urn, ResourceMessages.GoneFromOmni($"Permission {request.Id} is gone from Omni:", why, "grants it again"),
                    cancellationToken).ConfigureAwait(false);
            }

            return ReadResult<TArgs, TState>.Gone;
        }

        var inputs = WithContent(new TArgs
        {
            UserId = principal.IsUser ? principal.Id : null,
            GroupId = principal.IsUser ? null : principal.Id,
            Role = permit.Role,
            AccessBoost = permit.AccessBoost,
        }, contentId);
        return new ReadResult<TArgs, TState>(IdOf(contentId, principal), ToState(inputs), inputs);
    }

    // ---- Update: the grant again, with the new role and accessBoost ------------------------------

    public async Task<UpdateResult<TState>> UpdateAsync(UpdateRequest<TArgs, TState> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        if (!request.Preview)
        {
            await SendGrantAsync(args, PrincipalOf(args), cancellationToken).ConfigureAwait(false);
        }

        return new UpdateResult<TState>(ToState(args));
    }

    // ---- Delete: revoke; content or principal already gone counts as done ----------------------

    public async Task DeleteAsync(DeleteRequest<TState> request, CancellationToken cancellationToken)
    {
        var (contentId, principal) = Parse(request.Id);
        try
        {
            await RevokeAsync(omni.Client, contentId, principal.Subjects, cancellationToken).ConfigureAwait(false);
        }
        catch (OmniNotFoundException)
        {
            // The content, user or group was deleted outside Pulumi, and its grants with it.
        }
    }

    // ---- Helpers --------------------------------------------------------------------------------

    private async Task SendGrantAsync(TArgs args, Principal principal, CancellationToken cancellationToken)
    {
        var contentId = ContentIdOf(args);
        try
        {
            await GrantAsync(omni.Client, contentId, principal.Subjects, args.Role, args.AccessBoost, cancellationToken).ConfigureAwait(false);
        }
        catch (OmniNotFoundException e)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"The {ContentKind} or the {principal.Kind} does not exist in Omni, so {principal} was not granted {args.Role} on {ContentKind} {contentId} "
                + $"({ResourceMessages.OmniAnswer(e)}). Check {ContentIdName} and {(principal.IsUser ? "userId" : "groupId")}.", e);
        }
        catch (OmniApiException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                ResourceMessages.Refused($"to grant {principal} {args.Role} on {ContentKind} {contentId}", e,
                    "A user is named by the id SCIM shows (a UUID); accessBoost needs AccessBoost enabled for the organisation; granting needs MANAGER on the content."), e);
        }
    }

    /// <summary>A user's permit by id; a group's by the id as given, else by its name (Omni shows groups in permits by a UUID of its own).</summary>
    private async Task<Permit?> FindAsync(IReadOnlyList<Permit> permits, Principal principal, CancellationToken cancellationToken)
    {
        var type = principal.IsUser ? PermitSubjectType.User : PermitSubjectType.UserGroup;
        var ofKind = permits.Where(p => p.SubjectType == type && !p.IsOwner && p.AccessSource is null or "direct").ToList();
        if (ofKind.FirstOrDefault(p => string.Equals(p.SubjectId, principal.Id, StringComparison.OrdinalIgnoreCase)) is { } byId)
        {
            return byId;
        }

        if (principal.IsUser || ofKind.Count == 0)
        {
            return null;
        }

        var group = await Lookups.GroupByIdAsync(omni.Groups, principal.Id, cancellationToken).ConfigureAwait(false);
        return group is null ? null : ofKind.FirstOrDefault(p => string.Equals(p.Name, group.DisplayName, StringComparison.Ordinal));
    }

    private static Principal PrincipalOf(TArgs args) =>
        args.UserId is { } userId ? new Principal(UserKind, userId) : new Principal(GroupKind, args.GroupId ?? "");

    /// <summary>The id: the content's id, the principal's kind and its id, joined by '/'.</summary>
    private static string IdOf(string contentId, Principal principal) => $"{contentId}/{principal.Kind}/{principal.Id}";

    private (string ContentId, Principal Principal) Parse(string id) => id.Split('/') is [{ Length: > 0 } content, var kind, { Length: > 0 } principal] && kind is UserKind or GroupKind
        ? (content, new Principal(kind, principal))
        : throw new ProviderFailureException(FailureKind.InvalidInput,
            $"'{id}' is not a {Token.Split(':')[^1]} id: it is the {ContentKind}'s id, `user` or `group`, and the principal's id, joined by '/', "
            + $"e.g. `pulumi import {Token} analysts <{ContentIdName}>/group/<groupId>` or `<{ContentIdName}>/user/<userId>`.");

    /// <summary>A 404 on the content means it is gone: no permits, rather than an error.</summary>
    protected static async Task<IReadOnlyList<Permit>?> OrNullWhenGoneAsync(Func<Task<IReadOnlyList<Permit>>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (OmniNotFoundException)
        {
            return null;
        }
    }
}

/// <summary>What every permission grants: one principal (a user or a group) and its role.</summary>
internal abstract record PermissionGrantArgs
{
    private const string OneId = @"^[^/]*[^/\s][^/]*$";

    [PulumiProperty("userId", Description = "The user granted (their id, a UUID, e.g. a User resource's `id`). Set this or groupId, not both. Changing it replaces the permission.",
        ReplaceOnChanges = true, Pattern = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$",
        PatternMessage = "must be a user's id as SCIM shows it (a UUID, e.g. a User resource's `id`), not an email")]
    public string? UserId { get; init; }

    [PulumiProperty("groupId", Description = "The group granted (e.g. a Group resource's `id`, or the UUID Omni shows for the group in permissions). "
        + "Set this or userId, not both. Changing it replaces the permission.",
        ReplaceOnChanges = true, Pattern = OneId, PatternMessage = "must be one group's id (e.g. a Group resource's `id`): not empty, and without '/'")]
    public string? GroupId { get; init; }

    [PulumiProperty("role", Description = "The principal's role: NO_ACCESS, VIEWER, EXPLORER, EDITOR or MANAGER. Changing it updates the grant in place.",
        Required = true, AllowedValues = ["NO_ACCESS", "VIEWER", "EXPLORER", "EDITOR", "MANAGER"])]
    public string Role { get; init; } = "";

    [PulumiProperty("accessBoost", Description = "Whether the grant gives AccessBoost (access to the data behind the content beyond the principal's model role). "
        + "Needs AccessBoost enabled for the organisation. Default false.", Default = false)]
    public bool AccessBoost { get; init; }
}
