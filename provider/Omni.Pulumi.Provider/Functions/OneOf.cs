using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Functions;

/// <summary>The rule of lookups by one of several keys (id or userName, id or displayName): exactly one, not blank.</summary>
internal static class OneOf
{
    public static IReadOnlyList<CheckFailure> Check(string function, params (string Name, string? Value)[] args)
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
