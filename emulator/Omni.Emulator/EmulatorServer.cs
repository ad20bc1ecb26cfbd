using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Omni.Emulator.Admin;
using Omni.Emulator.Attributes;
using Omni.Emulator.Auth;
using Omni.Emulator.Connections;
using Omni.Emulator.Http;
using Omni.Emulator.Json;
using Omni.Emulator.ModelRoles;
using Omni.Emulator.Models;
using Omni.Emulator.Scim;
using Omni.Emulator.Storage;
using Omni.Emulator.V1;

namespace Omni.Emulator;

/// <summary>A running emulator: started in-process by tests, or by the omni-emulator command line.</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly EmulatorDatabase database;

    private EmulatorServer(WebApplication app, EmulatorDatabase database, Uri baseUrl, string apiKey)
    {
        this.app = app;
        this.database = database;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
    }

    /// <summary>Where it listens, e.g. http://127.0.0.1:8787 (Omni's API is under /api).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The organization API key it accepts: the configured one, or a generated dev key.</summary>
    public string ApiKey { get; }

    /// <summary>Where the data lives: the SQLite file's full path, or "in memory".</summary>
    public string DataLocation => database.Location;

    /// <summary>Opens the database, binds the listener and starts answering. Bad options throw <see cref="ArgumentException"/>.</summary>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var apiKey = options.ApiKey ?? "omni_emulator_" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        var attributes = AttributeDefinitions.Load(options.AttributesFile);
        var database = await EmulatorDatabase.OpenAsync(options, ct).ConfigureAwait(false);
        try
        {
            var app = Build(options, database, attributes, new Credentials(apiKey, options.PersonalAccessTokens));
            await app.Services.GetRequiredService<ContentSeed>().InitializeAsync(ct).ConfigureAwait(false);
            await app.StartAsync(ct).ConfigureAwait(false);
            return new EmulatorServer(app, database, ListeningAddress(app), apiKey);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Completes when the host stops (Ctrl+C or SIGTERM on the command line).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        await database.DisposeAsync().ConfigureAwait(false);
    }

    public override string ToString() => $"Omni emulator at {BaseUrl} ({DataLocation})";

    private static void Validate(EmulatorOptions options)
    {
        if (options.RequestsPerMinute < 0)
        {
            throw new ArgumentException($"RequestsPerMinute (--requests-per-minute) must be >= 0, got {options.RequestsPerMinute}.",
                nameof(options));
        }

        if (options.RateLimitWindow <= TimeSpan.Zero)
        {
            throw new ArgumentException("RateLimitWindow (--rate-limit-window-seconds) must be positive.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.Urls))
        {
            throw new ArgumentException("Urls (--urls) is required, e.g. http://127.0.0.1:8787.", nameof(options));
        }

        if (options.ApiKey is { } key && string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException("ApiKey (--api-key) must not be blank; omit it to generate a dev key.", nameof(options));
        }
    }

    private static WebApplication Build(EmulatorOptions options, EmulatorDatabase database, AttributeDefinitions attributes,
        Credentials credentials)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.Urls);
        // stdout belongs to the start-up lines (base URL and key); logs go to stderr.
        builder.Logging.ClearProviders()
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
            console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, EmulatorJson.Context));

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.TimeProvider);
        services.AddSingleton(database);
        services.AddSingleton(attributes);
        services.AddSingleton(credentials);
        services.AddSingleton<AttributeValues>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<EmbedUserStore>();
        services.AddSingleton<GroupStore>();
        services.AddContentServices();
        services.AddCatalog(options);
        services.AddSingleton(new FixedWindowRateLimiter(options.TimeProvider, options.RequestsPerMinute, options.RateLimitWindow));
        services.AddSingleton<FaultRules>();
        services.AddSingleton<RequestCounters>();

        var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<RequestCountingMiddleware>();
        app.Use(AdminEndpoints.LoopbackOnlyAsync);
        app.UseMiddleware<FaultInjectionMiddleware>();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseMiddleware<ApiProblemMiddleware>();
        // No MapFallback: a catch-all endpoint would outrank routing's 405 for a known path with the
        // wrong method. Unknown paths (404) and wrong methods (405) get their body here instead.
        app.UseStatusCodePages(ErrorResponses.WriteForEmptyAnswerAsync);
        app.MapUserEndpoints();
        app.MapEmbedUserEndpoints();
        app.MapGroupEndpoints();
        app.MapV1Endpoints();
        app.MapContentEndpoints();
        app.MapConnectionEndpoints();
        app.MapModelEndpoints();
        app.MapModelRoleEndpoints();
        app.MapAdminEndpoints();
        return app;
    }

    private static Uri ListeningAddress(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server reported no listening address.");
        var uri = new UriBuilder(address);
        // A wildcard bind is reachable through loopback; report an address a client can call.
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*")
        {
            uri.Host = "127.0.0.1";
        }

        return uri.Uri;
    }
}
