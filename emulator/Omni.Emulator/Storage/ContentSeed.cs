using Omni.Emulator.V1;

namespace Omni.Emulator.Storage;

/// <summary>Seeds the content families once per database, and restores the seed on the admin reset.</summary>
public sealed class ContentSeed(EmulatorDatabase database, AttributeDefinitionStore attributes, DocumentStore documents)
{
    private static string Owner => V1Endpoints.OrganizationKeyOwner.UserId;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await attributes.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await documents.InitializeAsync(Owner, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Folders, documents, permits and labels go; definitions and documents are seeded again.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync(ContentTables.Clear, transaction, cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
        await attributes.ResetAsync(cancellationToken).ConfigureAwait(false);
        await documents.ResetAsync(Owner, cancellationToken).ConfigureAwait(false);
    }
}
