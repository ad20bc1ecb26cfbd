namespace Omni.Pulumi.Provider.Resources;

/// <summary>Messages for the user's console (the engine's Log), attached to a resource's URN.</summary>
internal interface IEngineLog
{
    Task WarnAsync(string urn, string message, CancellationToken cancellationToken);

    Task InfoAsync(string urn, string message, CancellationToken cancellationToken);
}
