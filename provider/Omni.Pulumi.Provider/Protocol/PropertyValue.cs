using System.Collections.Immutable;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>
/// A Pulumi property value, independent of protobuf: what the engine means by a field of a
/// <c>google.protobuf.Struct</c> once its signature objects and sentinel strings are decoded.
/// </summary>
internal abstract record PropertyValue
{
    public static readonly PropertyValue Null = new NullValue();

    /// <summary>True when this value, or anything inside it, is not known yet (preview).</summary>
    public abstract bool ContainsUnknowns { get; }

    /// <summary>True when this value, or anything inside it, is secret.</summary>
    public abstract bool ContainsSecrets { get; }
}

internal sealed record NullValue : PropertyValue
{
    public override bool ContainsUnknowns => false;
    public override bool ContainsSecrets => false;
}

internal sealed record BoolValue(bool Value) : PropertyValue
{
    public override bool ContainsUnknowns => false;
    public override bool ContainsSecrets => false;
}

/// <summary>Numbers are doubles on the wire, whatever the schema type says.</summary>
internal sealed record NumberValue(double Value) : PropertyValue
{
    public override bool ContainsUnknowns => false;
    public override bool ContainsSecrets => false;
}

internal sealed record StringValue(string Value) : PropertyValue
{
    public override bool ContainsUnknowns => false;
    public override bool ContainsSecrets => false;
}

internal sealed record ArrayValue(ImmutableArray<PropertyValue> Items) : PropertyValue
{
    public override bool ContainsUnknowns => Items.Any(i => i.ContainsUnknowns);
    public override bool ContainsSecrets => Items.Any(i => i.ContainsSecrets);

    public bool Equals(ArrayValue? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Length;
}

/// <summary>An object; keys are kept sorted so that equal objects encode to equal bytes.</summary>
internal sealed record ObjectValue(ImmutableSortedDictionary<string, PropertyValue> Properties) : PropertyValue
{
    public static readonly ObjectValue Empty = new(ImmutableSortedDictionary<string, PropertyValue>.Empty.WithComparers(StringComparer.Ordinal));

    public override bool ContainsUnknowns => Properties.Values.Any(v => v.ContainsUnknowns);
    public override bool ContainsSecrets => Properties.Values.Any(v => v.ContainsSecrets);

    public PropertyValue? this[string key] => Properties.TryGetValue(key, out var value) ? value : null;

    public ObjectValue With(string key, PropertyValue value) => new(Properties.SetItem(key, value));

    public static ObjectValue From(IEnumerable<KeyValuePair<string, PropertyValue>> properties) =>
        new(properties.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    public bool Equals(ObjectValue? other) =>
        other is not null
        && Properties.Count == other.Properties.Count
        && Properties.All(p => other.Properties.TryGetValue(p.Key, out var v) && p.Value.Equals(v));

    public override int GetHashCode() => Properties.Count;
}

/// <summary>A value the engine must keep encrypted in state and masked in output.</summary>
internal sealed record SecretValue(PropertyValue Value) : PropertyValue
{
    public override bool ContainsUnknowns => Value.ContainsUnknowns;
    public override bool ContainsSecrets => true;
}

/// <summary>The seven kinds of "not known until apply" the engine encodes as sentinel strings.</summary>
internal enum UnknownKind { Any, Bool, Number, Array, Asset, Archive, Object }

internal sealed record UnknownValue(UnknownKind Kind = UnknownKind.Any) : PropertyValue
{
    public override bool ContainsUnknowns => true;
    public override bool ContainsSecrets => false;
}

/// <summary>
/// An output value: a value (absent = unknown) with its secretness and the URNs it came from.
/// Sent only to providers that accept outputs; decoded anyway so that nothing is lost.
/// </summary>
internal sealed record OutputValue(PropertyValue? Value, bool IsSecret, ImmutableArray<string> Dependencies) : PropertyValue
{
    public override bool ContainsUnknowns => Value is null || Value.ContainsUnknowns;
    public override bool ContainsSecrets => IsSecret || (Value?.ContainsSecrets ?? false);

    public bool Equals(OutputValue? other) =>
        other is not null && Equals(Value, other.Value) && IsSecret == other.IsSecret
        && Dependencies.SequenceEqual(other.Dependencies);

    public override int GetHashCode() => HashCode.Combine(Value, IsSecret);
}

/// <summary>A reference to another resource by URN (and id, for custom resources), with the
/// optional name and type newer engines add.</summary>
internal sealed record ResourceReferenceValue(string Urn, PropertyValue? Id, string? PackageVersion, string? Name = null, string? Type = null) : PropertyValue
{
    public override bool ContainsUnknowns => Id?.ContainsUnknowns ?? false;
    public override bool ContainsSecrets => false;
}

/// <summary>
/// An asset, archive or other signature object this provider has no use for, kept field for field
/// so that it round-trips unchanged.
/// </summary>
internal sealed record OpaqueSignedValue(string Signature, ObjectValue Fields) : PropertyValue
{
    public override bool ContainsUnknowns => Fields.ContainsUnknowns;
    public override bool ContainsSecrets => Fields.ContainsSecrets;
}
