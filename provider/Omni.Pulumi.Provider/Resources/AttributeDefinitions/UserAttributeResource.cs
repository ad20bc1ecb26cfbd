using Omni.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Resources.Users;

namespace Omni.Pulumi.Provider.Resources.AttributeDefinitions;

/// <summary>
/// <c>omni:index:UserAttribute</c>: one custom user-attribute definition (/api/v1/user-attributes).
/// name and type replace (the declared rules); multipleValues turns on in place and replaces when turned
/// off, as Omni allows no way back; the rest is one PUT. Deleting erases every user's value, so Delete
/// says so in the diagnostics (the engine does not call a provider when it previews a delete).
/// </summary>
[PulumiResource("omni:index:UserAttribute", Description = "A custom user-attribute definition: the reference name models, access filters and grants read, "
    + "and that a User's `attributes` set values for (key a User's attributes by this resource's `name` output so the attribute is created first). "
    + "Its id is Omni's id; import it by id or by name: `pulumi import omni:index:UserAttribute region sales_region`. "
    + "Changing `name` or `type`, or turning `multipleValues` off, replaces it. "
    + "**Destroying it (or replacing it) permanently erases every user's value of the attribute** and breaks model SQL, dashboards and embed URLs "
    + "that reference it; Omni offers no undo, and the provider logs a warning when it deletes one. System attributes (`omni_*`) cannot be managed.",
    DeleteBeforeReplace = true)]
