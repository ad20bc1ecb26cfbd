using Omni.Pulumi.Provider.Protocol;
using Omni.Pulumi.Provider.Resources;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Hosting;

/// <summary>
/// Sends a resource's warnings and info to the engine (see <see cref="EngineConnection"/>) and
/// mirrors them to stderr. Secrets are redacted first. A failing engine never fails the operation
/// that logs.
/// </summary>
internal sealed class EngineLogBridge(EngineConnection engine, SecretRedactor redactor, ILogger<EngineLogBridge> logger) : IEngineLog
{
    public string? EngineAddress => engine.Address;

    public void SetEngineAddress(string? address) => engine.SetAddress(address);

    public Task WarnAsync(string urn, string message, CancellationToken cancellationToken) => LogAsync(LogSeverity.Warning, urn, message, cancellationToken);

    public Task InfoAsync(string urn, string message, CancellationToken cancellationToken) => LogAsync(LogSeverity.Info, urn, message, cancellationToken);

    public async Task LogAsync(LogSeverity severity, string urn, string message, CancellationToken cancellationToken)
    {
        message = redactor.Redact(message);
        logger.Log(severity == LogSeverity.Warning ? LogLevel.Warning : LogLevel.Information, "{Urn}: {Message}", urn, message);
        try
        {
            await engine.SendAsync(severity, urn, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Grpc.Core.RpcException or HttpRequestException or InvalidOperationException or ObjectDisposedException)
        {
            logger.LogWarning("Could not send a log message to the engine at {Address}: {Error}", engine.Address, e.Message);
        }
    }
}
