using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Hosting;

/// <summary>An engine log for runs without an engine (printing the schema).</summary>
internal sealed class SilentLog : IEngineLog
{
    public Task WarnAsync(string urn, string message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task InfoAsync(string urn, string message, CancellationToken cancellationToken) => Task.CompletedTask;
}
