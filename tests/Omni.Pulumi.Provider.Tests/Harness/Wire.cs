using System.Collections;
using Google.Protobuf.WellKnownTypes;

namespace Omni.Pulumi.Provider.Tests.Harness;

/// <summary>
/// Builds and reads wire values by hand, independently of the provider's codec: what the engine
/// would send, spelled out.
/// </summary>
internal static class Wire
{
    public const string Sig = "4dabf18193072939515e22adb298388d";
    public const string SecretSig = "1b47061264138c4ac30d75fd1eb44270";
    public const string UnknownString = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    public const string UnknownBool = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";

    public static readonly string[] AllUnknowns =
    [
        UnknownString, UnknownBool, "3eeb2bf0-c639-47a8-9e75-3b44932eb421", "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
        "030794c1-ac77-496b-92df-f27374a8bd58", "e48ece36-62e2-4504-bad9-02848725956a", "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
    ];

    public static Struct Struct(params (string Key, object? Value)[] fields)
    {
        var s = new Struct();
        foreach (var (key, value) in fields)
        {
            s.Fields[key] = Value(value);
        }

        return s;
    }

    public static Value Value(object? value) => value switch
    {
        null => Google.Protobuf.WellKnownTypes.Value.ForNull(),
        Value v => v,
        Struct s => Google.Protobuf.WellKnownTypes.Value.ForStruct(s),
        string s => Google.Protobuf.WellKnownTypes.Value.ForString(s),
        bool b => Google.Protobuf.WellKnownTypes.Value.ForBool(b),
        int i => Google.Protobuf.WellKnownTypes.Value.ForNumber(i),
        double d => Google.Protobuf.WellKnownTypes.Value.ForNumber(d),
        IDictionary<string, object?> d => Google.Protobuf.WellKnownTypes.Value.ForStruct(Struct([.. d.Select(p => (p.Key, p.Value))])),
        IEnumerable e => Google.Protobuf.WellKnownTypes.Value.ForList([.. e.Cast<object?>().Select(Value)]),
        _ => throw new ArgumentException(value.GetType().Name),
    };

    public static Value Secret(object? value) => Google.Protobuf.WellKnownTypes.Value.ForStruct(Struct((Sig, SecretSig), ("value", value)));

    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) => entries.ToDictionary(e => e.Key, e => e.Value);

    public static bool IsSecret(Value value) =>
        value.StructValue is { } s && s.Fields.TryGetValue(Sig, out var sig) && sig.StringValue == SecretSig;

    public static Value Unwrap(Value value) => IsSecret(value) ? value.StructValue.Fields["value"] : value;

    public static string Text(Struct s, string key) => Unwrap(s.Fields[key]).StringValue;

    public static bool IsUnknown(Value value) => value.KindCase == Google.Protobuf.WellKnownTypes.Value.KindOneofCase.StringValue && AllUnknowns.Contains(value.StringValue);
}
