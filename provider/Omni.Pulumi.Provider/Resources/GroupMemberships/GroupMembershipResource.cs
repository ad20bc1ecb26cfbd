using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.GroupMemberships;

/// <summary>
/// <c>omni:index:GroupMembership</c>: one user in one group, additive (other members are left
/// alone). The pair is the membership: both inputs replace it on change; Update only records
/// allowSelfLockout. Check learns (once per process) which groups are the admin group, so that Diff can
/// refuse a replacement that takes the key's owner out of it. Check, Diff, Create, Read, Update, Delete.
/// </summary>
[PulumiResource("omni:index:GroupMembership", Description = "One user's membership of one Omni group; additive, so other members are left alone. "
    + "Its id is `groupId/userId`. Do not use it for a group whose Group resource sets memberIds: that list is authoritative and would remove this member.")]
internal sealed class GroupMembershipResource(OmniSession omni, IEngineLog log) :
    ICheck<GroupMembershipArgs>, IDiff<GroupMembershipArgs, GroupMembershipState>,
    ICreate<GroupMembershipArgs, GroupMembershipState>, IRead<GroupMembershipArgs, GroupMembershipState>,
    IUpdate<GroupMembershipArgs, GroupMembershipState>, IDelete<GroupMembershipState>
{
    /// <summary>Joins the two ids in the resource's id; neither id may hold it (GroupMembershipArgs' patterns).</summary>
    internal const char IdSeparator = '/';

    // ---- Check: the declared rules; and which of the key owner's groups is the admin group --

    public async Task<CheckResult<GroupMembershipArgs>> CheckAsync(CheckRequest<GroupMembershipArgs> request, CancellationToken cancellationToken)
    {
        // Diff is synchronous and a membership holds only ids: the admin group's id is learnt here, before it
        // (one GET of the key owner, once per process), so that Diff can refuse before anything is sent.
        if (omni.IsConfigured)
        {
            await omni.LoadAdminGroupsAsync(cancellationToken).ConfigureAwait(false);
        }

        return new CheckResult<GroupMembershipArgs>(request.News.Value, []);
    }

    // ---- Diff: the declared comparison; a replacement must not take the key's owner out of the admin group

    public IReadOnlyList<PropertyChange> Diff(DiffRequest<GroupMembershipArgs, GroupMembershipState> request)
    {
        var news = request.News;
        if (request.DeclaredChanges.Any(c => c.Replaces) && !news.IsUnknown(a => a.AllowSelfLockout) && !news.Value.AllowSelfLockout
            && IsKeyOwnersAdminMembership(request.Olds))
        {
            throw SelfLockout.Refusal(omni, $"replaces the membership {request.Id}, which takes {{owner}} out of the admin group {request.Olds.GroupId}", isDestroy: false);
        }

        return request.DeclaredChanges;
    }

    private bool IsKeyOwnersAdminMembership(GroupMembershipArgs pair) =>
        SelfLockout.IsKeyOwner(omni, pair.UserId) && omni.IsAdminGroup(pair.GroupId, displayName: null);

    // ---- Create: a GET, then one PATCH add unless already a member -------------------------

    public async Task<CreateResult<GroupMembershipState>> CreateAsync(CreateRequest<GroupMembershipArgs> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        var state = ToState(args);
        if (request.Preview)
        {
            return new CreateResult<GroupMembershipState>("", state);
        }

        // Read first: someone already a member is taken over without a write, and the user is told so,
        // since destroying this resource will take them out of the group.
        var group = await omni.Groups.GetAsync(args.GroupId, excludeMembers: false, cancellationToken).ConfigureAwait(false)
            ?? throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Group {args.GroupId} does not exist in Omni, so user {args.UserId} was not added to it. Check groupId.");
        if (group.Members.Any(m => string.Equals(m.Value, args.UserId, StringComparison.Ordinal)))
        {
            await log.InfoAsync(request.Urn, $"User {args.UserId} was already a member of group '{group.DisplayName}' ({args.GroupId}); "
                + "the membership now belongs to this resource, and destroying it will remove them from the group.", cancellationToken).ConfigureAwait(false);
            return new CreateResult<GroupMembershipState>(IdOf(args), state);
        }

        try
        {
            await omni.Groups.AddMembersAsync(args.GroupId, [args.UserId], cancellationToken).ConfigureAwait(false);
        }
        catch (OmniNotFoundException e)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Group {args.GroupId} does not exist in Omni, so user {args.UserId} was not added to it ({e.Message}). Check groupId.", e);
        }
        catch (OmniApiException e) when (e.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Omni refused to add user {args.UserId} to group {args.GroupId} ({e.Message}). Check that userId is an existing user's id.", e);
        }

        return new CreateResult<GroupMembershipState>(IdOf(args), state);
    }

    // ---- Read: GET the group with its members (shared in a refresh); import by groupId/userId

    public async Task<ReadResult<GroupMembershipArgs, GroupMembershipState>> ReadAsync(
        ReadRequest<GroupMembershipArgs, GroupMembershipState> request, CancellationToken cancellationToken)
    {
        var pair = Parse(request.Id);
        // A refresh reads every membership of a group at once: they share one GET of it. An import
        // reads Omni as it is now.
        var group = request.IsImport
            ? await omni.Groups.GetAsync(pair.GroupId, excludeMembers: false, cancellationToken).ConfigureAwait(false)
            : await omni.Groups.GetRecentAsync(pair.GroupId, cancellationToken).ConfigureAwait(false);
        var isMember = group?.Members.Any(m => string.Equals(m.Value, pair.UserId, StringComparison.Ordinal)) ?? false;
        if (!isMember)
        {
            if (!request.IsImport)
            {
                var why = group is null
                    ? $"group {pair.GroupId} no longer exists"
                    : $"user {pair.UserId} is no longer a member of group '{group.DisplayName}' ({pair.GroupId}); the user may have been deleted";
                await log.WarnAsync(request.Urn, ResourceMessages.GoneFromOmni($"Membership {request.Id} is gone from Omni:", why, "adds the member again"),
                    cancellationToken).ConfigureAwait(false);
            }

            return ReadResult<GroupMembershipArgs, GroupMembershipState>.Gone;
        }

        // allowSelfLockout is this resource's own setting: kept from the state (false on import).
        var allow = request.Olds?.AllowSelfLockout ?? false;
        return new ReadResult<GroupMembershipArgs, GroupMembershipState>(IdOf(pair), ToState(pair) with { AllowSelfLockout = allow },
            pair with { AllowSelfLockout = allow });
    }

    // ---- Update: only allowSelfLockout changes in place (groupId and userId replace); nothing is sent

    public Task<UpdateResult<GroupMembershipState>> UpdateAsync(UpdateRequest<GroupMembershipArgs, GroupMembershipState> request,
        CancellationToken cancellationToken)
    {
        var news = request.News.Value;
        if (!string.Equals(news.GroupId, request.Olds.GroupId, StringComparison.Ordinal) || !string.Equals(news.UserId, request.Olds.UserId, StringComparison.Ordinal))
        {
            // Diff marks both ids as replacing, so the engine never asks this; answering would record a pair Omni does not hold.
            throw new InvalidOperationException($"A GroupMembership's groupId and userId cannot be updated in place (changing them replaces it); "
                + $"the engine asked to update {request.Id} to {news.GroupId}/{news.UserId}, which is a provider bug.");
        }

        return Task.FromResult(new UpdateResult<GroupMembershipState>(request.Olds with { AllowSelfLockout = news.AllowSelfLockout }));
    }

    // ---- Delete: one PATCH remove; a group or member already gone counts as done ------------

    public async Task DeleteAsync(DeleteRequest<GroupMembershipState> request, CancellationToken cancellationToken)
    {
        var pair = Parse(request.Id);
        // No Check or Diff comes before a delete: the key's owner is kept in the admin group here.
        if (!request.Olds.AllowSelfLockout && SelfLockout.IsKeyOwner(omni, pair.UserId))
        {
            await omni.LoadAdminGroupsAsync(cancellationToken).ConfigureAwait(false);
            if (IsKeyOwnersAdminMembership(pair))
            {
                throw SelfLockout.Refusal(omni, $"removes the membership {request.Id}, which takes {{owner}} out of the admin group {pair.GroupId}", isDestroy: true);
            }
        }

        try
        {
            await omni.Groups.RemoveMembersAsync(pair.GroupId, [pair.UserId], cancellationToken).ConfigureAwait(false);
        }
        catch (OmniNotFoundException)
        {
            // The group (or, for Omni, the member) was deleted outside Pulumi: nothing is left to remove.
        }
    }

    // ---- The id, in refresh, import and delete alike, is groupId/userId ----------------------

    private static string IdOf(GroupMembershipArgs pair) => $"{pair.GroupId}{IdSeparator}{pair.UserId}";

    private static GroupMembershipArgs Parse(string id)
    {
        var parts = id.Split(IdSeparator);
        return parts is [{ Length: > 0 } groupId, { Length: > 0 } userId]
            ? new GroupMembershipArgs { GroupId = groupId, UserId = userId }
            : throw new ProviderFailureException(FailureKind.InvalidInput,
                $"'{id}' is not a GroupMembership id: it is the group's id and the user's id joined by '{IdSeparator}', "
                + "e.g. `pulumi import omni:index:GroupMembership alice-in-eng mEhXj6ZI/0d3c9a8e-…`.");
    }

    private static GroupMembershipState ToState(GroupMembershipArgs args) =>
        new() { GroupId = args.GroupId, UserId = args.UserId, AllowSelfLockout = args.AllowSelfLockout };
}

