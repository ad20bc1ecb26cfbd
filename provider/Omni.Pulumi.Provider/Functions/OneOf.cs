using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Functions;

/// <summary>One way to look something up: the arg's name (from <see cref="Bound{T}.NameOf"/>), its value (null when not given) and the lookup.</summary>
internal sealed record LookupKey<TFound>(string Name, string? Value, Func<string, CancellationToken, Task<TFound?>> FindAsync)
    where TFound : class;

/// <summary>The rule of lookups by one of several keys (id or userName, id or displayName): exactly one, not
/// blank; then the lookup, and a not-found failure that names the key and never echoes a secret value.</summary>
internal static class OneOf
{
    public static async Task<FunctionResult<TResult>> FindAsync<TArgs, TFound, TResult>(
        FunctionRequest<TArgs> request,
        string function,
        string entity,
        IReadOnlyList<LookupKey<TFound>> keys,
        Func<TFound, TResult> toResult,
        string hint,
        CancellationToken cancellationToken)
        where TFound : class
        where TResult : class
    {
        if (Check(function, [.. keys.Select(k => (k.Name, k.Value))]) is { Count: > 0 } failures)
        {
            return FunctionResult<TResult>.Fail(failures);
        }

        var key = keys.First(k => k.Value is not null);
        if (await key.FindAsync(key.Value!, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return FunctionResult<TResult>.Of(toResult(found));
        }

        var value = request.Args.SecretProperties.Contains(key.Name) ? "(secret)" : $"'{key.Value}'";
        return FunctionResult<TResult>.Fail(key.Name,
            $"{function}: no {entity} with {key.Name} {value} exists in this Omni organisation. Check the {key.Name}{hint}.");
    }

    /// <summary>The one match of a lookup by a name Omni lets several objects share (getConnection, getModel): the match,
    /// none, or a failure that lists the ids to choose from, never one picked at random.</summary>
    internal static T? Single<T>(IReadOnlyList<T> matches, Func<T, string> id, string function, string entities, string name)
        where T : class =>
        matches.Count <= 1
            ? matches.FirstOrDefault()
            : throw new ProviderFailureException(FailureKind.InvalidInput,
                $"{function}: {matches.Count} {entities} are named '{name}' (ids {string.Join(", ", matches.Select(id))}); give 'id' instead of 'name' to pick one.");

    private static IReadOnlyList<CheckFailure> Check(string function, params (string Name, string? Value)[] args)
    {
        var names = string.Join(" or ", args.Select(a => $"'{a.Name}'"));
        var given = args.Where(a => a.Value is not null).ToList();
        return given.Count switch
        {
            0 => [new CheckFailure(args[0].Name, $"{function} needs one of {names}; none was given.")],
            > 1 => [new CheckFailure(given[^1].Name,
                $"{function} takes exactly one of {names}, but {string.Join(" and ", given.Select(g => $"'{g.Name}'"))} were given; remove all but one.")],
            _ when string.IsNullOrWhiteSpace(given[0].Value) => [new CheckFailure(given[0].Name, $"{function}: '{given[0].Name}' must not be empty.")],
            _ => [],
        };
    }
}
