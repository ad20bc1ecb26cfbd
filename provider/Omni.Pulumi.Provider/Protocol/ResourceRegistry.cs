namespace Omni.Pulumi.Provider.Protocol;

/// <summary>The resource types this provider serves, by type token.</summary>
internal sealed class ResourceRegistry(IEnumerable<IResourceHandler> handlers)
{
    private readonly Dictionary<string, IResourceHandler> _byToken = handlers.ToDictionary(h => h.Token, StringComparer.Ordinal);

    public IEnumerable<IResourceHandler> All => _byToken.Values;

    /// <summary>Finds the handler for a request by its <c>type</c>, or by the type in its URN
    /// (<c>urn:pulumi:stack::project::[parent$]omni:index:User::name</c>) for older engines.</summary>
    public IResourceHandler Resolve(string? type, string urn)
    {
        var token = string.IsNullOrEmpty(type) ? Urn.TypeOf(urn) : type;
        return _byToken.TryGetValue(token, out var handler)
            ? handler
            : throw new Resources.ProviderFailureException(Resources.FailureKind.InvalidInput,
                $"Unknown resource type '{token}'. This provider serves: {string.Join(", ", _byToken.Keys.Order(StringComparer.Ordinal))}.");
    }
}
