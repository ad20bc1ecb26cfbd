namespace Omni.Client;

/// <summary>An attribute definition from GET /api/v1/user-attributes: a custom one (written through <see cref="OmniUserAttributes"/>) or a read-only system one (omni_*, empty id).</summary>
public sealed record UserAttributeDefinition(string Id, string Name, string? Label, string Type, bool MultipleValues, string? Description, bool System)
{
    /// <summary>The value a user without one gets: a string, or a list when <see cref="MultipleValues"/>; null when none.</summary>
    public AttributeValue? DefaultValue { get; init; }
}