internal sealed class UserAttributeResource(OmniSession omni, IEngineLog log) :
    ICheck<UserAttributeArgs>, IDiff<UserAttributeArgs, UserAttributeState>, ICreate<UserAttributeArgs, UserAttributeState>,
    IRead<UserAttributeArgs, UserAttributeState>, IUpdate<UserAttributeArgs, UserAttributeState>, IDelete<UserAttributeState>
{
    private const string Type = "omni:index:UserAttribute";

    // ---- Check: no omni_ name; the default fits the type and is stored as Omni stores it ------

    public Task<CheckResult<UserAttributeArgs>> CheckAsync(CheckRequest<UserAttributeArgs> request, CancellationToken cancellationToken)
    {
        var news = request.News;
        var args = news.Value;
        var failures = new List<CheckFailure>();
        if (!news.IsUnknown(a => a.Name) && UserAttributes.IsSystemKey(args.Name))
        {
            failures.Add(news.Fail(a => a.Name, $"'{args.Name}' starts with omni_, which Omni reserves for its read-only system attributes; choose another name."));
        }

        var defaultValue = args.DefaultValue;
        if (defaultValue is not null && !news.IsUnknown(a => a.DefaultValue) && !news.IsUnknown(a => a.Type) && !news.IsUnknown(a => a.MultipleValues))
        {
            try
            {
                defaultValue = AttributeValue.Normalize(defaultValue, Definition("", args));
            }
            catch (ArgumentException)
            {
                // The client's message quotes the value; the failure says what fits instead.
                failures.Add(news.Fail(a => a.DefaultValue, $"'defaultValue' does not fit a {args.Type} attribute"
                    + (args.MultipleValues ? " with multiple values: give a list of " : ": give one ")
                    + (args.Type == "Number" ? "number(s), e.g. 42 or \"3.5\"." : "string(s), e.g. \"emea\".")));
            }
        }

        return Task.FromResult(new CheckResult<UserAttributeArgs>(args with { DefaultValue = defaultValue }, failures));
    }

    // ---- Diff: multipleValues on is an update, off replaces -----------------------------------

    public IReadOnlyList<PropertyChange> Diff(DiffRequest<UserAttributeArgs, UserAttributeState> request)
    {
        var changes = request.DeclaredChangesExcept(a => a.MultipleValues).ToList();
        var news = request.News;
        if (news.IsUnknown(a => a.MultipleValues) || news.Value.MultipleValues != request.Olds.MultipleValues)
        {
            changes.Add(new PropertyChange(news.NameOf(a => a.MultipleValues), ChangeKind.Update,
                Replaces: request.Olds.MultipleValues && !news.Value.MultipleValues));
        }

        return changes;
    }

    // ---- Create: one POST, never a duplicate ---------------------------------------------------

    public async Task<CreateResult<UserAttributeState>> CreateAsync(CreateRequest<UserAttributeArgs> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        if (request.Preview)
        {
            return new CreateResult<UserAttributeState>("", ToState(args, args.Label));
        }

        UserAttributeDefinition created;
        try
        {
            created = await omni.Client.UserAttributes.CreateAsync(new UserAttributeSpec(args.Name, args.Type, args.Label, args.MultipleValues,
                args.Description, args.DefaultValue), cancellationToken).ConfigureAwait(false);
        }
        catch (OmniConflictException e)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"A user attribute named '{args.Name}' already exists in Omni, so it was not created ({ResourceMessages.OmniAnswer(e)}). "
                + $"To manage it with Pulumi, import it: {ResourceMessages.ImportCommand(Type, request.Name, args.Name, "<name>")}.", e);
        }
        catch (ArgumentException e)
        {
            throw new ProviderFailureException(FailureKind.InvalidInput, e.Message.Split(" (Parameter", 2)[0], e);
        }
        finally
        {
            omni.ForgetAttributeDefinitions();
        }

        return new CreateResult<UserAttributeState>(created.Id, FromOmni(created, args));
    }

    // ---- Read: refresh by id; import by id or reference name -----------------------------------

    public async Task<ReadResult<UserAttributeArgs, UserAttributeState>> ReadAsync(
        ReadRequest<UserAttributeArgs, UserAttributeState> request, CancellationToken cancellationToken)
    {
        var attributes = omni.Client.UserAttributes;
        var definition = await attributes.GetAsync(request.Id, cancellationToken).ConfigureAwait(false)
            ?? (request.IsImport ? await attributes.FindByNameAsync(request.Id, cancellationToken).ConfigureAwait(false) : null);
        if (definition is null || definition.System)
        {
            if (definition is null && !request.IsImport)
            {
                await log.WarnAsync(request.Urn, ResourceMessages.GoneFromOmni($"User attribute '{request.Olds?.Name ?? request.Id}' (id {request.Id})",
                    "no longer exists in Omni: it was deleted, and with it every user's value", "creates it again (users' values are not restored)"),
                    cancellationToken).ConfigureAwait(false);
            }
            if (definition is { System: true })
            {
                throw new ProviderFailureException(FailureKind.InvalidInput,
                    $"'{definition.Name}' is one of Omni's system attributes: Omni sets it itself, so it cannot be managed as a UserAttribute.");
            }

            return ReadResult<UserAttributeArgs, UserAttributeState>.Gone;
        }

        var state = FromOmni(definition, request.OldInputs ?? request.Olds);
        var inputs = new UserAttributeArgs
        {
            Name = state.Name, Label = state.Label, Type = state.Type, MultipleValues = state.MultipleValues,
            Description = state.Description, DefaultValue = state.DefaultValue,
        };
        return new ReadResult<UserAttributeArgs, UserAttributeState>(definition.Id, state, inputs);
    }

    // ---- Update: one PUT with what changed -----------------------------------------------------

    public async Task<UpdateResult<UserAttributeState>> UpdateAsync(UpdateRequest<UserAttributeArgs, UserAttributeState> request, CancellationToken cancellationToken)
    {
        var (olds, args) = (request.Olds, request.News.Value);
        if (request.Preview)
        {
            return new UpdateResult<UserAttributeState>(ToState(args, args.Label));
        }

        var update = new UserAttributeUpdate();
        var label = args.Label ?? args.Name;
        if (label != (olds.Label ?? olds.Name))
        {
            update.SetLabel(label);
        }
        if (args.MultipleValues && !olds.MultipleValues)
        {
            update.EnableMultipleValues();
        }
        if (args.Description != olds.Description)
        {
            update.SetDescription(args.Description);
        }
        var wantedDefault = AttributeValue.Normalize(args.DefaultValue, Definition(request.Id, args));
        if (wantedDefault != olds.DefaultValue)
        {
            update.SetDefaultValue(wantedDefault);
        }
        if (update.IsEmpty)
        {
            return new UpdateResult<UserAttributeState>(ToState(args, args.Label));
        }

        try
        {
            var updated = await omni.Client.UserAttributes.UpdateAsync(request.Id, update, cancellationToken).ConfigureAwait(false);
            return new UpdateResult<UserAttributeState>(FromOmni(updated, args));
        }
        finally
        {
            omni.ForgetAttributeDefinitions();
        }
    }

    // ---- Delete: erases every user's value; said in the diagnostics ----------------------------

    public async Task DeleteAsync(DeleteRequest<UserAttributeState> request, CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await omni.Client.UserAttributes.DeleteAsync(request.Id, cancellationToken).ConfigureAwait(false);
            if (deleted)
            {
                await log.WarnAsync(request.Urn, $"Deleted user attribute '{request.Olds.Name}': every user's value of it is erased in Omni, "
                    + "and model SQL, dashboards and embed URLs that reference it no longer find it.", cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            omni.ForgetAttributeDefinitions();
        }
    }

    // ---- Mapping ---------------------------------------------------------------------------------

    private static UserAttributeDefinition Definition(string id, UserAttributeArgs args) =>
        new(id, args.Name, args.Label, args.Type, args.MultipleValues, args.Description, false);

    private static UserAttributeState ToState(UserAttributeArgs args, string? label) => new()
    {
        Name = args.Name, Label = label, Type = args.Type, MultipleValues = args.MultipleValues,
        Description = args.Description, DefaultValue = args.DefaultValue,
    };

    /// <summary>Omni's values; a label Omni filled in from the name, or an empty description, stays unset
    /// where the program left it unset, so that it shows no difference.</summary>
    private static UserAttributeState FromOmni(UserAttributeDefinition definition, UserAttributeArgs? declared) => new()
    {
        Name = definition.Name,
        Label = declared is not null && declared.Label is null && definition.Label == definition.Name ? null : definition.Label,
        Type = definition.Type,
        MultipleValues = definition.MultipleValues,
        Description = declared is not null && declared.Description is null && string.IsNullOrEmpty(definition.Description) ? null : definition.Description,
        DefaultValue = definition.DefaultValue,
    };
}

