namespace Omni.Client;

/// <summary>An attribute definition from GET /api/v1/user-attributes (read-only: definitions are made in Omni's UI).</summary>
public sealed record UserAttributeDefinition(string Id, string Name, string? Label, string Type, bool MultipleValues, string? Description, bool System);
