using System.Net;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.Labels;

/// <summary>
/// <c>omni:index:Label</c>: one content label (/api/v1/labels). Omni keys labels by name (in any letter
/// case), so the resource addresses the label by the name in its state: a rename is an in-place PUT that
/// keeps the label on its documents, and Read and Delete follow the new name. Create, Read, Update, Delete;
/// the framework's diff and checks come from LabelArgs.
/// </summary>
[PulumiResource("omni:index:Label", Description = "A content label of the Omni organisation. Omni identifies a label by its name, unique in any letter case; "
    + "the resource's id is the name it was created or imported with. Renaming updates the label in place (a PUT with the new name), so documents keep it; "
    + "the provider then follows the label by its new `name`, and the id becomes the new name on the next refresh. A label renamed in Omni's UI is "
    + "seen as deleted on refresh (Omni offers no other key to follow it by). Verified and homepage labels need an Org Admin. "
    + "Destroying a label still applied to documents fails (Omni answers 409): remove it from them first. "
    + "Import by name, in any letter case: `pulumi import omni:index:Label finance Finance`.")]
internal sealed class LabelResource(OmniSession omni, IEngineLog log) :
    ICreate<LabelArgs, LabelState>, IRead<LabelArgs, LabelState>, IUpdate<LabelArgs, LabelState>, IDelete<LabelState>
{
    // ---- Create: one POST; a 409 says how to import --------------------------------------------

    public async Task<CreateResult<LabelState>> CreateAsync(CreateRequest<LabelArgs> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        if (request.Preview)
        {
            return new CreateResult<LabelState>("", ToState(args, null)) { UnknownOutputs = Property.Names<LabelState>(s => s.UsageCount) };
        }

        try
        {
            var label = await omni.Client.Labels.CreateAsync(new LabelSpec(args.Name, args.Color, args.Description, args.Homepage, args.Verified), ct: cancellationToken)
                .ConfigureAwait(false);
            return new CreateResult<LabelState>(label.Name, ToState(args, label));
        }
        catch (OmniConflictException e)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"A label named '{args.Name}' (in some letter case) already exists in Omni, so it was not created ({ResourceMessages.OmniAnswer(e)}). "
                + $"To manage it with Pulumi, import it: {ResourceMessages.ImportCommand("omni:index:Label", request.Name, args.Name, "<name>")}.", e);
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged, NeedsAdmin(args.Name, e), e);
        }
    }

    // ---- Read: by the name in state (refresh) or the id (import) -------------------------------

    public async Task<ReadResult<LabelArgs, LabelState>> ReadAsync(ReadRequest<LabelArgs, LabelState> request, CancellationToken cancellationToken)
    {
        var name = request.Olds?.Name is { Length: > 0 } current ? current : request.Id;
        var label = await omni.Client.Labels.GetAsync(name, cancellationToken).ConfigureAwait(false);
        if (label is null)
        {
            if (!request.IsImport)
            {
                await log.WarnAsync(request.Urn, ResourceMessages.GoneFromOmni($"Label '{name}'",
                    "no longer exists in Omni: it was deleted or renamed", "creates it again"), cancellationToken).ConfigureAwait(false);
            }

            return ReadResult<LabelArgs, LabelState>.Gone;
        }

        var inputs = new LabelArgs
        {
            Name = label.Name,
            Color = label.Color,
            Description = label.Description,
            Homepage = label.Homepage,
            Verified = label.Verified,
        };
        return new ReadResult<LabelArgs, LabelState>(label.Name, ToState(inputs, label), inputs);
    }

    // ---- Update: one PUT with what changed; a new name renames in place --------------------------

    public async Task<UpdateResult<LabelState>> UpdateAsync(UpdateRequest<LabelArgs, LabelState> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        var olds = request.Olds;
        if (request.Preview)
        {
            return new UpdateResult<LabelState>(ToState(args, null, olds));
        }

        var update = new LabelUpdate();
        if (args.Name != olds.Name) update.SetName(args.Name);
        if (args.Color != olds.Color) update.SetColor(args.Color);
        if (args.Description != olds.Description) update.SetDescription(args.Description);
        if (args.Homepage != olds.Homepage) update.SetHomepage(args.Homepage);
        if (args.Verified != olds.Verified) update.SetVerified(args.Verified);
        if (update.IsEmpty)
        {
            return new UpdateResult<LabelState>(ToState(args, null, olds));
        }

        try
        {
            var label = await omni.Client.Labels.UpdateAsync(olds.Name, update, ct: cancellationToken).ConfigureAwait(false);
            return new UpdateResult<LabelState>(ToState(args, label));
        }
        catch (OmniConflictException e)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Label '{olds.Name}' was not renamed: a label named '{args.Name}' (in some letter case) already exists ({ResourceMessages.OmniAnswer(e)}). Choose another name.", e);
        }
        catch (OmniNotFoundException e)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged, ResourceMessages.NoLongerExists($"Label '{olds.Name}'"), e);
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged, NeedsAdmin(olds.Name, e), e);
        }
    }

    // ---- Delete: by the name in state; gone counts as done; 409 while applied -----------------

    public async Task DeleteAsync(DeleteRequest<LabelState> request, CancellationToken cancellationToken)
    {
        var name = request.Olds.Name is { Length: > 0 } current ? current : request.Id;
        try
        {
            await omni.Client.Labels.DeleteAsync(name, ct: cancellationToken).ConfigureAwait(false);
        }
        catch (OmniConflictException e)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Label '{name}' was not deleted: it is still applied to documents ({ResourceMessages.OmniAnswer(e)}). Remove it from them in Omni first, then destroy again.", e);
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged, NeedsAdmin(name, e), e);
        }
    }

    private static string NeedsAdmin(string name, OmniApiException e) =>
        $"Omni refused to change label '{name}' ({ResourceMessages.OmniAnswer(e)}): verified and homepage labels need an Org Admin's key. "
        + "Use an Organization API key, or set verified and homepage to false.";

    private static LabelState ToState(LabelArgs args, Label? label, LabelState? olds = null) => new()
    {
        Name = label?.Name ?? args.Name,
        Color = label is null ? args.Color : label.Color,
        Description = label is null ? args.Description : label.Description,
        Homepage = label?.Homepage ?? args.Homepage,
        Verified = label?.Verified ?? args.Verified,
        UsageCount = label?.UsageCount ?? olds?.UsageCount ?? 0,
    };
}

