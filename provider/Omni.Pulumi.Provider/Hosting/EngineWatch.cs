using Grpc.Core;
using Grpc.Health.V1;

namespace Omni.Pulumi.Provider.Hosting;

/// <summary>
/// Stops the plugin once the engine that started it is gone. The engine stops its plugins itself when a command
/// ends, but an engine that was killed (SIGKILL, a CI job's timeout, a crash) cannot: its plugins would run on,
/// each holding a port, memory and a refill timer, until the machine restarts (pulumi/pulumi#8696). As Pulumi's
/// own plugins do, the engine's gRPC health service is asked at an interval: an answer, or Unimplemented from an
/// engine without that service, means it is alive; any other failure (nothing listens at its address any more)
/// stops the host.
/// </summary>
/// <remarks>Only for an engine address from the command line. In attach mode (PULUMI_DEBUG_PROVIDERS) the plugin
/// is meant to outlive each command's engine, so it is never watched. No deadline on the check: a slow answer from
/// a busy engine must not end a deployment.</remarks>
internal sealed class EngineWatch : IAsyncDisposable
{
    /// <summary>Pulumi's own interval (rpcutil.Healthcheck).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _watching;

    /// <param name="engineGone">What to do once the engine no longer answers (the host's StopApplication).</param>
    public EngineWatch(string engineAddress, TimeSpan interval, Action engineGone, ILogger logger) =>
        _watching = WatchAsync(engineAddress, interval, engineGone, logger, _stopping.Token);

    private static async Task WatchAsync(string engineAddress, TimeSpan interval, Action engineGone, ILogger logger, CancellationToken stopping)
    {
        try
        {
            // The channel is made at the first check, not at start: the port line is what the engine waits for.
            await Task.Delay(interval, stopping).ConfigureAwait(false);
            using var channel = EngineConnection.ChannelFor(engineAddress);
            var health = new Health.HealthClient(channel);
            while (true)
            {
                try
                {
                    await health.CheckAsync(new HealthCheckRequest(), cancellationToken: stopping).ConfigureAwait(false);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
                {
                    // An engine without the health service answered: it is there.
                }
                catch (RpcException e) when (!stopping.IsCancellationRequested)
                {
                    logger.LogWarning("The engine at {Address} no longer answers ({Status}: {Detail}); the plugin stops, as nothing else would stop it.",
                        engineAddress, e.StatusCode, e.Status.Detail);
                    engineGone();
                    return;
                }

                await Task.Delay(interval, stopping).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (stopping.IsCancellationRequested && e is OperationCanceledException or RpcException)
        {
            // The host is stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _watching.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
