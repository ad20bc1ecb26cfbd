using Omni.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Functions;

[PulumiType("omni:index:UserAttributeDefinition", Description = "A user attribute defined in the Omni organisation (made in Omni's UI; read-only over the API).")]
internal sealed record UserAttributeInfo
{
    [PulumiProperty("id", Description = "The attribute's id in Omni.", Required = true)]
    public string Id { get; init; } = "";

    [PulumiProperty("name", Description = "The reference name: the key to use in a User's attributes.", Required = true)]
    public string Name { get; init; } = "";

    [PulumiProperty("label", Description = "The name Omni's UI shows.")]
    public string? Label { get; init; }

    [PulumiProperty("type", Description = "The value type Omni stores, e.g. String or Number.", Required = true)]
    public string Type { get; init; } = "";

    [PulumiProperty("multipleValues", Description = "Whether the attribute holds a list of values.", Required = true)]
    public bool MultipleValues { get; init; }

    [PulumiProperty("description", Description = "The attribute's description in Omni.")]
    public string? Description { get; init; }

    [PulumiProperty("system", Description = "True for Omni's own attributes (omni_*), which Omni sets itself and which cannot be assigned.", Required = true)]
    public bool System { get; init; }

    public static UserAttributeInfo From(UserAttributeDefinition definition) => new()
    {
        Id = definition.Id,
        Name = definition.Name,
        Label = definition.Label,
        Type = definition.Type,
        MultipleValues = definition.MultipleValues,
        Description = definition.Description,
        System = definition.System,
    };
}

internal sealed record GetUserAttributesResult
{
    [PulumiProperty("attributes", Description = "Every user attribute defined in the organisation, Omni's system attributes included.", Required = true)]
    public IReadOnlyList<UserAttributeInfo> Attributes { get; init; } = [];
}

/// <summary><c>omni:index:getUserAttributes</c>: the attribute definitions (GET /api/v1/user-attributes,
/// read once per provider process and shared with the User resource's checks).</summary>
[PulumiFunction("omni:index:getUserAttributes",
    Description = "Lists the user attributes defined in the Omni organisation: the keys a User's attributes may use, with their types.")]
internal sealed class GetUserAttributesFunction(OmniSession omni) : IProviderFunction<NoArgs, GetUserAttributesResult>
{
    public async Task<FunctionResult<GetUserAttributesResult>> InvokeAsync(FunctionRequest<NoArgs> request, CancellationToken cancellationToken)
    {
        var definitions = await omni.GetAttributeDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        return FunctionResult<GetUserAttributesResult>.Of(new GetUserAttributesResult { Attributes = [.. definitions.Select(UserAttributeInfo.From)] });
    }
}
