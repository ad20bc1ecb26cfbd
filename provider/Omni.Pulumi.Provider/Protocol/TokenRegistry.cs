namespace Omni.Pulumi.Provider.Protocol;

/// <summary>Something the provider serves under a Pulumi token: a resource type or a function.</summary>
internal interface ITokenHandler
{
    string Token { get; }
}

/// <summary>What this provider serves of one kind (resources or functions), by token.</summary>
internal sealed class TokenRegistry<THandler>(IEnumerable<THandler> handlers, string kind)
    where THandler : ITokenHandler
{
    private readonly Dictionary<string, THandler> _byToken = handlers.ToDictionary(h => h.Token, StringComparer.Ordinal);

    public IEnumerable<THandler> All => _byToken.Values;

    public THandler Resolve(string token) =>
        _byToken.TryGetValue(token, out var handler)
            ? handler
            : throw new Resources.ProviderFailureException(Resources.FailureKind.InvalidInput,
                $"Unknown {kind} '{token}'. This provider serves: {string.Join(", ", _byToken.Keys.Order(StringComparer.Ordinal))}.");
}

internal static class ResourceTokens
{
    /// <summary>Finds a resource's handler by the request's <c>type</c>, or by the type in its URN
    /// (<c>urn:pulumi:stack::project::[parent$]omni:index:User::name</c>) for older engines.</summary>
    public static IResourceHandler Resolve(this TokenRegistry<IResourceHandler> resources, string? type, string urn) =>
        resources.Resolve(string.IsNullOrEmpty(type) ? Urn.TypeOf(urn) : type);
}
