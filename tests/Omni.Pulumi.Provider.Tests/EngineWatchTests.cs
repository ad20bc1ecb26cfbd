using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Hosting;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>A plugin whose engine was killed stops by itself, as Pulumi's own plugins do (EngineWatch).</summary>
public class EngineWatchTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static Task<ProviderHost> StartAsync(string? engineAddress) =>
        ProviderHost.StartAsync(engineAddress, 0, new EnvironmentVariables(_ => null), CancellationToken.None, Interval);

    private static CancellationToken Stopping(ProviderHost host) => host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    private static async Task WaitForChecksAsync(FakeEngine engine, int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (engine.HealthChecks < count)
        {
            await Task.Delay(Interval / 2, timeout.Token);
        }
    }

    [Fact]
    public async Task The_plugin_stops_once_the_engine_that_started_it_no_longer_answers()
    {
        var engine = await FakeEngine.StartAsync();
        await using var host = await StartAsync(engine.Address);
        var stopping = Stopping(host);

        await WaitForChecksAsync(engine, 3);
        Assert.False(stopping.IsCancellationRequested, "the plugin stopped while its engine still answered");

        await engine.DisposeAsync();
        var stopped = new TaskCompletionSource();
        using var _ = stopping.Register(stopped.SetResult);
        await stopped.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task An_engine_without_the_health_service_is_alive_as_long_as_it_answers()
    {
        await using var engine = await FakeEngine.StartAsync(withHealthService: false);
        await using var host = await StartAsync(engine.Address);

        await WaitForChecksAsync(engine, 3);

        Assert.False(Stopping(host).IsCancellationRequested, "Unimplemented from the engine was taken for an engine that is gone");
    }

    [Fact]
    public async Task A_plugin_in_attach_mode_outlives_the_engines_it_serves()
    {
        // Attach mode: no engine on the command line; each command's engine arrives through Handshake and goes away.
        await using var engine = await FakeEngine.StartAsync();
        await using var host = await StartAsync(null);
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress($"http://127.0.0.1:{host.Port}");
        await new ResourceProvider.ResourceProviderClient(channel).HandshakeAsync(new ProviderHandshakeRequest { EngineAddress = engine.Address });

        // Ten intervals without a check (a watch would have made about ten).
        await Task.Delay(Interval * 10);

        Assert.Equal(0, engine.HealthChecks);
        Assert.False(Stopping(host).IsCancellationRequested);
    }
}