/// <summary>The inputs of <c>omni:index:Label</c>.</summary>
internal record LabelArgs
{
    [PulumiProperty("name", Description = "The label's name: 2 to 25 characters, no surrounding spaces, unique in any letter case. "
        + "Changing it renames the label in place (a change of letter case alone is a rename too).",
        Required = true, Pattern = @"^\S.{0,23}\S$", PatternMessage = "must be 2 to 25 characters without surrounding spaces, e.g. Finance")]
    public string Name { get; init; } = "";

    [PulumiProperty("color", Description = "The label's color, e.g. `#0366d6` (at most 9 characters). Unset: none.",
        Pattern = "^.{1,9}$", PatternMessage = "must be a color of at most 9 characters, e.g. #0366d6")]
    public string? Color { get; init; }

    [PulumiProperty("description", Description = "What the label means (at most 500 characters). Unset: none.",
        Pattern = @"^[\s\S]{0,500}$", PatternMessage = "must be at most 500 characters")]
    public string? Description { get; init; }

    [PulumiProperty("homepage", Description = "Whether documents with this label are featured on Omni's homepage. Needs an Org Admin. Default false.", Default = false)]
    public bool Homepage { get; init; }

    [PulumiProperty("verified", Description = "Whether the label marks verified content. Needs an Org Admin. Default false.", Default = false)]
    public bool Verified { get; init; }
}

/// <summary>The outputs of <c>omni:index:Label</c>.</summary>
internal sealed record LabelState : LabelArgs
{
    [PulumiProperty("usageCount", Description = "How many documents carry the label (Omni counts it; it changes as documents are labelled).", Required = true)]
    public int UsageCount { get; init; }
}
