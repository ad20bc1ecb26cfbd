using Omni.Pulumi.Provider.Protocol;
using Omni.Client;
using Omni.Pulumi.Provider.Hosting;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Configuration;

/// <summary>
/// The configured connection to Omni for this provider process: configuring checks the settings
/// and the key (whoami) and builds the client; what is fetched once per process (the
/// user-attribute definitions) is kept here too.
/// </summary>
/// <param name="rateLimiters">The host's one registry: every client of the run draws from the same
/// bucket for a key, however often the provider is configured.</param>
/// <param name="timeProvider">The clock of the shared listings' lifetime; the system clock unless a test sets one.</param>
internal sealed class OmniSession(ConfigValidator validator, SecretRedactor redactor, RateLimiterRegistry rateLimiters, ILoggerFactory loggerFactory,
    TimeProvider? timeProvider = null) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly RecentListing<ScimUser> _userReads = new(timeProvider ?? TimeProvider.System, static u => u.Id);
    private readonly RecentListing<ScimGroup> _groupReads = new(timeProvider ?? TimeProvider.System, static g => g.Id);
    private Api? _api;
    private Task<IReadOnlyList<UserAttributeDefinition>>? _definitions;

    /// <summary>The client and its decorated APIs, swapped together when the provider is configured again.</summary>
    private sealed record Api(OmniClient Client, CachingUsers Users, CachingGroups Groups);

    public bool IsConfigured => Volatile.Read(ref _api) is not null;

    public OmniClient Client => Current.Client;

    /// <summary>The client's users, with reads shared within one refresh (<see cref="CachingUsers.GetRecentAsync"/>).</summary>
    public CachingUsers Users => Current.Users;

    /// <summary>The client's groups, with reads shared within one refresh (<see cref="CachingGroups.GetRecentAsync"/>).</summary>
    public CachingGroups Groups => Current.Groups;

    private Api Current => Volatile.Read(ref _api) ?? throw new ProviderFailureException(FailureKind.NothingChanged,
        "The omni provider is not configured: set omni:baseUrl and omni:apiKey (or OMNI_BASE_URL and OMNI_API_KEY).");

    /// <summary>Checks <paramref name="config"/> (with its environment fallbacks), checks that the key
    /// is an Organization API key, and makes the new client current.</summary>
    /// <exception cref="ProviderFailureException">The configuration is invalid or Omni refuses the key.</exception>
    public async Task ConfigureAsync(ProviderConfig config, CancellationToken cancellationToken)
    {
        var failures = validator.Validate(config, new HashSet<string>());
        if (failures.Count > 0)
        {
            throw new ProviderFailureException(FailureKind.InvalidInput,
                "The omni provider configuration is invalid: " + string.Join(" ", failures.Select(f => f.Reason)));
        }

        var options = validator.ToClientOptions(config);
        redactor.Add(options.ApiKey);
        var client = new OmniClient(options, loggerFactory, rateLimiters: rateLimiters);
        try
        {
            await CheckKeyAsync(client, options.BaseUrl, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        Use(client);
    }

    private static async Task CheckKeyAsync(OmniClient client, string baseUrl, CancellationToken cancellationToken)
    {
        WhoAmI whoAmI;
        try
        {
            whoAmI = await client.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OmniAuthenticationException e)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"Omni at {baseUrl} rejected omni:apiKey ({e.Message}). Check that it is a current Organization API key; "
                + "set it with `pulumi config set --secret omni:apiKey <key>` (or OMNI_API_KEY).", e);
        }

        if (!whoAmI.IsOrganizationKey)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                $"omni:apiKey is a personal access token (key scope '{whoAmI.KeyScope}'), but Omni's SCIM API needs an Organization API key. "
                + "Create one in Omni under Settings > API keys and set it with `pulumi config set --secret omni:apiKey <key>` (or OMNI_API_KEY).");
        }
    }

    private void Use(OmniClient client)
    {
        Api? previous;
        lock (_gate)
        {
            previous = _api;
            _api = new Api(client, new CachingUsers(client.Users, _userReads, _groupReads, _lifetime.Token),
                new CachingGroups(client.Groups, _groupReads, _lifetime.Token));
            _definitions = null;
            _userReads.Clear();
            _groupReads.Clear(); // another key or organisation: nothing fetched before applies
        }

        previous?.Client.Dispose();
    }

    /// <summary>The attribute definitions, fetched once; a failed fetch is retried on the next call.</summary>
    public Task<IReadOnlyList<UserAttributeDefinition>> GetAttributeDefinitionsAsync(CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<UserAttributeDefinition>> fetch;
        lock (_gate)
        {
            if (_definitions is null || _definitions.IsFaulted || _definitions.IsCanceled)
            {
                // Shared by every caller, so it runs on the session's lifetime, not one caller's token.
                _definitions = Client.UserAttributes.ListAsync(_lifetime.Token);
            }

            fetch = _definitions;
        }

        return fetch.WaitAsync(cancellationToken);
    }

    /// <summary>Drops the fetched definitions after a UserAttribute resource changed them, so the next
    /// User Check sees the attribute it just created (or no longer sees one it deleted).</summary>
    public void ForgetAttributeDefinitions()
    {
        lock (_gate)
        {
            _definitions = null;
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        _api?.Client.Dispose();
    }
}
