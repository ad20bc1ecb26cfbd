using System.Net;
using System.Text.RegularExpressions;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.Groups;

/// <summary>
/// <c>omni:index:Group</c>: one user group of the Omni organisation, through SCIM. Reads top to
/// bottom as the lifecycle: Check, Diff, Create, Read (refresh and import), Update, Delete.
/// </summary>
[PulumiResource("omni:index:Group", Description = "A user group of the Omni organisation, managed through Omni's SCIM 2.0 API. "
    + "Set memberIds to manage its members authoritatively, or leave it unset and add members one by one with GroupMembership; never both for one group.")]
internal sealed partial class GroupResource(OmniSession omni, IEngineLog log) : ICustomResource<GroupArgs, GroupState>
{
    private const string DisplayNameProperty = "displayName";
    private const string MemberIdsProperty = "memberIds";

    // Outputs Omni computes: unknown in a preview of a group that does not exist yet.
    private static readonly IReadOnlySet<string> ComputedOutputs =
        new HashSet<string>(["members", "created", "lastModified"], StringComparer.Ordinal);

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

        var control = name.AsSpan().IndexOfAnyInRange('\0', '\u001f') is var low and >= 0 ? low : name.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        return control < 0
            ? null
            : $"'displayName' must not contain control characters such as a tab or newline (found U+{(int)name[control]:X4} at position {control}): "
                + "Omni could never find the group by its name again. Remove it.";
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

        var shownName = request.News.IsSecret(DisplayNameProperty) ? "<displayName>" : ShellWord(args.DisplayName);
        var importCommand = $"`pulumi import omni:index:Group {ShellWord(request.Name)} {shownName}`";
        ScimGroup group;
        try
        {
            group = await omni.Client.Groups.CreateAsync(args.DisplayName, args.MemberIds, cancellationToken).ConfigureAwait(false);
        }
        catch (OmniConflictException e)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"A group with this displayName already exists in Omni, so it was not created ({e.Message}). "
                + $"To manage that group with Pulumi, import it by name or by id: {importCommand}; or choose another displayName.", e);
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.BadRequest && args.MemberIds is { Count: > 0 })
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Omni refused to create the group ({e.Message}). Each memberIds entry must be the id of an existing Omni user, such as a User resource's `id`.", e);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new ProviderFailureException(FailureKind.OutcomeUnknown,
                "Creating the group was cancelled while the POST to Omni may already have been sent, so Omni may have created it. "
                + $"If the next `pulumi up` reports that it already exists, import it with {importCommand}.", e);
        }

        // One POST carries the members, so nothing can fail after Omni created the group. Should Omni
        // have left out a member, the outputs say so and the next `pulumi up` adds it.
        return new CreateResult<GroupState>(group.Id, GroupMapping.ToState(group, args.MemberIds), new HashSet<string>());
    }

    // ---- Read: refresh (one GET) and import (by id or displayName) ---------------------------

    public async Task<ReadResult<GroupArgs, GroupState>> ReadAsync(ReadRequest<GroupArgs, GroupState> request, CancellationToken cancellationToken)
    {
        var group = request.IsImport
            ? await FindForImportAsync(request.Id, cancellationToken).ConfigureAwait(false)
            : await omni.Client.Groups.GetAsync(request.Id, excludeMembers: false, cancellationToken).ConfigureAwait(false);

        if (group is null)
        {
            if (!request.IsImport)
            {
                await log.WarnAsync(request.Urn, $"Group '{request.Olds?.DisplayName ?? request.Id}' (id {request.Id}) no longer exists in Omni: it was deleted "
                    + "outside Pulumi. Refresh removes it from the stack's state; `pulumi up` creates it again.", cancellationToken).ConfigureAwait(false);
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

    /// <summary>An 8-character id is tried as Omni's short id first; anything else (or an id Omni does
    /// not know) is taken as the group's displayName.</summary>
    private async Task<ScimGroup?> FindForImportAsync(string idOrName, CancellationToken cancellationToken)
    {
        var groups = omni.Client.Groups;
        if (ShortId().IsMatch(idOrName) && await groups.GetAsync(idOrName, excludeMembers: false, cancellationToken).ConfigureAwait(false) is { } byId)
        {
            return byId;
        }

        // A list may leave members out, so the group found by name is read whole.
        var byName = await groups.FindByDisplayNameAsync(idOrName, cancellationToken).ConfigureAwait(false);
        return byName is null ? null : await groups.GetAsync(byName.Id, excludeMembers: false, cancellationToken).ConfigureAwait(false);
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

        var groups = omni.Client.Groups;
        ScimGroup? latest = null;
        try
        {
            if (!string.Equals(olds.DisplayName, args.DisplayName, StringComparison.Ordinal))
            {
                latest = await groups.RenameAsync(request.Id, args.DisplayName, cancellationToken).ConfigureAwait(false);
            }

            if (args.MemberIds is { } wanted)
            {
                // Against the freshest members known: the rename's answer, else the last read.
                var held = latest is null ? [.. olds.Members.Select(m => m.Id)] : GroupMapping.MemberIdsOf(latest);
                var leaving = held.Except(wanted, StringComparer.Ordinal).ToList();
                var joining = wanted.Except(held, StringComparer.Ordinal).ToList();
                if (leaving.Count > 0)
                {
                    latest = await groups.RemoveMembersAsync(request.Id, leaving, cancellationToken).ConfigureAwait(false);
                }

                if (joining.Count > 0)
                {
                    latest = await groups.AddMembersAsync(request.Id, joining, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (latest is not null && e is not OperationCanceledException)
        {
            throw new ResourceInitFailedException(request.Id, GroupMapping.ToState(latest, args.MemberIds),
                $"Group {request.Id} was only partly updated: {e.Message} What succeeded is kept in the stack's state; run `pulumi up` again to finish.", e);
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.BadRequest && args.MemberIds is { Count: > 0 })
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Omni refused to change group {request.Id}'s members ({e.Message}). Each memberIds entry must be the id of an existing Omni user, such as a User resource's `id`.", e);
        }

        // Nothing sent: only memberIds was dropped, which stops managing membership.
        return new UpdateResult<GroupState>(
            latest is null ? olds with { DisplayName = args.DisplayName, MemberIds = args.MemberIds } : GroupMapping.ToState(latest, args.MemberIds),
            new HashSet<string>());
    }

    // ---- Delete: DELETE; already gone counts as done ----------------------------------------

    public async Task DeleteAsync(DeleteRequest<GroupState> request, CancellationToken cancellationToken) =>
        await omni.Client.Groups.DeleteAsync(request.Id, cancellationToken).ConfigureAwait(false);

    // ---- Helpers -------------------------------------------------------------------------------

    /// <summary>A word a POSIX shell reads back as is: quoted when it holds anything but plain characters.</summary>
    private static string ShellWord(string text) =>
        PlainWord().IsMatch(text) ? text : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("^[A-Za-z0-9]{8}$")]
    private static partial Regex ShortId();

    [GeneratedRegex("^[A-Za-z0-9._@/:+-]+$")]
    private static partial Regex PlainWord();
}
