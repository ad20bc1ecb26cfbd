using System.Net;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.Users;

/// <summary>
/// <c>omni:index:User</c>: one member of the Omni organisation, through SCIM. Reads top to bottom
/// as the lifecycle: Check, Diff, Create (with adopt), Read (refresh and import), Update, Delete.
/// userName, displayName and deletionMode are checked by their declared rules (UserArgs); Check and
/// Diff here handle the attributes, which need Omni's definitions and its stored form.
/// </summary>
/// <remarks>A userName (email) change is one PATCH on the same user (Omni's documented replace of userName with
/// displayName): a replacement would delete the person, reassign their content and schedules, and create a
/// stranger. A replacement (only ever `pulumi up --replace`) deletes first: the email is unique in Omni.</remarks>
[PulumiResource("omni:index:User", Description = "A member of the Omni organisation, managed through Omni's SCIM 2.0 API.",
    DeleteBeforeReplace = true)]
internal sealed class UserResource(OmniSession omni, IEngineLog log) :
    ICheck<UserArgs>, IDiff<UserArgs, UserState>, ICreate<UserArgs, UserState>, IRead<UserArgs, UserState>, IUpdate<UserArgs, UserState>, IDelete<UserState>
{
    // Outputs Omni computes: unknown in a preview of a user that does not exist yet.
    private static readonly IReadOnlySet<string> ComputedOutputs =
        Property.Names<UserState>(s => s.Emails, s => s.Groups, s => s.Created, s => s.LastModified, s => s.LastLogin, s => s.Adopted);

    // ---- Check: attributes against Omni's definitions, normalised; unknowns (preview) pass ----

    public async Task<CheckResult<UserArgs>> CheckAsync(CheckRequest<UserArgs> request, CancellationToken cancellationToken)
    {
        var news = request.News;
        var failures = new List<CheckFailure>();

        // Keys with anything unknown under them are not in Attributes (the binder keeps them aside as
        // unknown), so they skip these checks and go back to the engine unknown.
        var attributes = await CheckAttributesAsync(request.Urn, news, failures, cancellationToken).ConfigureAwait(false);
        UserInputLimits.Check(news, failures);

        // Check has no id: the key's owner is known here by email. Diff checks by id (a changed email too).
        if (!news.IsUnknown(a => a.Active) && !news.Value.Active && !news.Value.AllowSelfLockout && !news.IsUnknown(a => a.AllowSelfLockout)
            && !news.IsUnknown(a => a.UserName) && SelfLockout.IsKeyOwner(omni, null, news.Value.UserName))
        {
            failures.Add(news.Fail(a => a.Active, SelfLockout.Refusal(omni, "deactivates {owner}", isDestroy: false).Message));
        }

        return new CheckResult<UserArgs>(news.Value with { Attributes = attributes }, failures);
    }

    private async Task<IReadOnlyDictionary<string, AttributeValue?>?> CheckAttributesAsync(string urn,
        Bound<UserArgs> news, List<CheckFailure> failures, CancellationToken cancellationToken)
    {
        var attributes = news.Value.Attributes;
        if (attributes is null)
        {
            return null;
        }

        var definitions = await DefinitionsAsync(urn, cancellationToken).ConfigureAwait(false);
        var normalized = new Dictionary<string, AttributeValue?>(StringComparer.Ordinal);
        var undefined = new List<string>();
        foreach (var (key, value) in attributes)
        {
            var path = news.PathOf(a => a.Attributes, key);
            if (UserAttributes.IsSystemKey(key))
            {
                failures.Add(new CheckFailure(path, $"'{key}' is a system attribute: Omni sets it itself and it cannot be assigned through SCIM. Remove it."));
                continue;
            }

            var normalizedValue = value;
            if (definitions is not null)
            {
                var definition = definitions.FirstOrDefault(d => string.Equals(d.Name, key, StringComparison.Ordinal));
                if (definition is null)
                {
                    // Check cannot tell a preview from an update, and in a preview a UserAttribute of this
                    // program is not created yet while its name output is already known. So an undefined key
                    // passes here with a warning; Create and Update, which know, refuse it before any write.
                    undefined.Add(key);
                    normalized[key] = normalizedValue;
                    continue;
                }

                if (UserAttributes.CheckAgainst(definition, normalizedValue, path) is { } reason)
                {
                    failures.Add(new CheckFailure(path, reason));
                    continue;
                }

                // As Omni will store it ("3.50" → "3.5" for a Number, "us" → ["us"] when multi-valued),
                // so that a refresh never shows a difference that is only one of form.
                try
                {
                    normalizedValue = AttributeValue.Normalize(value, definition);
                }
                catch (ArgumentException)
                {
                    // The client's message quotes the value, which may be secret: it is not passed on.
                    failures.Add(new CheckFailure(path, $"'{path}' does not fit Omni's {definition.Type} attribute '{definition.Name}'"
                        + (definition.MultipleValues ? " (multi-valued)." : " (single-valued).")));
                    continue;
                }
            }

            normalized[key] = normalizedValue;
        }

        if (undefined.Count > 0)
        {
            await log.WarnAsync(urn, $"{UndefinedKeys(undefined, definitions!)} This is expected in a preview when a UserAttribute of this program "
                + "creates them (key attributes by its `name` output so that it is created first); otherwise `pulumi up` fails for this user.",
                cancellationToken).ConfigureAwait(false);
        }

        return normalized;
    }

    private static string UndefinedKeys(IEnumerable<string> keys, IEnumerable<UserAttributeDefinition> definitions) =>
        $"Not user attributes defined in this Omni organisation (yet): {string.Join(", ", keys.Select(k => $"'{k}'"))}. Defined attributes: "
        + $"{string.Join(", ", definitions.Where(d => !d.System).Select(d => d.Name).Order(StringComparer.Ordinal))}.";

    /// <summary>Before a write: every attribute key must be defined now (definitions fetched afresh, as a
    /// UserAttribute may have been created since Check), or nothing is sent.</summary>
    private async Task RequireDefinedAsync(IReadOnlyDictionary<string, AttributeValue?>? attributes, CancellationToken cancellationToken)
    {
        if (attributes is not { Count: > 0 })
        {
            return;
        }

        var definitions = await omni.GetAttributeDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        if (attributes.Keys.Any(k => !definitions.Any(d => d.Name == k)))
        {
            omni.ForgetAttributeDefinitions();
            definitions = await omni.GetAttributeDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        }

        var undefined = attributes.Keys.Where(k => !definitions.Any(d => d.Name == k)).Order(StringComparer.Ordinal).ToList();
        if (undefined.Count > 0)
        {
            throw new ProviderFailureException(FailureKind.InvalidInput, UndefinedKeys(undefined, definitions)
                + " Define them with a UserAttribute resource (and key attributes by its `name` output), or in Omni's UI (Settings > User attributes), "
                + "and use their reference name.");
        }
    }

    private async Task<IReadOnlyList<UserAttributeDefinition>?> DefinitionsAsync(string urn, CancellationToken cancellationToken)
    {
        if (!omni.IsConfigured)
        {
            return null; // preview with unknown config, or before Configure: the shape checks still run
        }

        try
        {
            return await omni.GetAttributeDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OmniApiException e)
        {
            await log.WarnAsync(urn, $"Could not read Omni's user-attribute definitions, so attribute keys are not checked: {e.Message}", cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    // ---- Diff: the declared comparison, but attributes compare as Omni stores them ----------

    public IReadOnlyList<PropertyChange> Diff(DiffRequest<UserArgs, UserState> request)
    {
        // Refused before anything is sent, so the preview shows it: deactivating the key's own user.
        var news = request.News;
        if (request.Olds.Active && !news.IsUnknown(a => a.Active) && !news.Value.Active
            && !news.Value.AllowSelfLockout && !news.IsUnknown(a => a.AllowSelfLockout) && SelfLockout.IsKeyOwner(omni, request.Id))
        {
            throw SelfLockout.Refusal(omni, "deactivates {owner}", isDestroy: false);
        }

        return
        [
            // Everything updates in place; a userName differing only in letter case is no change.
            .. request.DeclaredChangesExcept(a => a.Attributes),
            .. AttributeChanges(request.Olds.Attributes, request.OldInputs?.Attributes, request.News),
        ];
    }

    /// <summary>Only declared keys count: those in the new inputs, and those in the old inputs
    /// (a key dropped from the program is cleared in Omni). Values compare after normalisation.</summary>
    private static IEnumerable<PropertyChange> AttributeChanges(
        IReadOnlyDictionary<string, AttributeValue?>? oldOutputs, IReadOnlyDictionary<string, AttributeValue?>? oldInputs, Bound<UserArgs> news)
    {
        if (news.IsUnknown(a => a.Attributes))
        {
            yield return new PropertyChange(news.NameOf(a => a.Attributes), ChangeKind.Update);
            yield break;
        }

        var held = oldOutputs ?? new Dictionary<string, AttributeValue?>();
        var wanted = news.Value.Attributes ?? new Dictionary<string, AttributeValue?>();
        foreach (var key in wanted.Keys.Union(news.UnknownKeys(a => a.Attributes)).Order(StringComparer.Ordinal))
        {
            var path = news.PathOf(a => a.Attributes, key);
            var old = held.GetValueOrDefault(key);
            if (news.IsUnknown(a => a.Attributes, key))
            {
                yield return new PropertyChange(path, old is null ? ChangeKind.Add : ChangeKind.Update);
                continue;
            }

            var @new = wanted[key];
            if (old != @new && !UserAttributes.Unchanged(oldInputs, key, @new))
            {
                yield return new PropertyChange(path, (old, @new) switch
                {
                    (null, _) => ChangeKind.Add,
                    (_, null) => ChangeKind.Delete,
                    _ => ChangeKind.Update,
                });
            }
        }

        foreach (var key in (oldInputs ?? held).Keys.Except(wanted.Keys).Order(StringComparer.Ordinal))
        {
            if (held.GetValueOrDefault(key) is not null && !news.IsUnknown(a => a.Attributes, key))
            {
                yield return new PropertyChange(news.PathOf(a => a.Attributes, key), ChangeKind.Delete);
            }
        }
    }

    // ---- Create: one POST; a 409 says how to import, or adopts when asked -------------------

    public async Task<CreateResult<UserState>> CreateAsync(CreateRequest<UserArgs> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        if (request.Preview)
        {
            return new CreateResult<UserState>("", UserMapping.Planned(args)) { UnknownOutputs = ComputedOutputs };
        }

        await RequireDefinedAsync(args.Attributes, cancellationToken).ConfigureAwait(false);
        var importCommand = ResourceMessages.ImportCommand("omni:index:User", request.Name,
            request.News.IsSecret(a => a.UserName) ? null : args.UserName, "<userName>");
        ScimUser user;
        try
        {
            user = await omni.Users.CreateAsync(new ScimUserCreate(args.UserName, args.DisplayName, ToSend(args.Attributes)), cancellationToken).ConfigureAwait(false);
        }
        catch (OmniConflictException) when (args.AdoptExisting)
        {
            return await AdoptAsync(args, cancellationToken).ConfigureAwait(false);
        }
        catch (OmniConflictException e)
        {
            // The client's message says what Omni answered (method, path, status, Omni's own words).
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"A user with this userName already exists in Omni, so it was not created "
                + $"({ResourceMessages.OmniAnswer(e, request.News.IsSecret(a => a.UserName) ? args.UserName : null)}). {ResourceMessages.LikelyInterruptedRun("user")} "
                + $"To manage that user with Pulumi, import it: {importCommand}, or set adoptExisting: true on this resource to adopt it.", e);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested && ResourceMessages.CreateMayHaveReachedOmni(e))
        {
            throw new ProviderFailureException(FailureKind.OutcomeUnknown,
                $"Creating user '{args.UserName}' was cancelled while the POST to Omni may already have been sent, so Omni may have created the user. "
                + $"If the next `pulumi up` reports that it already exists, import it with {importCommand}, or set adoptExisting: true on this resource.", e);
        }

        if (!args.Active)
        {
            // SCIM creates users active; a user declared inactive is deactivated right after. If that
            // fails the user exists, so the engine must keep it (ErrorResourceInitFailed).
            try
            {
                user = await omni.Users.PatchAsync(user.Id, new ScimUserPatch().SetActive(false), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw new ResourceInitFailedException(user.Id, UserMapping.ToState(user, args, adopted: false),
                    $"Omni created user '{args.UserName}' (id {user.Id}) but deactivating it failed: {e.Message} "
                    + "The user is kept in the stack's state; run `pulumi up` again to finish.", e);
            }
        }

        return new CreateResult<UserState>(user.Id, UserMapping.ToState(user, args, adopted: false));
    }

    /// <summary>Takes over the existing user: reactivated and set to the declared state, leaving
    /// attributes the program does not declare untouched.</summary>
    private async Task<CreateResult<UserState>> AdoptAsync(UserArgs args, CancellationToken cancellationToken)
    {
        var existing = await omni.Users.FindByUserNameAsync(args.UserName, cancellationToken).ConfigureAwait(false)
            ?? throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Omni reported that '{args.UserName}' already exists, but no such user was found to adopt. Retry `pulumi up`.");

        var patch = new ScimUserPatch();
        if (existing.Active != args.Active)
        {
            patch.SetActive(args.Active);
        }

        if (existing.DisplayName != args.DisplayName)
        {
            patch.SetDisplayName(args.DisplayName);
        }

        AddAttributeChanges(patch, existing.Attributes, args.Attributes, removedKeys: []);
        try
        {
            var user = patch.IsEmpty ? existing : await omni.Users.PatchAsync(existing.Id, patch, cancellationToken).ConfigureAwait(false);
            return new CreateResult<UserState>(user.Id, UserMapping.ToState(user, args, adopted: true));
        }
        catch (Exception e)
        {
            throw new ResourceInitFailedException(existing.Id, UserMapping.ToState(existing, args, adopted: true),
                $"Adopted existing user '{args.UserName}' (id {existing.Id}) but updating it to the declared state failed: {e.Message} "
                + "The user is kept in the stack's state; run `pulumi up` again to finish.", e);
        }
    }

    // ---- Read: refresh (from the listing shared by the refresh) and import (Omni as it is now) -

    public async Task<ReadResult<UserArgs, UserState>> ReadAsync(ReadRequest<UserArgs, UserState> request, CancellationToken cancellationToken)
    {
        var user = request.IsImport
            ? await Lookups.UserByIdOrNameAsync(omni.Users, request.Id, cancellationToken).ConfigureAwait(false)
            : await omni.Users.GetRecentAsync(request.Id, cancellationToken).ConfigureAwait(false);

        if (request.IsImport && (user is null || user.IsEmbedUser))
        {
            await RefuseEmbedUserAsync(request.Id, user, cancellationToken).ConfigureAwait(false);
        }

        if (user is null)
        {
            if (!request.IsImport)
            {
                await log.WarnAsync(request.Urn, ResourceMessages.GoneFromOmni(
                    $"User '{request.Olds?.UserName ?? request.Id}' (id {request.Id})", "no longer exists in Omni: it was deleted", "creates it again"),
                    cancellationToken).ConfigureAwait(false);
            }

            return ReadResult<UserArgs, UserState>.Gone;
        }

        if (request.IsImport)
        {
            // Every attribute the user has, so the code `pulumi import` generates is complete.
            var imported = UserMapping.ToArgs(user, new UserArgs(), UserAttributes.AllButSystem(user));
            return new ReadResult<UserArgs, UserState>(user.Id, UserMapping.ToState(user, imported, adopted: false), imported);
        }

        // Refresh: Omni's values, but only for the attribute keys the program declares.
        var declared = request.OldInputs ?? request.Olds ?? new UserArgs();
        var inputs = UserMapping.ToArgs(user, declared, UserAttributes.AsRefreshed(declared.Attributes, request.Olds?.Attributes, user));
        return new ReadResult<UserArgs, UserState>(user.Id, UserMapping.ToState(user, inputs, request.Olds?.Adopted ?? false), inputs);
    }

    /// <summary>An embed user (made by an embed SSO session, with a synthetic userName) is no SCIM user to manage:
    /// importing one fails saying so, instead of "not found".</summary>
    private async Task RefuseEmbedUserAsync(string key, ScimUser? listedAsUser, CancellationToken cancellationToken)
    {
        ScimEmbedUser? embed;
        try
        {
            embed = listedAsUser is { IsEmbedUser: true }
                ? new ScimEmbedUser { Id = listedAsUser.Id, UserName = listedAsUser.UserName }
                : key.Contains('@', StringComparison.Ordinal)
                    ? await omni.Client.EmbedUsers.FindByUserNameAsync(key, cancellationToken).ConfigureAwait(false)
                    : await omni.Client.EmbedUsers.GetAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (OmniApiException)
        {
            return; // the embed list could not be read (e.g. not offered): the import reports "not found" as before
        }

        if (embed is not null)
        {
            throw new ProviderFailureException(FailureKind.InvalidInput,
                $"'{key}' is an embed user (id {embed.Id}{(embed.EmbedExternalId is { } external ? $", embedExternalId '{external}'" : "")}): Omni creates embed users "
                + "through embed SSO sessions and lists them apart from the organisation's users, so it cannot be managed as omni:index:User. "
                + "Read embed users with the getEmbedUsers function; import a regular user by its id or email instead.");
        }
    }

    // ---- Update: one PATCH with only what changed ---------------------------------------------

    public async Task<UpdateResult<UserState>> UpdateAsync(UpdateRequest<UserArgs, UserState> request, CancellationToken cancellationToken)
    {
        var olds = request.Olds;
        var args = request.News.Value;
        if (request.Preview)
        {
            // Values may be unknown here, so nothing is built for Omni; lastModified will change
            // unless only provider-side settings (deletionMode, adoptExisting) do.
            var providerOnly = Property.Names<UserArgs>(a => a.DeletionMode, a => a.AdoptExisting, a => a.AllowSelfLockout);
            var touchesOmni = request.News.Unknowns.Count > 0 || request.Changes.Any(c => !providerOnly.Contains(c.Path));
            return new UpdateResult<UserState>(UserMapping.Planned(args, olds))
            {
                UnknownOutputs = touchesOmni ? Property.Names<UserState>(s => s.LastModified) : new HashSet<string>(),
            };
        }

        await RequireDefinedAsync(args.Attributes, cancellationToken).ConfigureAwait(false);
        var patch = new ScimUserPatch();
        var emailChanges = !string.Equals(olds.UserName, args.UserName, StringComparison.OrdinalIgnoreCase);
        if (emailChanges)
        {
            // Omni's documented form sets userName and displayName together.
            patch.SetUserName(args.UserName).SetDisplayName(args.DisplayName);
        }
        else if (olds.DisplayName != args.DisplayName)
        {
            patch.SetDisplayName(args.DisplayName);
        }

        if (olds.Active != args.Active)
        {
            // Diff refused this already; kept here too, as the last step before the request.
            if (!args.Active && !args.AllowSelfLockout && SelfLockout.IsKeyOwner(omni, request.Id))
            {
                throw SelfLockout.Refusal(omni, "deactivates {owner}", isDestroy: false);
            }

            patch.SetActive(args.Active);
        }

        var held = (olds.Attributes ?? new Dictionary<string, AttributeValue?>())
            .Where(a => a.Value is not null)
            .ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal);
        var removed = (request.OldInputs?.Attributes ?? olds.Attributes)?.Keys.Except(args.Attributes?.Keys ?? []) ?? [];
        // A key whose declared value is what Omni last stored (perhaps in its own form) is not sent again.
        var changed = args.Attributes?
            .Where(a => !UserAttributes.Unchanged(request.OldInputs?.Attributes, a.Key, a.Value))
            .ToDictionary(StringComparer.Ordinal);
        AddAttributeChanges(patch, held, changed, removed);

        if (patch.IsEmpty)
        {
            // Only provider-side settings changed (deletionMode, adoptExisting, allowSelfLockout): nothing to send.
            return new UpdateResult<UserState>(olds with
            {
                DeletionMode = args.DeletionMode,
                AdoptExisting = args.AdoptExisting,
                AllowSelfLockout = args.AllowSelfLockout,
                Attributes = args.Attributes is null ? null : olds.Attributes?.Where(a => args.Attributes.ContainsKey(a.Key)).ToDictionary(StringComparer.Ordinal),
            });
        }

        ScimUser user;
        try
        {
            user = await omni.Users.PatchAsync(request.Id, patch, cancellationToken).ConfigureAwait(false);
        }
        catch (OmniApiException e) when (emailChanges && e.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged, EmailChangeRefused(request, e), e);
        }

        return new UpdateResult<UserState>(UserMapping.ToState(user, args, olds.Adopted));
    }

    /// <summary>Names both emails (unless secret) and the two ways on: the address may belong to another user.</summary>
    private static string EmailChangeRefused(UpdateRequest<UserArgs, UserState> request, OmniApiException e)
    {
        var secret = request.News.IsSecret(a => a.UserName);
        var from = secret ? "its current email" : $"'{request.Olds.UserName}'";
        var to = secret ? "the new (secret) email" : $"'{request.News.Value.UserName}'";
        var importCommand = ResourceMessages.ImportCommand("omni:index:User", "<name>", secret ? null : request.News.Value.UserName, "<userName>");
        return $"Omni refused to change user {request.Id}'s email from {from} to {to}, so nothing changed "
            + $"({ResourceMessages.OmniAnswer(e, secret ? request.News.Value.UserName : null)}). "
            + $"If {to} belongs to another Omni user, either manage that user instead (import it: {importCommand}, and remove this resource "
            + "from the program or state), or replace this user explicitly with `pulumi up --replace <urn>`, which deletes it "
            + "(Omni reassigns its content and deletes its schedules) before creating the new one.";
    }

    // ---- Delete: DELETE, or deactivate; already gone counts as done -------------------------

    public async Task DeleteAsync(DeleteRequest<UserState> request, CancellationToken cancellationToken)
    {
        // The engine asks no Check or Diff before a delete (and a preview of a destroy calls the provider not at
        // all), so the key's own user is refused here, before the request; allowSelfLockout comes from the state.
        if (!request.Olds.AllowSelfLockout && SelfLockout.IsKeyOwner(omni, request.Id))
        {
            throw SelfLockout.Refusal(omni, request.Olds.DeletionMode == UserArgs.Deactivate ? "deactivates {owner} (deletionMode: deactivate)" : "deletes {owner}",
                isDestroy: true);
        }

        if (request.Olds.DeletionMode == UserArgs.Deactivate)
        {
            try
            {
                await omni.Users.PatchAsync(request.Id, new ScimUserPatch().SetActive(false), cancellationToken).ConfigureAwait(false);
            }
            catch (OmniNotFoundException)
            {
                // Deleted outside Pulumi: there is nothing left to deactivate.
            }

            return;
        }

        await omni.Users.DeleteAsync(request.Id, cancellationToken).ConfigureAwait(false);
    }

    // ---- Helpers -------------------------------------------------------------------------------

    private static Dictionary<string, AttributeValue>? ToSend(IReadOnlyDictionary<string, AttributeValue?>? attributes)
    {
        var values = attributes?
            .Where(a => a.Value is not null)
            .ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal);
        return values is { Count: > 0 } ? values : null;
    }

    /// <summary>Sets each declared key whose value differs from what Omni holds, clears declared
    /// empty values and <paramref name="removedKeys"/> that Omni still holds.</summary>
    private static void AddAttributeChanges(ScimUserPatch patch, IReadOnlyDictionary<string, AttributeValue> held,
        IReadOnlyDictionary<string, AttributeValue?>? declared, IEnumerable<string> removedKeys)
    {
        foreach (var (key, wanted) in declared ?? new Dictionary<string, AttributeValue?>())
        {
            var current = held.GetValueOrDefault(key);
            if (wanted is null && current is not null)
            {
                patch.ClearAttribute(key);
            }
            else if (wanted is not null && wanted != current)
            {
                patch.SetAttribute(key, wanted);
            }
        }

        foreach (var key in removedKeys.Where(held.ContainsKey))
        {
            patch.ClearAttribute(key);
        }
    }
}
