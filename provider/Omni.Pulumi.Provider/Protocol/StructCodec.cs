using System.Collections.Immutable;
using Google.Protobuf.WellKnownTypes;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>
/// The one translation between <c>google.protobuf.Struct</c> and <see cref="PropertyValue"/>:
/// signature objects (secrets, outputs, resource references) and unknown sentinels are decoded
/// here and nowhere else.
/// </summary>
internal static class StructCodec
{
    public static ObjectValue Decode(Struct? wire) =>
        wire is null ? ObjectValue.Empty : ObjectValue.From(wire.Fields.Select(f => KeyValuePair.Create(f.Key, Decode(f.Value))));

    public static PropertyValue Decode(Value? wire) => wire?.KindCase switch
    {
        null or Value.KindOneofCase.None or Value.KindOneofCase.NullValue => PropertyValue.Null,
        Value.KindOneofCase.BoolValue => new BoolValue(wire.BoolValue),
        Value.KindOneofCase.NumberValue => new NumberValue(wire.NumberValue),
        Value.KindOneofCase.StringValue => WireSignatures.TryParseUnknown(wire.StringValue, out var kind)
            ? new UnknownValue(kind)
            : new StringValue(wire.StringValue),
        Value.KindOneofCase.ListValue => new ArrayValue([.. wire.ListValue.Values.Select(Decode)]),
        Value.KindOneofCase.StructValue => DecodeObject(wire.StructValue),
        _ => throw new ArgumentException($"Unsupported protobuf value kind {wire.KindCase}.", nameof(wire)),
    };

    private static PropertyValue DecodeObject(Struct wire)
    {
        if (!wire.Fields.TryGetValue(WireSignatures.Key, out var sig) || sig.KindCase != Value.KindOneofCase.StringValue)
        {
            return Decode(wire);
        }

        var fields = wire.Fields;
        return sig.StringValue switch
        {
            WireSignatures.Secret => new SecretValue(Decode(fields.GetValueOrDefault("value"))),
            WireSignatures.Output => new OutputValue(
                fields.TryGetValue("value", out var value) ? Decode(value) : null,
                fields.TryGetValue("secret", out var secret) && secret.KindCase == Value.KindOneofCase.BoolValue && secret.BoolValue,
                fields.TryGetValue("dependencies", out var deps) && deps.KindCase == Value.KindOneofCase.ListValue
                    ? [.. deps.ListValue.Values.Select(d => d.StringValue)]
                    : []),
            WireSignatures.ResourceReference => new ResourceReferenceValue(
                fields.GetValueOrDefault("urn")?.StringValue ?? "",
                fields.TryGetValue("id", out var id) ? Decode(id) : null,
                OptionalString(fields, "packageVersion"),
                OptionalString(fields, "name"),
                OptionalString(fields, "type")),
            _ => new OpaqueSignedValue(sig.StringValue, ObjectValue.From(
                fields.Where(f => f.Key != WireSignatures.Key).Select(f => KeyValuePair.Create(f.Key, Decode(f.Value))))),
        };
    }

    public static Struct Encode(ObjectValue value)
    {
        var wire = new Struct();
        foreach (var (key, property) in value.Properties)
        {
            wire.Fields[key] = Encode(property);
        }

        return wire;
    }

    public static Value Encode(PropertyValue value) => value switch
    {
        NullValue => Value.ForNull(),
        BoolValue b => Value.ForBool(b.Value),
        NumberValue n => Value.ForNumber(n.Value),
        StringValue s => Value.ForString(s.Value),
        UnknownValue u => Value.ForString(WireSignatures.SentinelOf(u.Kind)),
        ArrayValue a => Value.ForList([.. a.Items.Select(Encode)]),
        ObjectValue o => Value.ForStruct(Encode(o)),
        SecretValue s => Signed(WireSignatures.Secret, ("value", Encode(s.Value))),
        OutputValue o => Signed(WireSignatures.Output,
            o.Value is null ? default : ("value", Encode(o.Value)),
            o.IsSecret ? ("secret", Value.ForBool(true)) : default,
            o.Dependencies.IsEmpty ? default : ("dependencies", Value.ForList([.. o.Dependencies.Select(Value.ForString)]))),
        ResourceReferenceValue r => Signed(WireSignatures.ResourceReference,
            ("urn", Value.ForString(r.Urn)),
            r.Id is null ? default : ("id", Encode(r.Id)),
            r.PackageVersion is null ? default : ("packageVersion", Value.ForString(r.PackageVersion)),
            r.Name is null ? default : ("name", Value.ForString(r.Name)),
            r.Type is null ? default : ("type", Value.ForString(r.Type))),
        OpaqueSignedValue o => Signed(o.Signature, [.. o.Fields.Properties.Select(f => (f.Key, Encode(f.Value)))]),
        _ => throw new ArgumentException($"Unsupported property value {value.GetType().Name}.", nameof(value)),
    };

    private static string? OptionalString(Google.Protobuf.Collections.MapField<string, Value> fields, string key) =>
        fields.TryGetValue(key, out var value) && value.KindCase == Value.KindOneofCase.StringValue ? value.StringValue : null;

    private static Value Signed(string signature, params (string Key, Value Value)[] fields)
    {
        var wire = new Struct { Fields = { [WireSignatures.Key] = Value.ForString(signature) } };
        foreach (var (key, field) in fields)
        {
            if (key is not null)
            {
                wire.Fields[key] = field;
            }
        }

        return Value.ForStruct(wire);
    }
}
