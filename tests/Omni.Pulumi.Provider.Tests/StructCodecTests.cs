using System.Collections.Immutable;
using Value = Google.Protobuf.WellKnownTypes.Value;
using Omni.Pulumi.Provider.Protocol;
using Omni.Pulumi.Provider.Tests.Harness;

namespace Omni.Pulumi.Provider.Tests;

public class StructCodecTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(2024)]
    [InlineData(777)]
    public void Random_values_with_secrets_and_unknowns_at_any_depth_round_trip(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var value = RandomObject(random, depth: 0);
            var wire = StructCodec.Encode(value);
            var decoded = StructCodec.Decode(wire);
            Assert.Equal(value, decoded);
            Assert.Equal(wire, StructCodec.Encode(decoded));
        }
    }

    [Fact]
    public void All_seven_unknown_sentinels_decode_as_unknown_of_their_kind()
    {
        var kinds = Wire.AllUnknowns.Select(s => StructCodec.Decode(Value.ForString(s))).ToList();
        Assert.All(kinds, k => Assert.IsType<UnknownValue>(k));
        Assert.Equal(7, kinds.Cast<UnknownValue>().Select(k => k.Kind).Distinct().Count());
        Assert.IsType<StringValue>(StructCodec.Decode(Value.ForString("04da6b54-80e4-46f7-96ec-b56ff0331ba8")));
    }

    [Fact]
    public void A_secret_is_encoded_as_the_engine_expects()
    {
        var wire = StructCodec.Encode(new SecretValue(new StringValue("s3cr3t")));
        Assert.Equal(Wire.SecretSig, wire.StructValue.Fields[Wire.Sig].StringValue);
        Assert.Equal("s3cr3t", wire.StructValue.Fields["value"].StringValue);
        Assert.Equal(new SecretValue(new StringValue("s3cr3t")), StructCodec.Decode(Wire.Secret("s3cr3t")));
    }

    [Fact]
    public void Output_values_decode_with_value_secretness_and_dependencies()
    {
        var known = Value.ForStruct(Wire.Struct((Wire.Sig, "d0e6a833031e9bbcd3f4e8bde6ca49a4"), ("value", "x"), ("secret", true),
            ("dependencies", new[] { "urn:a" })));
        var unknown = Value.ForStruct(Wire.Struct((Wire.Sig, "d0e6a833031e9bbcd3f4e8bde6ca49a4")));

        var decodedKnown = Assert.IsType<OutputValue>(StructCodec.Decode(known));
        Assert.Equal(new StringValue("x"), decodedKnown.Value);
        Assert.True(decodedKnown.IsSecret);
        Assert.Equal(["urn:a"], decodedKnown.Dependencies.ToArray());
        var decodedUnknown = Assert.IsType<OutputValue>(StructCodec.Decode(unknown));
        Assert.Null(decodedUnknown.Value);
        Assert.True(decodedUnknown.ContainsUnknowns);
    }

    [Fact]
    public void Resource_references_and_assets_survive_unchanged()
    {
        var reference = Value.ForStruct(Wire.Struct((Wire.Sig, "5cf8f73096256a8f31e491e813e4eb8e"), ("urn", "urn:pulumi:s::p::omni:index:User::a"),
            ("id", "abc"), ("packageVersion", "0.1.0"), ("name", "a"), ("type", "omni:index:User")));
        var asset = Value.ForStruct(Wire.Struct((Wire.Sig, "c44067f5952c0a294b673a41bacd8c17"), ("text", "hello"), ("hash", "h")));

        Assert.Equal(new ResourceReferenceValue("urn:pulumi:s::p::omni:index:User::a", new StringValue("abc"), "0.1.0", "a", "omni:index:User"), StructCodec.Decode(reference));
        Assert.Equal(reference, StructCodec.Encode(StructCodec.Decode(reference)));
        Assert.Equal(asset, StructCodec.Encode(StructCodec.Decode(asset)));
    }

    [Fact]
    public void Numbers_are_doubles_on_the_wire()
    {
        Assert.Equal(Value.KindOneofCase.NumberValue, StructCodec.Encode(new NumberValue(3)).KindCase);
        Assert.Equal(new NumberValue(3.5), StructCodec.Decode(Value.ForNumber(3.5)));
    }

    private static ObjectValue RandomObject(Random random, int depth)
    {
        var count = random.Next(0, depth == 0 ? 6 : 4);
        return ObjectValue.From(Enumerable.Range(0, count).Select(i => KeyValuePair.Create($"k{i}_{random.Next(100)}", RandomValue(random, depth + 1))));
    }

    private static PropertyValue RandomValue(Random random, int depth)
    {
        var leafOnly = depth > 4;
        return random.Next(leafOnly ? 6 : 11) switch
        {
            0 => PropertyValue.Null,
            1 => new BoolValue(random.Next(2) == 1),
            2 => new NumberValue(Math.Round(random.NextDouble() * 1000, random.Next(4)) - 500),
            3 => new StringValue(RandomString(random)),
            4 => new UnknownValue((UnknownKind)random.Next(7)),
            5 => new StringValue(""),
            6 => new ArrayValue([.. Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1))]),
            7 => RandomObject(random, depth),
            8 => new SecretValue(RandomValue(random, depth + 1)),
            9 => new OutputValue(random.Next(3) == 0 ? null : RandomValue(random, depth + 1), random.Next(2) == 1,
                [.. Enumerable.Range(0, random.Next(3)).Select(i => $"urn:pulumi:s::p::t::r{i}")]),
            _ => new ResourceReferenceValue($"urn:pulumi:s::p::omni:index:User::u{random.Next(10)}",
                random.Next(3) switch { 0 => null, 1 => new UnknownValue(), _ => new StringValue(Guid.NewGuid().ToString()) },
                random.Next(2) == 0 ? null : "0.1.0",
                random.Next(2) == 0 ? null : $"u{random.Next(10)}",
                random.Next(2) == 0 ? null : "omni:index:User"),
        };
    }

    private static string RandomString(Random random)
    {
        const string alphabet = "abcXYZ 09-_é@.\"\\";
        return new string([.. Enumerable.Range(0, random.Next(12)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }
}
