using System.Text.Json.Nodes;
using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

public sealed class PagingAndFilterTests
{
    private const int UserCount = 260;

    [Fact]
    public async Task Paging_over_260_users_returns_each_once_in_creation_order_with_correct_counts()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var created = new List<string>();
        for (var i = 0; i < UserCount; i++)
        {
            created.Add((await emulator.CreateUserAsync($"user{i:D3}@example.com")).Str("id"));
        }

        var seen = new List<string>();
        for (var startIndex = 1; ; startIndex += 100)
        {
            var page = await List(emulator, $"/api/scim/v2/Users?startIndex={startIndex}&count=100");
            var resources = page["Resources"]!.AsArray();
            Assert.Equal(UserCount, (int)page["totalResults"]!);
            Assert.Equal(startIndex, (int)page["startIndex"]!);
            Assert.Equal(resources.Count, (int)page["itemsPerPage"]!);
            Assert.Equal("""["urn:ietf:params:scim:api:messages:2.0:ListResponse"]""", page["schemas"]!.ToJsonString());
            seen.AddRange(resources.Select(r => r.Str("id")));
            if (startIndex + resources.Count > UserCount)
            {
                Assert.Equal(60, resources.Count);
                break;
            }
        }

        Assert.Equal(created, seen);

        var defaultPage = await List(emulator, "/api/scim/v2/users");
        Assert.Equal(100, defaultPage["Resources"]!.AsArray().Count);
        var offset = await List(emulator, "/api/scim/v2/users?startIndex=251&count=5");
        Assert.Equal(created.Skip(250).Take(5), offset["Resources"]!.AsArray().Select(r => r.Str("id")));
    }

    [Theory]
    [InlineData("startIndex=0&count=2", 1, 2)]
    [InlineData("startIndex=-7&count=2", 1, 2)]
    [InlineData("startIndex=2&count=-5", 2, 0)]
    [InlineData("startIndex=2&count=0", 2, 0)]
    [InlineData("startIndex=4&count=10", 4, 0)]
    [InlineData("startIndex=2.9&count=1.5", 2, 1)]
    public async Task Out_of_range_paging_values_are_clamped_the_SCIM_way(string query, int startIndex, int items)
    {
        await using var emulator = await TestEmulator.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await emulator.CreateUserAsync($"p{i}@example.com");
        }

        var page = await List(emulator, $"/api/scim/v2/users?{query}");
        Assert.Equal(startIndex, (int)page["startIndex"]!);
        Assert.Equal(items, page["Resources"]!.AsArray().Count);
        Assert.Equal(items, (int)page["itemsPerPage"]!);
        Assert.Equal(3, (int)page["totalResults"]!);
    }

    [Theory]
    [InlineData("count=ten", "count")]
    [InlineData("startIndex=1e2", "startIndex")]
    public async Task Non_numeric_paging_values_are_400_naming_the_parameter(string query, string parameter)
    {
        await using var emulator = await TestEmulator.StartAsync();
        Assert.StartsWith(parameter, await Responses.ExpectErrorAsync(await emulator.GetAsync($"/api/scim/v2/users?{query}"), 400),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("userName eq \"Mixed.Case@Example.com\"")]
    [InlineData("userName eq \"mixed.case@example.com\"")]
    [InlineData("USERNAME EQ \"MIXED.CASE@EXAMPLE.COM\"")]
    [InlineData("  userName   eq   \"mixed.case@example.COM\"  ")]
    public async Task The_userName_filter_matches_case_insensitively(string filter)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateUserAsync("other@example.com");
        var id = (await emulator.CreateUserAsync("Mixed.Case@Example.com")).Str("id");

        var page = await List(emulator, "/api/scim/v2/users?filter=" + Uri.EscapeDataString(filter));
        Assert.Equal(1, (int)page["totalResults"]!);
        Assert.Equal(id, page["Resources"]![0].Str("id"));
        Assert.Equal("Mixed.Case@Example.com", page["Resources"]![0].Str("userName"));
    }

    [Fact]
    public async Task A_filter_that_matches_nobody_is_an_empty_page()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateUserAsync("someone@example.com");
        var page = await List(emulator, "/api/scim/v2/users?filter=" + Uri.EscapeDataString("userName eq \"nobody@example.com\""));
        Assert.Equal(0, (int)page["totalResults"]!);
        Assert.Empty(page["Resources"]!.AsArray());
    }

    [Theory]
    [InlineData("userName co \"example\"")]
    [InlineData("displayName eq \"x\"")]
    [InlineData("userName eq x@example.com")]
    [InlineData("userName eq \"a\" and active eq true")]
    [InlineData("userName eq \"bad \\q escape\"")]
    public async Task An_unsupported_filter_is_400_with_a_message_naming_the_supported_form(string filter)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var message = await Responses.ExpectErrorAsync(
            await emulator.GetAsync("/api/scim/v2/users?filter=" + Uri.EscapeDataString(filter)), 400);
        Assert.StartsWith("filter:", message, StringComparison.Ordinal);
    }

    private static async Task<JsonObject> List(TestEmulator emulator, string path) =>
        await Responses.ExpectAsync(await emulator.GetAsync(path), 200);
}
