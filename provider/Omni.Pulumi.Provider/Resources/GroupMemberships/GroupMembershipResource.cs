using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.GroupMemberships;

/// <summary>
/// <c>omni:index:GroupMembership</c>: one user in one group, additive (other members are left
/// alone). The pair is the membership: both inputs replace it on change, so it has no Update and the
/// framework's diff and checks (GroupMembershipArgs) are all it needs. Create, Read, Delete.
/// </summary>
[PulumiResource("omni:index:GroupMembership", Description = "One user's membership of one Omni group; additive, so other members are left alone. "
    + "Its id is `groupId/userId`. Do not use it for a group whose Group resource sets memberIds: that list is authoritative and would remove this member.")]
internal sealed class GroupMembershipResource(OmniSession omni, IEngineLog log) :
    ICreate<GroupMembershipArgs, GroupMembershipState>, IRead<GroupMembershipArgs, GroupMembershipState>, IDelete<GroupMembershipState>
{
    /// <summary>Joins the two ids in the resource's id; neither id may hold it (GroupMembershipArgs' patterns).</summary>
    internal const char IdSeparator = '/';

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

        return new ReadResult<GroupMembershipArgs, GroupMembershipState>(IdOf(pair), ToState(pair), pair);
    }

    // ---- Delete: one PATCH remove; a group or member already gone counts as done ------------

    public async Task DeleteAsync(DeleteRequest<GroupMembershipState> request, CancellationToken cancellationToken)
    {
        var pair = Parse(request.Id);
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

    private static GroupMembershipState ToState(GroupMembershipArgs args) => new() { GroupId = args.GroupId, UserId = args.UserId };
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
}

/// <summary>The outputs of <c>omni:index:GroupMembership</c>: the pair itself (its id is <c>groupId/userId</c>).</summary>
internal sealed record GroupMembershipState : GroupMembershipArgs;
