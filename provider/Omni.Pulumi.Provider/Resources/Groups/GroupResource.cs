using System.Collections.Frozen;
using System.Net;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.Groups;

/// <summary>
/// <c>omni:index:Group</c>: one user group of the Omni organisation, through SCIM. Reads top to
/// bottom as the lifecycle: Check, Diff, Create, Read (refresh and import), Update, Delete.
/// </summary>
[PulumiResource("omni:index:Group", Description = "A user group of the Omni organisation, managed through Omni's SCIM 2.0 API. "
    + "Set memberIds to manage its members authoritatively, or leave it unset and add members one by one with GroupMembership; never both for one group.")]
internal sealed class GroupResource(OmniSession omni, IEngineLog log) : ICustomResource<GroupArgs, GroupState>
{
    private const string DisplayNameProperty = "displayName";
    private const string MemberIdsProperty = "memberIds";

    // Outputs Omni computes: unknown in a preview of a group that does not exist yet.
    private static readonly FrozenSet<string> ComputedOutputs = new[] { "members", "created", "lastModified" }.ToFrozenSet(StringComparer.Ordinal);

    // ---- Check: validate the inputs; unknowns (preview) pass --------------------------------

    public Task<CheckResult<GroupArgs>> CheckAsync(CheckRequest<GroupArgs> request, CancellationToken cancellationToken)
    {
        var news = request.News;
        var args = news.Value;
        var failures = new List<CheckFailure>();

        // Reasons name the property and the rule, never the value (it may be secret).
        if (!news.IsUnknown(DisplayNameProperty) && DisplayNameProblem(args.DisplayName) is { } reason)
        {
            failures.Add(new CheckFailure(DisplayNameProperty, reason));
        }

        if (!news.IsUnknown(MemberIdsProperty) && args.MemberIds is { } memberIds)
        {
            var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < memberIds.Count; i++)
            {
                var path = $"{MemberIdsProperty}[{i}]";
                if (string.IsNullOrWhiteSpace(memberIds[i]))
                {
                    failures.Add(new CheckFailure(path, $"'{path}' must be a user's id (e.g. a User resource's `id`), not empty."));
                }
                else if (!firstIndex.TryAdd(memberIds[i], i))
                {
                    failures.Add(new CheckFailure(path, $"'{path}' is the same user as '{MemberIdsProperty}[{firstIndex[memberIds[i]]}]'; list each member once."));
                }
            }
        }

