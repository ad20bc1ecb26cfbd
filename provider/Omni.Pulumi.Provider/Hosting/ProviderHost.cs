using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Protocol;

namespace Omni.Pulumi.Provider.Hosting;

/// <summary>
/// The gRPC server: Kestrel on 127.0.0.1, a free port, HTTP/2 only, logs on stderr only (stdout
/// belongs to the port line). Used by Program and, in process, by the tests.
/// </summary>
internal sealed class ProviderHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EngineWatch? _engineWatch;

    private ProviderHost(WebApplication app, int port, EngineWatch? engineWatch)
    {
        _app = app;
        Port = port;
        _engineWatch = engineWatch;
    }

    public int Port { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="engineAddress">The engine's address from the command line; null in attach mode.</param>
    /// <param name="engineCheckInterval">How often to make sure that engine is still there (<see cref="EngineWatch"/>).</param>
    public static async Task<ProviderHost> StartAsync(string? engineAddress, int verbosity, EnvironmentVariables environment, CancellationToken cancellationToken,
        TimeSpan? engineCheckInterval = null)
    {
        // The empty builder: no configuration files or variables (the plugin's settings come from the engine's
        // Configure and OMNI_* variables), no default services; Kestrel, routing and logging are added below.
        // Each service the container builds by reflection at start-up costs start time under NativeAOT.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        builder.Logging.AddProvider(new StandardErrorLoggerProvider(Console.Error));
        builder.Logging.SetMinimumLevel(verbosity >= 9 ? LogLevel.Debug : verbosity > 0 ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", verbosity >= 9 ? LogLevel.Information : LogLevel.Warning);
        // Hosting's per-request log (request started/finished) is only wanted when debugging. While its category
        // is enabled at any level, every RPC also gets an Activity and a logging scope, and the Activity makes the
        // client's HttpClient start a child Activity per request to Omni (and send it trace headers): measurable
        // per-call work (make bench, plugin-create) for nothing anyone reads.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", verbosity >= 9 ? LogLevel.Information : LogLevel.None);
        // The client's warnings and info reach the engine whatever the verbosity (stderr keeps its own level).
        builder.Logging.AddFilter<EngineLoggerProvider>(EngineLoggerProvider.ClientCategory, LogLevel.Information);
        // No "Application started. Press Ctrl+C to shut down." on stderr at -v=1 and above: the engine starts and stops us.
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });

        builder.Services.AddGrpc(o =>
        {
            // The engine sends whole stacks' worth of properties; match Pulumi's own limit.
            o.MaxReceiveMessageSize = 400 * 1024 * 1024;
        });
        // Requests are parsed with the engine's recursion limit (DeepMessageMethodProvider), not the default binder's.
        builder.Services.RemoveAll(typeof(Grpc.AspNetCore.Server.Model.IServiceMethodProvider<>));
        builder.Services.AddSingleton<Grpc.AspNetCore.Server.Model.IServiceMethodProvider<ResourceProviderService>, DeepMessageMethodProvider>();
        // One service for every call (it holds only singletons): registered, gRPC takes it from the container
        // instead of constructing one per call through ActivatorUtilities.
        builder.Services.AddSingleton<ResourceProviderService>();
        builder.Services.AddSingleton(environment);
        builder.Services.AddSingleton<SecretRedactor>();
        builder.Services.AddSingleton<CancellationHub>();
        builder.Services.AddSingleton<EngineConnection>();
        builder.Services.AddSingleton<EngineLogBridge>();
        builder.Services.AddSingleton<ILoggerProvider, EngineLoggerProvider>();
        // One registry for the process, owned (and disposed) by the host: every client built for a
        // key shares that key's bucket, as Omni counts requests per key.
        builder.Services.AddSingleton<Omni.Client.RateLimiterRegistry>();
        builder.Services.AddSingleton<OmniSession>();
        builder.Services.AddSingleton<ConfigValidator>();
        builder.Services.AddSingleton<ConfigProtocol>();
        builder.Services.AddSingleton<ErrorMapper>();
        builder.Services.AddSingleton(sp => new TokenRegistry<IResourceHandler>(
            ProviderCatalog.Resources(sp.GetRequiredService<OmniSession>(), sp.GetRequiredService<EngineLogBridge>()), "resource type"));
        builder.Services.AddSingleton(sp => new TokenRegistry<IFunctionHandler>(
            ProviderCatalog.Functions(sp.GetRequiredService<OmniSession>()), "function"));

        var app = builder.Build();
        app.MapGrpcService<ResourceProviderService>();

        var redactor = app.Services.GetRequiredService<SecretRedactor>();
        redactor.Add(environment.Get(ProviderConfig.ApiKeyEnvironment));
        app.Services.GetRequiredService<EngineLogBridge>().SetEngineAddress(engineAddress);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var engineWatch = string.IsNullOrWhiteSpace(engineAddress) ? null : new EngineWatch(engineAddress, engineCheckInterval ?? EngineWatch.DefaultInterval,
            app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication,
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Omni.Pulumi.Provider.Hosting.EngineWatch"));
        return new ProviderHost(app, new Uri(address).Port, engineWatch);
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_engineWatch is not null)
        {
            await _engineWatch.DisposeAsync().ConfigureAwait(false);
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
