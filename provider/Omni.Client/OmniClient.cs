using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Omni.Client.Json;
using Omni.Client.Transport;

namespace Omni.Client;

/// <summary>
/// A typed client for Omni's user-management API. Every rule about HTTP lives behind it: a rate limiter shared
/// per organisation and key, retries that never duplicate a create, timeouts, and errors that say what to do.
/// </summary>
public sealed class OmniClient : IDisposable
{
    private readonly OmniTransport _transport;
    private readonly RateLimiterRegistry? _ownRateLimiters;

    /// <summary>
    /// Builds a client with its own pooled connection handler. <paramref name="rateLimiters"/> is where the
    /// per-key token bucket lives: pass one registry, owned by the host and disposed after its clients, so that
    /// every client of a key shares one bucket. When null, the client makes a private registry and disposes it
    /// with itself (its bucket is then shared with no one).
    /// </summary>
    /// <exception cref="OmniConfigurationException">BaseUrl, ApiKey or a limit is unusable.</exception>
    public OmniClient(OmniClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, RateLimiterRegistry? rateLimiters = null)
        : this(null, options, loggerFactory, timeProvider, rateLimiters, random: null)
    {
    }

    /// <summary>Builds a client over an <see cref="HttpClient"/> from DI; the client does not dispose it.</summary>
    public OmniClient(HttpClient http, OmniClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, RateLimiterRegistry? rateLimiters = null)
        : this(http ?? throw new ArgumentNullException(nameof(http)), options, loggerFactory, timeProvider, rateLimiters, random: null)
    {
    }

    internal OmniClient(HttpClient? http, OmniClientOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, RateLimiterRegistry? rateLimiters, Func<double>? random)
    {
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Omni.Client");
        _ownRateLimiters = rateLimiters is null ? new RateLimiterRegistry() : null;
        try
        {
            _transport = new OmniTransport(http, options, logger, timeProvider ?? TimeProvider.System, rateLimiters ?? _ownRateLimiters!, random);
        }
        catch
        {
            _ownRateLimiters?.Dispose();
            throw;
        }
        Users = new OmniUsers(_transport);
        EmbedUsers = new OmniEmbedUsers(_transport);
        Groups = new OmniGroups(_transport);
        UserAttributes = new OmniUserAttributes(_transport);
        Folders = new OmniFolders(_transport);
        Permissions = new OmniPermissions(_transport);
        Labels = new OmniLabels(_transport);
        Connections = new OmniConnections(_transport);
        Models = new OmniModels(_transport);
        ModelRoles = new OmniModelRoles(_transport);
    }

    public OmniUsers Users { get; }

    /// <summary>Embed users (read and delete only: embed SSO sessions create them).</summary>
    public OmniEmbedUsers EmbedUsers { get; }

    public OmniGroups Groups { get; }

    public OmniUserAttributes UserAttributes { get; }

    public OmniFolders Folders { get; }

    public OmniPermissions Permissions { get; }

    public OmniLabels Labels { get; }

    public OmniConnections Connections { get; }

    public OmniModels Models { get; }

    public OmniModelRoles ModelRoles { get; }

    /// <summary>The API root every path is resolved against, e.g. https://acme.omniapp.co/api/.</summary>
    public Uri ApiBase => _transport.ApiBase;

    internal OmniTransport Transport => _transport;

    /// <summary>Who the key belongs to and its scope: SCIM needs an organisation key (<see cref="WhoAmI.IsOrganizationKey"/>).</summary>
    public async Task<WhoAmI> WhoAmIAsync(CancellationToken ct = default)
    {
        var response = await _transport.SendAsync(HttpMethod.Get, "v1/whoami", null, ct).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw OmniErrors.FromResponse(_transport, response);
        }
        return JsonIo.Read(response, OmniJsonContext.Default.WhoAmIWire, static wire => wire.ToModel());
    }

    public override string ToString() => $"OmniClient({ApiBase})";

    public void Dispose()
    {
        _transport.Dispose();
        _ownRateLimiters?.Dispose();
    }
}