/// <summary>The inputs of <c>omni:index:UserAttribute</c>.</summary>
internal record UserAttributeArgs
{
    [PulumiProperty("name", Description = "The reference name used in model SQL, access filters and a User's `attributes` (e.g. `sales_region`). "
        + "Letters, digits and underscores, starting with a letter; not `omni_…`. Changing it replaces the attribute (erasing every user's value).",
        Required = true, ReplaceOnChanges = true,
        Pattern = "^[A-Za-z][A-Za-z0-9_]*$", PatternMessage = "must start with a letter and hold only letters, digits and underscores, e.g. sales_region")]
    public string Name { get; init; } = "";

    [PulumiProperty("label", Description = "The name shown in Omni's UI. Defaults to `name`.")]
    public string? Label { get; init; }

    [PulumiProperty("type", Description = "`String` or `Number` (Omni stores numbers as strings). Changing it replaces the attribute (erasing every user's value).",
        Required = true, ReplaceOnChanges = true, AllowedValues = ["String", "Number"])]
    public string Type { get; init; } = "String";

    [PulumiProperty("multipleValues", Description = "Whether a user may hold a list of values. Turning it on changes the attribute in place; "
        + "turning it off replaces it, as Omni cannot turn it off (erasing every user's value). Default false.", Default = false)]
    public bool MultipleValues { get; init; }

    [PulumiProperty("description", Description = "What the attribute is for.")]
    public string? Description { get; init; }

    [PulumiProperty("defaultValue", Description = "The value a user without one gets: a string or number, or a list of them when `multipleValues` is true. "
        + "Stored as Omni stores it (numbers as strings).", ValueConverter = typeof(PlainAttributeValue))]
    public AttributeValue? DefaultValue { get; init; }
}

/// <summary>The outputs of <c>omni:index:UserAttribute</c>: the definition as Omni holds it.</summary>
internal sealed record UserAttributeState : UserAttributeArgs;