/// <summary>The inputs of <c>omni:index:GroupMembership</c>. An id is not empty and holds no '/' (the id separator).</summary>
internal record GroupMembershipArgs
{
    private const string OneId = @"^[^/]*[^/\s][^/]*$";

    [PulumiProperty("groupId", Description = "The group's id (e.g. a Group resource's `id`). Changing it replaces the membership.",
        Required = true, ReplaceOnChanges = true,
        Pattern = OneId, PatternMessage = "must be one group's id (e.g. a Group resource's `id`): not empty, and without '/'")]
    public string GroupId { get; init; } = "";

    [PulumiProperty("userId", Description = "The user's id (e.g. a User resource's `id`). Changing it replaces the membership.",
        Required = true, ReplaceOnChanges = true,
        Pattern = OneId, PatternMessage = "must be one user's id (e.g. a User resource's `id`): not empty, and without '/'")]
    public string UserId { get; init; } = "";

    [PulumiProperty("allowSelfLockout", Description = SelfLockout.Description, Default = false)]
    public bool AllowSelfLockout { get; init; }
}

/// <summary>The outputs of <c>omni:index:GroupMembership</c>: the pair itself (its id is <c>groupId/userId</c>).</summary>
internal sealed record GroupMembershipState : GroupMembershipArgs;
