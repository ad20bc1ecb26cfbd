using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests.Harness;

/// <summary>Plays the Pulumi engine's Engine service: records every Log call, and counts the health checks a plugin
/// makes (answered SERVING, or Unimplemented by an engine started without the health service).</summary>
internal sealed class FakeEngine : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeEngine(WebApplication app, LogRecorder recorder, string address)
    {
        _app = app;
        Logs = recorder;
        Address = address;
    }

    public LogRecorder Logs { get; }

    /// <summary>Health checks received, answered or not.</summary>
    public int HealthChecks => Logs.HealthChecks;

    /// <summary>host:port, as the engine passes it to a plugin.</summary>
    public string Address { get; }

    public static async Task<FakeEngine> StartAsync(bool withHealthService = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var recorder = new LogRecorder();
        builder.Services.AddSingleton(recorder);
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/grpc.health.v1.Health/Check")
            {
                recorder.CountHealthCheck();
            }

            await next(context);
        });
        app.MapGrpcService<RecordingEngine>();
        if (withHealthService)
        {
            app.MapGrpcService<ServingHealth>();
        }

        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new FakeEngine(app, recorder, $"127.0.0.1:{address.Port}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed class LogRecorder
    {
        private readonly ConcurrentQueue<LogRequest> _logs = new();

        public IReadOnlyList<LogRequest> All => [.. _logs];

        private int _healthChecks;

        public int HealthChecks => Volatile.Read(ref _healthChecks);

        public void Add(LogRequest request) => _logs.Enqueue(request);

        public void CountHealthCheck() => Interlocked.Increment(ref _healthChecks);
    }

    private sealed class ServingHealth : Grpc.Health.V1.Health.HealthBase
    {
        public override Task<Grpc.Health.V1.HealthCheckResponse> Check(Grpc.Health.V1.HealthCheckRequest request, ServerCallContext context) =>
            Task.FromResult(new Grpc.Health.V1.HealthCheckResponse { Status = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving });
    }

    private sealed class RecordingEngine(LogRecorder recorder) : Engine.EngineBase
    {
        public override Task<Empty> Log(LogRequest request, ServerCallContext context)
        {
            recorder.Add(request);
            return Task.FromResult(new Empty());
        }
    }
}
