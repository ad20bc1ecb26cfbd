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

    /// <summary>The client and its decorated APIs, swapped together when the provider is configured again, with
    /// whoami's answer (fetched once, when the key is checked) and the admin group's name or id.</summary>
    private sealed record Api(OmniClient Client, CachingUsers Users, CachingGroups Groups, WhoAmI KeyOwner, string AdminGroup)
    {
        /// <summary>The key owner's groups that are the admin group, fetched once (GET of the owner).</summary>
        public Task<AdminGroups>? AdminGroups { get; set; }
    }

    /// <summary>The key owner's groups that are the admin group: their ids, and their names (any letter case) for a Group's
    /// Check, which has no id.</summary>
    private sealed record AdminGroups(IReadOnlySet<string> Ids, IReadOnlySet<string> Names);

    public bool IsConfigured => Volatile.Read(ref _api) is not null;

    public OmniClient Client => Current.Client;

    /// <summary>The client's users, with reads shared within one refresh (<see cref="CachingUsers.GetRecentAsync"/>).</summary>
    public CachingUsers Users => Current.Users;

    /// <summary>The client's groups, with reads shared within one refresh (<see cref="CachingGroups.GetRecentAsync"/>).</summary>
    public CachingGroups Groups => Current.Groups;

    /// <summary>Who owns omni:apiKey (whoami, asked once when the provider was configured); null before that.</summary>
    public WhoAmI? KeyOwner => Volatile.Read(ref _api)?.KeyOwner;

    /// <summary>
    /// Whether the group is the admin group of the provider's <c>adminGroup</c> setting: by id, by displayName in any
    /// letter case, or (once <see cref="LoadAdminGroupsAsync"/> ran) as one of the key owner's groups so named.
    /// </summary>
    public bool IsAdminGroup(string groupId, string? displayName)
    {
        if (Volatile.Read(ref _api) is not { } api)
        {
            return false;
        }

        return string.Equals(groupId, api.AdminGroup, StringComparison.Ordinal)
            || string.Equals(displayName, api.AdminGroup, StringComparison.OrdinalIgnoreCase)
            || api.AdminGroups is { IsCompletedSuccessfully: true } loaded && loaded.Result.Ids.Contains(groupId);
    }

    /// <summary>Whether the key owner is, as <see cref="LoadAdminGroupsAsync"/> found, a member of the admin group and that
    /// group is named <paramref name="displayName"/> (any letter case), whether <c>adminGroup</c> gives its name or its id.</summary>
    public bool KeyOwnerIsInAdminGroupNamed(string displayName) =>
        Volatile.Read(ref _api)?.AdminGroups is { IsCompletedSuccessfully: true } loaded && loaded.Result.Names.Contains(displayName);

    /// <summary>
    /// Learns, once per process, which of the key owner's groups is the admin group (one GET of the owner's
    /// SCIM user, whose groups carry their names), so that a synchronous Diff of a GroupMembership, which holds
    /// only ids, can tell. Nothing is fetched when the owner is no SCIM user (404: no groups). A failed fetch is
    /// retried on the next call.
    /// </summary>
    public async Task LoadAdminGroupsAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _api) is not { KeyOwner.UserId: { Length: > 0 } ownerId } api)
        {
            return;
        }

        Task<AdminGroups> fetch;
        lock (_gate)
        {
            if (api.AdminGroups is null || api.AdminGroups.IsFaulted || api.AdminGroups.IsCanceled)
            {
                api.AdminGroups = FetchAdminGroupsAsync(api, ownerId, _lifetime.Token);
            }

            fetch = api.AdminGroups;
        }

        await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<AdminGroups> FetchAdminGroupsAsync(Api api, string ownerId, CancellationToken cancellationToken)
    {
        ScimUser? owner;
        try
        {
            owner = await api.Client.Users.GetAsync(ownerId, cancellationToken).ConfigureAwait(false);
        }
        catch (OmniApiException e) when (e.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            owner = null; // not an id Omni's SCIM knows: the owner is in no SCIM group
        }

        var groups = (owner?.Groups ?? [])
            .Where(g => string.Equals(g.Value, api.AdminGroup, StringComparison.Ordinal)
                || string.Equals(g.Display, api.AdminGroup, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return new AdminGroups(groups.Select(g => g.Value).ToHashSet(StringComparer.Ordinal),
            groups.Select(g => g.Display).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

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
        WhoAmI keyOwner;
        try
        {
            keyOwner = await CheckKeyAsync(client, options.BaseUrl, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        Use(client, keyOwner, validator.AdminGroupOf(config));
    }

    private static async Task<WhoAmI> CheckKeyAsync(OmniClient client, string baseUrl, CancellationToken cancellationToken)
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

        return whoAmI;
    }

    private void Use(OmniClient client, WhoAmI keyOwner, string adminGroup)
    {
        Api? previous;
        lock (_gate)
        {
            previous = _api;
            _api = new Api(client, new CachingUsers(client.Users, _userReads, _groupReads, _lifetime.Token),
                new CachingGroups(client.Groups, _groupReads, _lifetime.Token), keyOwner, adminGroup);
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
