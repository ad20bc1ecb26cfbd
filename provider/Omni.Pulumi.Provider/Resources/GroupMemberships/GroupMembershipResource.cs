using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.GroupMemberships;

/// <summary>
/// <c>omni:index:GroupMembership</c>: one user in one group, additive (other members are left
/// alone). Reads top to bottom as the lifecycle: Check, Diff, Create, Read, Update, Delete.
/// </summary>
[PulumiResource("omni:index:GroupMembership", Description = "One user's membership of one Omni group; additive, so other members are left alone. "
    + "Its id is `groupId/userId`. Do not use it for a group whose Group resource sets memberIds: that list is authoritative and would remove this member.")]
internal sealed class GroupMembershipResource(OmniSession omni, IEngineLog log) : ICheck<GroupMembershipArgs>, IDiff<GroupMembershipArgs, GroupMembershipState>, ICreate<GroupMembershipArgs, GroupMembershipState>,
    IRead<GroupMembershipArgs, GroupMembershipState>, IUpdate<GroupMembershipArgs, GroupMembershipState>, IDelete<GroupMembershipState>
{
    private const char IdSeparator = '/';

    // ---- Check: two ids, neither empty nor holding the id separator --------------------------

    public Task<CheckResult<GroupMembershipArgs>> CheckAsync(CheckRequest<GroupMembershipArgs> request, CancellationToken cancellationToken)
    {
        var news = request.News;
        var failures = new List<CheckFailure>();
        foreach (var (property, value) in new[] { (news.NameOf(a => a.GroupId), news.Value.GroupId), (news.NameOf(a => a.UserId), news.Value.UserId) })
        {
            if (news.Unknowns.Contains(property))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add(new CheckFailure(property, $"'{property}' must not be empty: set it to the {Noun(property)}'s id."));
            }
            else if (value.Contains(IdSeparator, StringComparison.Ordinal))
            {
                failures.Add(new CheckFailure(property, $"'{property}' must be one {Noun(property)}'s id and cannot contain '{IdSeparator}'."));
            }
        }

        return Task.FromResult(new CheckResult<GroupMembershipArgs>(news.Value, failures));
    }

    private static string Noun(string property) => property == "groupId" ? "group" : "user";

    // ---- Diff: the pair is the membership, so any change replaces it ------------------------

    public IReadOnlyList<PropertyChange> Diff(DiffRequest<GroupMembershipArgs, GroupMembershipState> request)
    {
        var changes = new List<PropertyChange>();
        Compare(request.News.NameOf(a => a.GroupId), request.Olds.GroupId, request.News.Value.GroupId);
        Compare(request.News.NameOf(a => a.UserId), request.Olds.UserId, request.News.Value.UserId);

        // The new pair is added before the old one is removed: they differ, so they cannot collide.
        return changes;

        void Compare(string name, string old, string @new)
        {
            if (request.News.Unknowns.Contains(name) || !string.Equals(old, @new, StringComparison.Ordinal))
            {
                changes.Add(new PropertyChange(name, ChangeKind.Update, Replaces: true));
            }
        }
    }

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
        var group = await omni.Client.Groups.GetAsync(args.GroupId, excludeMembers: false, cancellationToken).ConfigureAwait(false)
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
            await omni.Client.Groups.AddMembersAsync(args.GroupId, [args.UserId], cancellationToken).ConfigureAwait(false);
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
        finally
        {
            // Even a failed PATCH may have reached Omni: the next refresh reads the group afresh.
            omni.GroupReads.Invalidate(args.GroupId);
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
            ? await omni.Client.Groups.GetAsync(pair.GroupId, excludeMembers: false, cancellationToken).ConfigureAwait(false)
            : await omni.ReadGroupForRefreshAsync(pair.GroupId, cancellationToken).ConfigureAwait(false);
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

        var inputs = new GroupMembershipArgs { GroupId = pair.GroupId, UserId = pair.UserId };
        return new ReadResult<GroupMembershipArgs, GroupMembershipState>(IdOf(inputs), ToState(inputs), inputs);
    }

    /// <summary>The id, in refresh, import and delete alike, is <c>groupId/userId</c>.</summary>
    private static GroupMembershipArgs Parse(string id)
    {
        var parts = id.Split(IdSeparator);
        return parts is [{ Length: > 0 } groupId, { Length: > 0 } userId]
            ? new GroupMembershipArgs { GroupId = groupId, UserId = userId }
            : throw new ProviderFailureException(FailureKind.InvalidInput,
                $"'{id}' is not a GroupMembership id: it is the group's id and the user's id joined by '{IdSeparator}', "
                + "e.g. `pulumi import omni:index:GroupMembership alice-in-eng mEhXj6ZI/0d3c9a8e-…`.");
    }

    // ---- Update: never called with a change (every change replaces); keeps the state --------

    public Task<UpdateResult<GroupMembershipState>> UpdateAsync(
        UpdateRequest<GroupMembershipArgs, GroupMembershipState> request, CancellationToken cancellationToken) =>
        Task.FromResult(new UpdateResult<GroupMembershipState>(ToState(request.News.Value)));

    // ---- Delete: one PATCH remove; a group or member already gone counts as done ------------

    public async Task DeleteAsync(DeleteRequest<GroupMembershipState> request, CancellationToken cancellationToken)
    {
        var pair = Parse(request.Id);
        try
        {
            await omni.Client.Groups.RemoveMembersAsync(pair.GroupId, [pair.UserId], cancellationToken).ConfigureAwait(false);
        }
        catch (OmniNotFoundException)
        {
            // The group (or, for Omni, the member) was deleted outside Pulumi: nothing is left to remove.
        }
        finally
        {
            omni.GroupReads.Invalidate(pair.GroupId);
        }
    }

    // ---- Helpers -------------------------------------------------------------------------------

    private static string IdOf(GroupMembershipArgs pair) => $"{pair.GroupId}{IdSeparator}{pair.UserId}";

    private static GroupMembershipState ToState(GroupMembershipArgs args) => new() { GroupId = args.GroupId, UserId = args.UserId };
}

/// <summary>The inputs of <c>omni:index:GroupMembership</c>.</summary>
internal record GroupMembershipArgs
{
    [PulumiProperty("groupId", Description = "The group's id (e.g. a Group resource's `id`). Changing it replaces the membership.",
        Required = true, ReplaceOnChanges = true)]
    public string GroupId { get; init; } = "";

    [PulumiProperty("userId", Description = "The user's id (e.g. a User resource's `id`). Changing it replaces the membership.",
        Required = true, ReplaceOnChanges = true)]
    public string UserId { get; init; } = "";
}

/// <summary>The outputs of <c>omni:index:GroupMembership</c>: the pair itself (its id is <c>groupId/userId</c>).</summary>
internal sealed record GroupMembershipState : GroupMembershipArgs;
