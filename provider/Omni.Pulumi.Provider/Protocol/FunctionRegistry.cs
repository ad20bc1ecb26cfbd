namespace Omni.Pulumi.Provider.Protocol;

/// <summary>The functions this provider serves, by token.</summary>
internal sealed class FunctionRegistry(IEnumerable<IFunctionHandler> handlers)
{
    private readonly Dictionary<string, IFunctionHandler> _byToken = handlers.ToDictionary(h => h.Token, StringComparer.Ordinal);

    public IEnumerable<IFunctionHandler> All => _byToken.Values;

    public IFunctionHandler Resolve(string token) =>
        _byToken.TryGetValue(token, out var handler)
            ? handler
            : throw new Resources.ProviderFailureException(Resources.FailureKind.InvalidInput,
                $"Unknown function '{token}'. This provider serves: {string.Join(", ", _byToken.Keys.Order(StringComparer.Ordinal))}.");
}
