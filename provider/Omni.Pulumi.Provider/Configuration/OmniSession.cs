using Omni.Client;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Configuration;

/// <summary>
/// The configured connection to Omni for this provider process: the client Configure built, and
/// what is fetched once per process (the user-attribute definitions).
/// </summary>
internal sealed class OmniSession : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _lifetime = new();
    private OmniClient? _client;
    private Task<IReadOnlyList<UserAttributeDefinition>>? _definitions;

    public bool IsConfigured => Volatile.Read(ref _client) is not null;

    public OmniClient Client => Volatile.Read(ref _client) ?? throw new ProviderFailureException(FailureKind.NothingChanged,
        "The omni provider is not configured: set omni:baseUrl and omni:apiKey (or OMNI_BASE_URL and OMNI_API_KEY).");

    public void Configure(OmniClient client)
    {
        OmniClient? previous;
        lock (_gate)
        {
            previous = _client;
            _client = client;
            _definitions = null;
        }

        previous?.Dispose();
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

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        _client?.Dispose();
    }
}
