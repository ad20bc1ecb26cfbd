using System.Linq.Expressions;
using System.Reflection;

namespace Omni.Pulumi.Provider.Resources;

/// <summary>One failure of an input, named by its path (<c>userName</c>, <c>memberIds[2]</c>,
/// <c>attributes.region</c>) with a reason that says how to fix it.</summary>
internal sealed record CheckFailure(string Property, string Reason);

/// <summary>
/// A typed value bound from the engine, with what the type cannot say: which paths were unknown
/// (only in preview), which top-level properties were secret (their values are never echoed), and what
/// did not fit the type. Resources ask about a property by selecting it (<c>IsSecret(a =&gt; a.UserName)</c>),
/// never by its engine name.
/// </summary>
internal sealed record Bound<T>(T Value, IReadOnlySet<string> Unknowns, IReadOnlySet<string> SecretProperties, IReadOnlyList<CheckFailure> Failures)
{
    public bool IsUnknown<TValue>(Expression<Func<T, TValue>> property) => Unknowns.Contains(Property.NameOf(property));

    /// <summary>Whether the entry <paramref name="key"/> of a map property is unknown.</summary>
    public bool IsUnknown<TValue>(Expression<Func<T, TValue>> map, string key) => Unknowns.Contains(PathOf(map, key));

    public bool IsSecret<TValue>(Expression<Func<T, TValue>> property) => SecretProperties.Contains(Property.NameOf(property));

    /// <summary>The keys of a map property whose values are unknown (they are not in <see cref="Value"/>).</summary>
    public IEnumerable<string> UnknownKeys<TValue>(Expression<Func<T, TValue>> map) => PropertyPath.ChildKeys(Property.NameOf(map), Unknowns);

    /// <summary>The engine's name of a property (for failures and messages).</summary>
    public string NameOf<TValue>(Expression<Func<T, TValue>> property) => Property.NameOf(property);

    /// <summary>The path of a map entry, e.g. <c>attributes.region</c> or <c>attributes["cost-center"]</c>.</summary>
    public string PathOf<TValue>(Expression<Func<T, TValue>> map, string key) => PropertyPath.Child(Property.NameOf(map), key);

    /// <summary>The path of a list item, e.g. <c>memberIds[2]</c>.</summary>
    public string PathOf<TValue>(Expression<Func<T, TValue>> list, int index) => PropertyPath.Index(Property.NameOf(list), index);

    public CheckFailure Fail<TValue>(Expression<Func<T, TValue>> property, string reason) => new(Property.NameOf(property), reason);
}

/// <summary>Property names by selection, from the <see cref="PulumiPropertyAttribute"/> of the selected member.</summary>
internal static class Property
{
    public static string NameOf<T, TValue>(Expression<Func<T, TValue>> property)
    {
        // A value-typed property selected as object arrives wrapped in a conversion.
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } conversion
            ? conversion.Operand
            : property.Body;
        // The generated metadata first (no reflection); the attribute itself for a member it does not know.
        return body is MemberExpression { Member: var member }
               && (Protocol.PulumiProperties.EngineNameOf(typeof(T), member.Name)
                   ?? (member.DeclaringType is { } declaring ? Protocol.PulumiProperties.EngineNameOf(declaring, member.Name) : null)
                   ?? member.GetCustomAttribute<PulumiPropertyAttribute>(inherit: true)?.Name) is { } name
            ? name
            : throw new ArgumentException($"'{property}' must select one [PulumiProperty] property of {typeof(T).Name}, e.g. x => x.DisplayName.", nameof(property));
    }

    /// <summary>The names of several properties, e.g. the outputs a preview cannot know yet.</summary>
    public static IReadOnlySet<string> Names<T>(params Expression<Func<T, object?>>[] properties) =>
        properties.Select(NameOf).ToHashSet(StringComparer.Ordinal);
}
