using System.Text.Json.Nodes;
using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

/// <summary>Maintenance faults with Retry-After, the --bool-attributes switch, and the input limits (issues 14 and 16).</summary>
public sealed class ResilienceFeatureTests
{
    private const string Attributes = "urn:omni:params:1.0:UserAttribute";

    [Fact]
    public async Task A_fault_rule_can_answer_503_with_retry_after_like_omnis_maintenance_window()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await Responses.ExpectAsync(await emulator.PostAsync("/__emulator/faults",
            """{"method": "POST", "path": "/api/scim/v2/users", "status": 503, "retryAfterSeconds": 30, "count": 1}"""), 201);

        var response = await emulator.PostAsync("/api/scim/v2/users", """{"userName": "m@example.com", "displayName": "M"}""");

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Retry_after_without_a_status_is_refused_naming_the_field()
    {
        await using var emulator = await TestEmulator.StartAsync();
        Assert.Contains("retryAfterSeconds", await Responses.ExpectErrorAsync(
            await emulator.PostAsync("/__emulator/faults", """{"latencyMs": 10, "retryAfterSeconds": 3}"""), 400), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "true", "false")]
    [InlineData(true, "yes", "no")]
    public async Task Booleans_are_stored_as_the_switch_says(bool yesNo, string forTrue, string forFalse)
    {
        await using var emulator = await TestEmulator.StartAsync(o => o with { BooleanAttributesAsYesNo = yesNo });

        var user = await Responses.ExpectAsync(await emulator.PostAsync("/api/scim/v2/users",
            $$$"""{"userName": "b{{{yesNo}}}@example.com", "displayName": "B", "{{{Attributes}}}": {"region": true, "department": false}}"""), 201);

        Assert.Equal(forTrue, user[Attributes]!["region"]!.GetValue<string>());
        Assert.Equal(forFalse, user[Attributes]!["department"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("--bool-attributes yes-no", true)]
    [InlineData("--bool-attributes true-false", false)]
    public void The_switch_parses(string args, bool expected) =>
        Assert.Equal(expected, EmulatorOptions.Parse(args.Split(' ')).BooleanAttributesAsYesNo);

    [Fact]
    public void A_bad_switch_value_names_the_flag() =>
        Assert.Contains("--bool-attributes", Assert.Throws<ArgumentException>(() => EmulatorOptions.Parse(["--bool-attributes", "maybe"])).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"userName": "nul\u0000x@example.com", "displayName": "A"}""", "userName")]
    [InlineData("""{"userName": "tab\tx@example.com", "displayName": "A"}""", "userName")]
    [InlineData("""{"userName": "a@example.com", "displayName": "Ada\u0000L"}""", "displayName")]
    [InlineData("""{"userName": "a@example.com", "displayName": "A", "urn:omni:params:1.0:UserAttribute": {"region": "us\u0000east"}}""", "region")]
    public async Task Nul_and_control_characters_are_refused_naming_the_field(string body, string field)
    {
        await using var emulator = await TestEmulator.StartAsync();
        Assert.Contains(field, await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/scim/v2/users", body), 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lengths_past_the_limits_are_refused_without_echoing_the_value()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var longName = new string('d', 256);
        var message = await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/scim/v2/users",
            new JsonObject { ["userName"] = "l@example.com", ["displayName"] = longName }.ToJsonString()), 400);

        Assert.Contains("at most 255", message, StringComparison.Ordinal);
        Assert.DoesNotContain(longName, message, StringComparison.Ordinal);
        await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/scim/v2/users",
            new JsonObject { ["userName"] = "l@example.com", ["displayName"] = "L", [Attributes] = new JsonObject { ["region"] = new string('r', 1025) } }.ToJsonString()), 400);
    }
}
