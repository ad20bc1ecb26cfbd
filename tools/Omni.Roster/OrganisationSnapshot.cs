using Omni.Client;

namespace Omni.Roster;

/// <summary>Everything the export reads from Omni, read in full before anything is written.</summary>
internal sealed record OrganisationSnapshot(
    IReadOnlyList<ScimUser> Users,
    IReadOnlyList<ScimGroup> Groups,
    IReadOnlyList<UserAttributeDefinition> AttributeDefinitions);

/// <summary>The export cannot go on; the message names what is wrong and the fix. Nothing was written.</summary>
internal sealed class ExportException(string message, Exception? inner = null) : Exception(message, inner);