        return Task.FromResult(new CheckResult<GroupArgs>(args, failures));
    }

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

    // ---- Diff: what changes (nothing replaces a group) ----------------------------------------

    public DiffResult Diff(DiffRequest<GroupArgs, GroupState> request)
    {
        var olds = request.Olds;
        var news = request.News;
        var changes = new List<PropertyChange>();

        // Names are shown to people, so a change of letter case alone is a rename too (in place).
        if (news.IsUnknown(DisplayNameProperty) || !string.Equals(olds.DisplayName, news.Value.DisplayName, StringComparison.Ordinal))
        {
            changes.Add(new PropertyChange(DisplayNameProperty, ChangeKind.Update));
        }

        if (MemberIdsChange(olds.MemberIds, news) is { } membership)
        {
            changes.Add(membership);
        }

        return new DiffResult(changes, DeleteBeforeReplace: false);
    }

    /// <summary>memberIds are a set: the same ids in another order are no change. Dropping memberIds
    /// stops managing membership (Omni's members stay as they are).</summary>
    private static PropertyChange? MemberIdsChange(IReadOnlyList<string>? held, Typed<GroupArgs> news)
    {
        if (news.IsUnknown(MemberIdsProperty))
        {
            return new PropertyChange(MemberIdsProperty, held is null ? ChangeKind.Add : ChangeKind.Update);
        }

        return (held, news.Value.MemberIds) switch
        {
            (null, null) => null,
            (null, _) => new PropertyChange(MemberIdsProperty, ChangeKind.Add),
            (_, null) => new PropertyChange(MemberIdsProperty, ChangeKind.Delete),
            var (old, @new) => GroupMapping.SameMembers(old, @new) ? null : new PropertyChange(MemberIdsProperty, ChangeKind.Update),
        };
    }

    // ---- Create: one POST with the members; a 409 says how to import ------------------------

    public async Task<CreateResult<GroupState>> CreateAsync(CreateRequest<GroupArgs> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        if (request.Preview)
        {
            return new CreateResult<GroupState>("", GroupMapping.Planned(args), ComputedOutputs);
        }

        var secretName = SecretName(request.News, args.DisplayName);
        var importCommand = ResourceMessages.ImportCommand("omni:index:Group", request.Name, secretName is null ? args.DisplayName : null, "<displayName>");
        ScimGroup group;
        try
        {
            group = await omni.Client.Groups.CreateAsync(args.DisplayName, args.MemberIds, cancellationToken).ConfigureAwait(false);
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
                $"Omni refused to create the group ({ResourceMessages.OmniAnswer(e, secretName)}). Each memberIds entry must be the id of an existing Omni user, such as a User resource's `id`.", e);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested && ResourceMessages.CreateMayHaveReachedOmni(e))
        {
            throw new ProviderFailureException(FailureKind.OutcomeUnknown,
                "Creating the group was cancelled while the POST to Omni may already have been sent, so Omni may have created it. "
                + $"If the next `pulumi up` reports that it already exists, import it with {importCommand}.", e);
        }

        // The id is new, but a Read of it may have found nothing (null is kept) moments ago.
        omni.GroupReads.Invalidate(group.Id);

        // One POST carries the members, so nothing can fail after Omni created the group. Should Omni
        // have left out a member, the outputs say so and the next `pulumi up` adds it.
        return new CreateResult<GroupState>(group.Id, GroupMapping.ToState(group, args.MemberIds), new HashSet<string>());
    }

    // ---- Read: refresh (one GET, shared with the group's memberships) and import ------------

    public async Task<ReadResult<GroupArgs, GroupState>> ReadAsync(ReadRequest<GroupArgs, GroupState> request, CancellationToken cancellationToken)
    {
        var group = request.IsImport
            ? await Lookups.GroupByIdOrNameAsync(omni.Client, request.Id, cancellationToken).ConfigureAwait(false)
            : await omni.ReadGroupForRefreshAsync(request.Id, cancellationToken).ConfigureAwait(false);

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
        return new ReadResult<GroupArgs, GroupState>(group.Id, GroupMapping.ToState(group, declared), GroupMapping.ToArgs(group, declared));
    }

    // ---- Update: a rename and member changes, each one PATCH, only what changed --------------

    public async Task<UpdateResult<GroupState>> UpdateAsync(UpdateRequest<GroupArgs, GroupState> request, CancellationToken cancellationToken)
    {
        var olds = request.Olds;
        var args = request.News.Value;
        var changes = Diff(new DiffRequest<GroupArgs, GroupState>(request.Id, request.Urn, olds, request.OldInputs, request.News)).Changes;
        if (request.Preview)
        {
            // Dropping memberIds only stops managing them: that alone calls nothing.
            var touchesOmni = changes.Any(c => c is not { Path: MemberIdsProperty, Kind: ChangeKind.Delete });
            var membersChange = changes.Any(c => c is { Path: MemberIdsProperty, Kind: not ChangeKind.Delete });
            var unknowns = new HashSet<string>(StringComparer.Ordinal);
            if (touchesOmni)
            {
                unknowns.Add("lastModified");
            }

            if (membersChange)
            {
                unknowns.Add("members");
            }

            return new UpdateResult<GroupState>(GroupMapping.Planned(args, olds), unknowns);
        }

        // One PATCH: the new name and, when memberIds is managed and the group does not hold exactly
        // those ids, the whole member list (replace), so members added in Omni since the last refresh
        // go too. SCIM applies a PATCH atomically: it all holds or nothing changed.
        var rename = string.Equals(olds.DisplayName, args.DisplayName, StringComparison.Ordinal) ? null : args.DisplayName;
        var members = args.MemberIds is { } wanted && !(olds.MemberIds is { } declared && GroupMapping.SameMembers(declared, wanted)
            && GroupMapping.SameMembers(olds.Members.Select(m => m.Id), wanted)) ? wanted : null;
        if (rename is null && members is null)
        {
            // Nothing to send: only memberIds was dropped, which stops managing membership.
            return new UpdateResult<GroupState>(olds with { DisplayName = args.DisplayName, MemberIds = args.MemberIds }, new HashSet<string>());
        }

        var secretName = SecretName(request.News, args.DisplayName);
        ScimGroup group;
        try
        {
            group = await omni.Client.Groups.ReplaceAsync(request.Id, rename, members, cancellationToken).ConfigureAwait(false);
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
                $"Omni refused to change group {request.Id} ({ResourceMessages.OmniAnswer(e, secretName)}); nothing changed. "
                + "Each memberIds entry must be the id of an existing Omni user, such as a User resource's `id`.", e);
        }
        finally
        {
            // Even a failed PATCH may have reached Omni: the next refresh reads the group afresh.
            omni.GroupReads.Invalidate(request.Id);
        }

        return new UpdateResult<GroupState>(GroupMapping.ToState(group, args.MemberIds), new HashSet<string>());
    }

    // ---- Delete: DELETE; already gone counts as done ----------------------------------------

    public async Task DeleteAsync(DeleteRequest<GroupState> request, CancellationToken cancellationToken)
    {
        try
        {
            await omni.Client.Groups.DeleteAsync(request.Id, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            omni.GroupReads.Invalidate(request.Id);
        }
    }

    // ---- Helpers -------------------------------------------------------------------------------

    /// <summary>The displayName when its input was secret (to keep it out of messages), else null.</summary>
    private static string? SecretName(Typed<GroupArgs> news, string displayName) => news.IsSecret(DisplayNameProperty) ? displayName : null;
}
