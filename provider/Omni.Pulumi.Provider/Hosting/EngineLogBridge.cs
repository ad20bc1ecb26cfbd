using Grpc.Net.Client;
using Omni.Pulumi.Provider.Resources;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Hosting;

/// <summary>
/// Sends warnings and info to the engine's <c>Engine.Log</c> (plaintext HTTP/2 at the address from
/// the command line, Handshake or Attach) and mirrors them to stderr. Secrets are redacted first.
/// A failing engine never fails the operation that logs.
/// </summary>
internal sealed class EngineLogBridge(SecretRedactor redactor, ILogger<EngineLogBridge> logger) : IEngineLog, IDisposable
{
    private readonly Lock _gate = new();
    private string? _address;
    private GrpcChannel? _channel;
    private Engine.EngineClient? _engine;

    public string? EngineAddress => _address;

    public void SetEngineAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return;
        }

        GrpcChannel? previous = null;
        lock (_gate)
        {
            if (address == _address)
            {
                return;
            }

            previous = _channel;
            _address = address;
            _channel = GrpcChannel.ForAddress(new Uri(address.Contains("://", StringComparison.Ordinal) ? address : $"http://{address}"));
            _engine = new Engine.EngineClient(_channel);
        }

        previous?.Dispose();
    }

    public Task WarnAsync(string urn, string message, CancellationToken cancellationToken) => LogAsync(LogSeverity.Warning, urn, message, cancellationToken);

    public Task InfoAsync(string urn, string message, CancellationToken cancellationToken) => LogAsync(LogSeverity.Info, urn, message, cancellationToken);

    public async Task LogAsync(LogSeverity severity, string urn, string message, CancellationToken cancellationToken)
    {
        message = redactor.Redact(message);
        logger.Log(severity == LogSeverity.Warning ? LogLevel.Warning : LogLevel.Information, "{Urn}: {Message}", urn, message);
        Engine.EngineClient? engine;
        lock (_gate)
        {
            engine = _engine;
        }

        if (engine is null)
        {
            return;
        }

        try
        {
            await engine.LogAsync(new LogRequest { Severity = severity, Message = message, Urn = urn }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Grpc.Core.RpcException or HttpRequestException or InvalidOperationException)
        {
            logger.LogWarning("Could not send a log message to the engine at {Address}: {Error}", _address, e.Message);
        }
    }

    public void Dispose() => _channel?.Dispose();
}
