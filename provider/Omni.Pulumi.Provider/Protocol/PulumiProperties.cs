using System.Collections.Frozen;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>A record property together with its Pulumi attribute, its value's shape and its accessors.</summary>
/// <remarks>Written at compile time by Omni.Pulumi.Provider.Generators for every [PulumiProperty]
/// property: no reflection, so it works the same in a NativeAOT, trimmed build.</remarks>
internal sealed class PulumiPropertyInfo(
    string clrName,
    PulumiPropertyAttribute attribute,
    PulumiShape shape,
    Func<object, object?> getter,
    Action<object, object?> setter)
{
    public string Name => Attribute.Name;

    /// <summary>The C# property's name (UserName for userName).</summary>
    public string ClrName { get; } = clrName;

    public PulumiPropertyAttribute Attribute { get; } = attribute;

    /// <summary>What the value is (scalar, list, map, record), with its CLR type.</summary>
    public PulumiShape Shape { get; } = shape;

    /// <summary>The property's CLR type (e.g. <c>IReadOnlyList&lt;string&gt;</c>).</summary>
    public Type Type => Shape.Type;

    public object? GetValue(object record) => getter(record);

    /// <summary>Sets the property in place, init-only setters included: the binder fills a record it has just created.</summary>
    public void SetValue(object record, object? value) => setter(record, value);
}

/// <summary>A record with [PulumiProperty] properties: how to create it and its properties in name order.</summary>
/// <param name="Create">Null when the type has no parameterless constructor (it can be written, not bound).</param>
/// <param name="TypeAttribute">Its [PulumiType], when it is a named object type of the schema.</param>
internal sealed record PulumiRecordInfo(
    Type Type,
    Func<object>? Create,
    PulumiTypeAttribute? TypeAttribute,
    IReadOnlyList<PulumiPropertyInfo> Properties);

/// <summary>The [PulumiProperty] metadata of every record, shared by the binder and the schema generator.</summary>
internal static partial class PulumiProperties
{
    // Immutable after the type initializer: the generated records, keyed by their type.
    private static readonly FrozenDictionary<Type, PulumiRecordInfo> Records = GeneratedRecords().ToFrozenDictionary(r => r.Type);

    /// <summary>The record's properties in name order; none for a type without [PulumiProperty] properties.</summary>
    public static IReadOnlyList<PulumiPropertyInfo> Of(Type type) => RecordOf(type)?.Properties ?? [];

    public static PulumiRecordInfo? RecordOf(Type type) => Records.GetValueOrDefault(type);

    public static bool IsPulumiObject(Type type) => Records.ContainsKey(type);

    // The engine's name of each record property by (record type, C# name), inherited properties under the
    // derived record too. Resources name properties by selecting them (Bound<T>.IsSecret(a => a.UserName)) on
    // every call; this answers without reading the attribute again (reflection costs most in NativeAOT).
    private static readonly FrozenDictionary<(Type Type, string ClrName), string> EngineNames =
        Records.Values.SelectMany(r => r.Properties.Select(p => KeyValuePair.Create((r.Type, p.ClrName), p.Name))).ToFrozenDictionary();

    /// <summary>The engine's name of <paramref name="type"/>'s property <paramref name="clrName"/>; null when it has no [PulumiProperty].</summary>
    public static string? EngineNameOf(Type type, string clrName) => EngineNames.GetValueOrDefault((type, clrName));

    /// <summary>Written by Omni.Pulumi.Provider.Generators (PulumiProperties.g.cs).</summary>
    private static partial IEnumerable<PulumiRecordInfo> GeneratedRecords();
}
