using System.Collections.Concurrent;
using System.Reflection;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>A record property together with its Pulumi attribute.</summary>
/// <remarks>Callers use <see cref="Type"/>, <see cref="GetValue"/> and <see cref="SetValue"/>, never the
/// <see cref="PropertyInfo"/> itself: the reflection behind them is to be replaced by code generated at
/// compile time (NativeAOT), and this is the seam.</remarks>
internal sealed record PulumiPropertyInfo(PropertyInfo Property, PulumiPropertyAttribute Attribute)
{
    public string Name => Attribute.Name;

    /// <summary>The property's CLR type (e.g. <c>IReadOnlyList&lt;string&gt;</c>).</summary>
    public Type Type => Property.PropertyType;

    public object? GetValue(object record) => Property.GetValue(record);

    public void SetValue(object record, object? value) => Property.SetValue(record, value);
}

/// <summary>Reflection over <see cref="PulumiPropertyAttribute"/>s, shared by the binder and the schema generator.</summary>
internal static class PulumiProperties
{
    // A cache of immutable reflection results keyed by type; it never changes what a call returns.
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<PulumiPropertyInfo>> Cache = new();

    public static IReadOnlyList<PulumiPropertyInfo> Of(Type type) => Cache.GetOrAdd(type, static t =>
        [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<PulumiPropertyAttribute>(inherit: true)))
            .Where(p => p.Attribute is not null)
            .Select(p => new PulumiPropertyInfo(p.Property, p.Attribute!))
            .OrderBy(p => p.Attribute.Name, StringComparer.Ordinal)]);

    public static bool IsPulumiObject(Type type) => type.IsClass && type != typeof(string) && Of(type).Count > 0;
}
