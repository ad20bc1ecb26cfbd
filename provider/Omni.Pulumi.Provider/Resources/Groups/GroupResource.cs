using System.Net;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.Groups;

/// <summary>
/// <c>omni:index:Group</c>: one user group of the Omni organisation, through SCIM. Reads top to
/// bottom as the lifecycle: Check, Create, Read (refresh and import), Update, Delete. The framework's
/// diff compares displayName in any letter case (as Omni does) and memberIds as a set. The self-lockout rule
/// (the key's owner kept in the admin group) is in Check, on the program's inputs, and in Update, on the
/// members Omni holds right before the write; not in Diff, which the engine also runs after a refresh, where
/// it must describe what Omni holds rather than refuse it.
/// </summary>
[PulumiResource("omni:index:Group", Description = "A user group of the Omni organisation, managed through Omni's SCIM 2.0 API. "
    + "Set memberIds to manage its members authoritatively, or leave it unset and add members one by one with GroupMembership; never both for one group.")]
internal sealed class GroupResource(OmniSession omni, IEngineLog log) :
    ICheck<GroupArgs>, ICreate<GroupArgs, GroupState>, IRead<GroupArgs, GroupState>, IUpdate<GroupArgs, GroupState>, IDelete<GroupState>
{
    // Outputs Omni computes: unknown in a preview of a group that does not exist yet.
    private const string MemberIdsHint = "Each memberIds entry must be the id of an existing Omni user, such as a User resource's `id`.";

    private static readonly IReadOnlySet<string> ComputedOutputs = Property.Names<GroupState>(s => s.Members, s => s.Created, s => s.LastModified);

    // ---- Check: validate the inputs; unknowns (preview) pass --------------------------------

    public async Task<CheckResult<GroupArgs>> CheckAsync(CheckRequest<GroupArgs> request, CancellationToken cancellationToken)
    {
        var news = request.News;
        var args = news.Value;
        var failures = new List<CheckFailure>();

        // Reasons name the property and the rule, never the value (it may be secret).
        if (!news.IsUnknown(a => a.DisplayName) && DisplayNameProblem(args.DisplayName) is { } reason)
        {
            failures.Add(news.Fail(a => a.DisplayName, reason));
        }

        if (!news.IsUnknown(a => a.MemberIds) && args.MemberIds is { } memberIds)
        {
            var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < memberIds.Count; i++)
            {
                var path = news.PathOf(a => a.MemberIds, i);
                if (string.IsNullOrWhiteSpace(memberIds[i]))
                {
                    failures.Add(new CheckFailure(path, $"'{path}' must be a user's id (e.g. a User resource's `id`), not empty."));
                }
                else if (!firstIndex.TryAdd(memberIds[i], i))
                {
                    failures.Add(new CheckFailure(path, $"'{path}' is the same user as '{news.PathOf(a => a.MemberIds, firstIndex[memberIds[i]])}'; list each member once."));
                }
            }
        }

        if (await LeavesKeyOwnerOutOfAdminGroupAsync(news, cancellationToken).ConfigureAwait(false) is { } owner)
        {
            failures.Add(news.Fail(a => a.MemberIds, SelfLockout.Refusal(omni,
                $"takes {{owner}} out of the admin group {NameForMessage(news, args.DisplayName)} (memberIds leaves them out)", isDestroy: false).Message
                + $" To keep them an admin, add their id '{owner}' to memberIds."));
        }

        return new CheckResult<GroupArgs>(args, failures);
    }

    /// <summary>
    /// The key owner's id when the inputs manage the members of the group by the admin group's name and leave the owner
    /// out, without allowSelfLockout, while the owner is a member of that group in Omni: applying memberIds makes the
    /// members exactly those, so the owner would be removed. Check has no id, so the group is known by its name: the
    /// owner's groups (one GET of the owner, once per process, as GroupMembership's Check does) say which of them is the
    /// admin group, whether <c>adminGroup</c> gives its name or its id. Null otherwise, and whenever whoami named no user
    /// or a deciding input is unknown: Update checks again, on the members Omni holds, before it writes.
    /// </summary>
    private async Task<string?> LeavesKeyOwnerOutOfAdminGroupAsync(Bound<GroupArgs> news, CancellationToken cancellationToken)
    {
        var args = news.Value;
        if (omni.KeyOwner?.UserId is not { Length: > 0 } owner
            || news.IsUnknown(a => a.MemberIds) || args.MemberIds is not { } wanted || wanted.Contains(owner, StringComparer.Ordinal)
            || news.IsUnknown(a => a.AllowSelfLockout) || args.AllowSelfLockout || news.IsUnknown(a => a.DisplayName))
        {
            return null;
        }

        await omni.LoadAdminGroupsAsync(cancellationToken).ConfigureAwait(false);
        return omni.KeyOwnerIsInAdminGroupNamed(args.DisplayName) ? owner : null;
    }

    /// <summary>The group's name for a message, quoted; a secret name stays out of it.</summary>
    private static string NameForMessage(Bound<GroupArgs> news, string name) => news.IsSecret(a => a.DisplayName) ? "(secret name)" : $"'{name}'";

    private static string? DisplayNameProblem(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "'displayName' must not be empty: it is the group's name in Omni.";
        }

        if (name.Length > GroupArgs.MaxDisplayNameLength)
        {
            return $"'displayName' must be at most {GroupArgs.MaxDisplayNameLength} characters (Omni's limit); it has {name.Length}. Shorten it.";
        }

        return NameRules.ControlCharacterProblem("displayName", name, "Omni could never find the group by its name again.");
    }

    /// <summary>The key's owner is among <paramref name="members"/> and would not be after <paramref name="wanted"/> (null: the
    /// group deleted) is applied, and the group is the admin group: by its id, or by one of <paramref name="names"/>.</summary>
    private bool RemovesKeyOwner(string id, IEnumerable<string> members, IReadOnlyList<string>? wanted, params string?[] names) =>
        omni.KeyOwner?.UserId is { Length: > 0 } owner
        && members.Contains(owner, StringComparer.Ordinal)
        && (wanted is null || !wanted.Contains(owner, StringComparer.Ordinal))
        && names.Append(null).Any(name => omni.IsAdminGroup(id, name));

    // ---- Create: one POST with the members; a 409 says how to import ------------------------

    public async Task<CreateResult<GroupState>> CreateAsync(CreateRequest<GroupArgs> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        if (request.Preview)
        {
            return new CreateResult<GroupState>("", GroupMapping.Planned(args)) { UnknownOutputs = ComputedOutputs };
        }

        var secretName = SecretName(request.News, args.DisplayName);
        var importCommand = ResourceMessages.ImportCommand("omni:index:Group", request.Name, secretName is null ? args.DisplayName : null, "<displayName>");
        ScimGroup group;
        try
        {
            group = await omni.Groups.CreateAsync(args.DisplayName, args.MemberIds, cancellationToken).ConfigureAwait(false);
        }
        catch (OmniConflictException e)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"A group with this displayName already exists in Omni, so it was not created ({ResourceMessages.OmniAnswer(e, secretName)}). {ResourceMessages.LikelyInterruptedRun("group")} "
                + $"To manage that group with Pulumi, import it by name or by id: {importCommand}; or choose another displayName.", e);
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.BadRequest && args.MemberIds is { Count: > 0 })
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                ResourceMessages.Refused("to create the group", e, MemberIdsHint, secretName), e);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested && ResourceMessages.CreateMayHaveReachedOmni(e))
        {
            throw new ProviderFailureException(FailureKind.OutcomeUnknown,
                "Creating the group was cancelled while the POST to Omni may already have been sent, so Omni may have created it. "
                + $"If the next `pulumi up` reports that it already exists, import it with {importCommand}.", e);
        }

        // One POST carries the members, so nothing can fail after Omni created the group. Should Omni
        // have left out a member, the outputs say so and the next `pulumi up` adds it.
        return new CreateResult<GroupState>(group.Id, GroupMapping.ToState(group, args.MemberIds, args.AllowSelfLockout));
    }

    // ---- Read: refresh (one GET, shared with the group's memberships) and import ------------

    public async Task<ReadResult<GroupArgs, GroupState>> ReadAsync(ReadRequest<GroupArgs, GroupState> request, CancellationToken cancellationToken)
    {
        var group = request.IsImport
            ? await Lookups.GroupByIdOrNameAsync(omni.Groups, request.Id, cancellationToken).ConfigureAwait(false)
            : await omni.Groups.GetRecentAsync(request.Id, cancellationToken).ConfigureAwait(false);

        if (group is null)
        {
            if (!request.IsImport)
            {
                await log.WarnAsync(request.Urn, ResourceMessages.GoneFromOmni(
                    $"Group '{request.Olds?.DisplayName ?? request.Id}' (id {request.Id})", "no longer exists in Omni: it was deleted", "creates it again"),
                    cancellationToken).ConfigureAwait(false);
            }

            return ReadResult<GroupArgs, GroupState>.Gone;
        }

        if (request.IsImport)
        {
            // The current members as memberIds, so the code `pulumi import` generates is complete.
            var imported = GroupMapping.ToArgs(group, GroupMapping.MemberIdsOf(group));
            return new ReadResult<GroupArgs, GroupState>(group.Id, GroupMapping.ToState(group, imported.MemberIds), imported);
        }

        // Refresh: members count as inputs only where the program manages them.
        var declared = (request.OldInputs ?? request.Olds)?.MemberIds;
        var allow = (request.OldInputs ?? request.Olds)?.AllowSelfLockout ?? false;
        return new ReadResult<GroupArgs, GroupState>(group.Id, GroupMapping.ToState(group, declared, allow), GroupMapping.ToArgs(group, declared, allow));
    }

    // ---- Update: a rename and member changes, each one PATCH, only what changed --------------

    public async Task<UpdateResult<GroupState>> UpdateAsync(UpdateRequest<GroupArgs, GroupState> request, CancellationToken cancellationToken)
    {
        var olds = request.Olds;
        var args = request.News.Value;
        if (request.Preview)
        {
            // Dropping memberIds only stops managing them: that alone calls nothing.
            var memberIds = request.News.NameOf(a => a.MemberIds);
            var allowSelfLockout = request.News.NameOf(a => a.AllowSelfLockout);
            var touchesOmni = request.Changes.Any(c => c.Path != allowSelfLockout && (c.Path != memberIds || c.Kind != ChangeKind.Delete));
            var membersChange = request.Changes.Any(c => c.Path == memberIds && c.Kind != ChangeKind.Delete);
            var unknowns = new HashSet<string>(StringComparer.Ordinal);
            if (touchesOmni)
            {
                unknowns.UnionWith(Property.Names<GroupState>(s => s.LastModified));
            }

            if (membersChange)
            {
                unknowns.UnionWith(Property.Names<GroupState>(s => s.Members));
            }

            return new UpdateResult<GroupState>(GroupMapping.Planned(args, olds)) { UnknownOutputs = unknowns };
        }

        // One PATCH: the new name and, when memberIds is managed and the group does not hold exactly
        // those ids, the whole member list (replace), so members added in Omni since the last refresh
        // go too. SCIM applies a PATCH atomically: it all holds or nothing changed.
        // A change of letter case alone is no rename (Omni compares group names in any case).
        var rename = string.Equals(olds.DisplayName, args.DisplayName, StringComparison.OrdinalIgnoreCase) ? null : args.DisplayName;
        var members = args.MemberIds is { } wanted && !(olds.MemberIds is { } declared && GroupMapping.SameMembers(declared, wanted)
            && GroupMapping.SameMembers(olds.Members.Select(m => m.Id), wanted)) ? wanted : null;
        if (rename is null && members is null)
        {
            // Nothing to send: only memberIds was dropped (which stops managing membership) or allowSelfLockout changed.
            // displayName stays as Omni holds it when only its letter case differs.
            return new UpdateResult<GroupState>(olds with { MemberIds = args.MemberIds, AllowSelfLockout = args.AllowSelfLockout });
        }

        if (members is not null && !args.AllowSelfLockout)
        {
            await RefuseSelfLockoutAsync(request, members, cancellationToken).ConfigureAwait(false);
        }

        var secretName = SecretName(request.News, args.DisplayName);
        ScimGroup group;
        try
        {
            group = await omni.Groups.ReplaceAsync(request.Id, rename, members, cancellationToken).ConfigureAwait(false);
        }

        catch (OmniConflictException e)
        {
            var name = secretName is null ? $"'{args.DisplayName}'" : "(secret)";
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"'displayName': another group is already named {name}, so group {request.Id} was not renamed and nothing changed "
                + $"({ResourceMessages.OmniAnswer(e, secretName)}); choose another name, or rename or import that group.", e);
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.BadRequest && members is { Count: > 0 })
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Omni refused to change group {request.Id} ({ResourceMessages.OmniAnswer(e, secretName)}); nothing changed. " + MemberIdsHint, e);
        }
        catch (OmniNotFoundException e)
        {
            // Deleted outside Pulumi since the last refresh: the same words as every other resource's update.
            var which = secretName is null ? $"Group '{olds.DisplayName}' (id {request.Id})" : $"Group {request.Id}";
            throw new ProviderFailureException(FailureKind.NothingChanged, ResourceMessages.NoLongerExists(which), e);
        }

        return new UpdateResult<GroupState>(GroupMapping.ToState(group, args.MemberIds, args.AllowSelfLockout));
    }

    /// <summary>
    /// The last step before the write: the members as Omni holds them now (one GET), since the state may be older than
    /// an owner added outside Pulumi, and Check could not decide (an unknown input, or <c>adminGroup</c> given as an id).
    /// The GET is made only for a group that may be the admin group (by id, by either name, or with the owner in the state).
    /// </summary>
    private async Task RefuseSelfLockoutAsync(UpdateRequest<GroupArgs, GroupState> request, IReadOnlyList<string> members, CancellationToken cancellationToken)
    {
        var olds = request.Olds;
        var args = request.News.Value;
        if (omni.KeyOwner?.UserId is not { Length: > 0 } owner || members.Contains(owner, StringComparer.Ordinal)
            || !(omni.IsAdminGroup(request.Id, olds.DisplayName) || omni.IsAdminGroup(request.Id, args.DisplayName)
                || olds.Members.Any(m => string.Equals(m.Id, owner, StringComparison.Ordinal))))
        {
            return;
        }

        var current = await omni.Groups.GetAsync(request.Id, excludeMembers: false, cancellationToken).ConfigureAwait(false);
        if (current is not null
            && RemovesKeyOwner(request.Id, current.Members.Select(m => m.Value), members, current.DisplayName, olds.DisplayName, args.DisplayName))
        {
            throw SelfLockout.Refusal(omni,
                $"takes {{owner}} out of the admin group {NameForMessage(request.News, olds.DisplayName)} (memberIds leaves them out; Omni lists them as a member now)",
                isDestroy: false);
        }
    }

    // ---- Delete: DELETE; already gone counts as done ----------------------------------------

    public Task DeleteAsync(DeleteRequest<GroupState> request, CancellationToken cancellationToken)
    {
        // No Check comes before a delete: deleting the admin group takes the key's owner out of it.
        if (!request.Olds.AllowSelfLockout && RemovesKeyOwner(request.Id, request.Olds.Members.Select(m => m.Id), wanted: null, request.Olds.DisplayName))
        {
            throw SelfLockout.Refusal(omni, $"deletes the admin group '{request.Olds.DisplayName}', which takes {{owner}} out of it", isDestroy: true);
        }

        return omni.Groups.DeleteAsync(request.Id, cancellationToken);
    }

    // ---- Helpers -------------------------------------------------------------------------------

    /// <summary>The displayName when its input was secret (to keep it out of messages), else null.</summary>
    private static string? SecretName(Bound<GroupArgs> news, string displayName) => news.IsSecret(a => a.DisplayName) ? displayName : null;
}
