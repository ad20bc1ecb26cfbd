using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>
/// Values nested as deep as the engine can pass on (Go's protobuf limit, 10 000 message levels) reach Check and
/// get a failure naming the attribute; the JS client of the conformance suite cannot build values this deep.
/// </summary>
public class DeepValueTests : HarnessTest
{
    /// <summary>Alternating list and object levels: 2 and 3 protobuf messages each, so 3300 levels are ~8 250 messages.</summary>
    private static Value Nested(int depth)
    {
        var value = Value.ForString("leaf");
        for (var i = 0; i < depth; i++)
        {
            value = i % 2 == 0
                ? Value.ForList(value)
                : Value.ForStruct(new Struct { Fields = { ["k"] = value } });
        }

        return value;
    }

    [Theory]
    [InlineData(40)]
    [InlineData(3300)]
    public async Task An_attribute_nested_deeper_than_omni_stores_is_a_check_failure_naming_it(int depth)
    {
        await H.ConfigureAsync();
        var news = ProviderHarness.UserInputs("deep@example.com");
        news.Fields["attributes"] = Value.ForStruct(new Struct { Fields = { ["region"] = Nested(depth) } });

        var response = await H.Client.CheckAsync(new CheckRequest { Urn = ProviderHarness.Urn("deep"), Type = ProviderHarness.UserType, News = news, Olds = new Struct() });

        Assert.Contains(response.Failures, f => f.Property == "attributes.region");
    }

    [Fact]
    public async Task A_message_past_the_engines_own_limit_is_refused_as_invalid_not_a_crash()
    {
        await H.ConfigureAsync();
        var news = ProviderHarness.UserInputs("deeper@example.com");
        news.Fields["attributes"] = Value.ForStruct(new Struct { Fields = { ["region"] = Nested(4500) } });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            H.Client.CheckAsync(new CheckRequest { Urn = ProviderHarness.Urn("deeper"), Type = ProviderHarness.UserType, News = news, Olds = new Struct() }).ResponseAsync);

        Assert.NotEqual(StatusCode.Unavailable, error.StatusCode); // the plugin is still serving
        var after = await H.Client.GetPluginInfoAsync(new Empty());
        Assert.False(string.IsNullOrEmpty(after.Version));
    }
}
