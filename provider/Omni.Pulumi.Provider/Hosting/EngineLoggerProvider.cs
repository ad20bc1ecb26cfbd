using Pulumirpc;

namespace Omni.Pulumi.Provider.Hosting;

/// <summary>
/// Forwards what Omni.Client reports about its requests (retries, 429s, outcomes it had to look up)
/// to the engine, so the user sees them in `pulumi up` and not only on the plugin's stderr:
/// warnings as warnings, information as info. Other categories and levels are not forwarded.
/// </summary>
internal sealed class EngineLoggerProvider(EngineConnection engine) : ILoggerProvider
{
    /// <summary>The category Omni.Client logs under.</summary>
    public const string ClientCategory = "Omni.Client";

    public ILogger CreateLogger(string categoryName) =>
        categoryName == ClientCategory || categoryName.StartsWith(ClientCategory + ".", StringComparison.Ordinal)
            ? new ForwardingLogger(engine)
            : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
        // The connection belongs to the host's container, which disposes it.
    }

    private sealed class ForwardingLogger(EngineConnection engine) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel is LogLevel.Information or LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            // Logging is synchronous and must not hold up the request being logged; the message is
            // redacted by the connection, and a failed send is dropped (the stderr log keeps its own copy).
            var severity = logLevel == LogLevel.Warning ? LogSeverity.Warning : LogSeverity.Info;
            _ = SendQuietlyAsync(severity, formatter(state, exception));
        }

        private async Task SendQuietlyAsync(LogSeverity severity, string message)
        {
            try
            {
                await engine.SendAsync(severity, "", message, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Grpc.Core.RpcException or HttpRequestException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
            {
                // The engine is gone or not reachable: the message is on stderr already.
            }
        }
    }
}
