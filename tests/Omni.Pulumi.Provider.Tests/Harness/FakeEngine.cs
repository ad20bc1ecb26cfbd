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

/// <summary>Plays the Pulumi engine's Engine service: records every Log call.</summary>
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

    /// <summary>host:port, as the engine passes it to a plugin.</summary>
    public string Address { get; }

    public static async Task<FakeEngine> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var recorder = new LogRecorder();
        builder.Services.AddSingleton(recorder);
        var app = builder.Build();
        app.MapGrpcService<RecordingEngine>();
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

        public void Add(LogRequest request) => _logs.Enqueue(request);
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
