using Grpc.Net.Client;
using Omni.Pulumi.Provider.Protocol;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Hosting;

/// <summary>
/// The channel to the engine's <c>Engine.Log</c> (plaintext HTTP/2 at the address from the command
/// line, Handshake or Attach). Every message is redacted before it leaves. It logs nothing itself,
/// so the logging pipeline can feed it without feeding back into itself.
/// </summary>
internal sealed class EngineConnection(SecretRedactor redactor) : IDisposable
{
    private readonly Lock _gate = new();
    private string? _address;
    private GrpcChannel? _channel;
    private Engine.EngineClient? _engine;

    public string? Address
    {
        get
        {
            lock (_gate)
            {
                return _address;
            }
        }
    }

    public void SetAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return;
        }

        GrpcChannel? previous;
        lock (_gate)
        {
            if (address == _address)
            {
                return;
            }

            previous = _channel;
            _address = address;
            _channel = ChannelFor(address);
            _engine = new Engine.EngineClient(_channel);
        }

        previous?.Dispose();
    }

    /// <summary>A channel to the engine at host:port (as the engine passes it) or at a URL.</summary>
    public static GrpcChannel ChannelFor(string address) =>
        GrpcChannel.ForAddress(new Uri(address.Contains("://", StringComparison.Ordinal) ? address : $"http://{address}"));

    /// <summary>Sends one message; false when there is no engine to send to. Transport failures propagate.</summary>
    public async Task<bool> SendAsync(LogSeverity severity, string urn, string message, CancellationToken cancellationToken)
    {
        Engine.EngineClient? engine;
        lock (_gate)
        {
            engine = _engine;
        }

        if (engine is null)
        {
            return false;
        }

        await engine.LogAsync(new LogRequest { Severity = severity, Message = redactor.Redact(message), Urn = urn }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _channel?.Dispose();
            _channel = null;
            _engine = null;
        }
    }
}
