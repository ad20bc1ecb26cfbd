using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Functions;

internal sealed record GetLabelsResult
{
    [PulumiProperty("labels", Description = "Every label of the organisation, in Omni's order.", Required = true)]
    public IReadOnlyList<LabelInfo> Labels { get; init; } = [];
}

[PulumiType("omni:index:LabelInfo", Description = "A content label as Omni lists it.")]
internal sealed record LabelInfo
{
    [PulumiProperty("name", Description = "The label's name (its id; unique in any letter case).", Required = true)]
    public string Name { get; init; } = "";

    [PulumiProperty("color", Description = "The label's color, if any.")]
    public string? Color { get; init; }

    [PulumiProperty("description", Description = "The label's description, if any.")]
    public string? Description { get; init; }

    [PulumiProperty("homepage", Description = "Whether labelled documents are featured on the homepage.", Required = true)]
    public bool Homepage { get; init; }

    [PulumiProperty("verified", Description = "Whether the label marks verified content.", Required = true)]
    public bool Verified { get; init; }

    [PulumiProperty("usageCount", Description = "How many documents carry the label.", Required = true)]
    public int UsageCount { get; init; }
}

/// <summary><c>omni:index:getLabels</c>: one GET of the label list (Omni does not page it).</summary>
[PulumiFunction("omni:index:getLabels", Description = "Lists every content label of the Omni organisation with its color, description, flags and usage count.")]
internal sealed class GetLabelsFunction(OmniSession omni) : IProviderFunction<NoArgs, GetLabelsResult>
{
    public async Task<FunctionResult<GetLabelsResult>> InvokeAsync(FunctionRequest<NoArgs> request, CancellationToken cancellationToken)
    {
        var labels = await omni.Client.Labels.ListAsync(cancellationToken).ConfigureAwait(false);
        return FunctionResult<GetLabelsResult>.Of(new GetLabelsResult
        {
            Labels = [.. labels.Select(l => new LabelInfo
            {
                Name = l.Name, Color = l.Color, Description = l.Description, Homepage = l.Homepage, Verified = l.Verified, UsageCount = l.UsageCount,
            })],
        });
    }
}
