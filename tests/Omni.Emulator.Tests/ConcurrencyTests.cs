using System.Globalization;
using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

public sealed class ConcurrencyTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Fifty_concurrent_creates_of_one_email_give_exactly_one_201_and_49_409s(bool inMemory)
    {
        var folder = Directory.CreateTempSubdirectory("omni-emulator-concurrency-");
        try
        {
            await using var emulator = await TestEmulator.StartAsync(o => o with { InMemory = inMemory, DataDirectory = folder.FullName });
            // Each request spells the email differently; uniqueness is case-insensitive.
            var creates = Enumerable.Range(0, 50).Select(async i =>
            {
                var email = i % 2 == 0 ? "race@example.com" : "RACE@Example.COM";
                using var response = await emulator.PostAsync("/api/scim/v2/users",
                    $$"""{"userName": "{{email}}", "displayName": "Racer {{i.ToString(CultureInfo.InvariantCulture)}}"}""");
                return (int)response.StatusCode;
            });

            var statuses = await Task.WhenAll(creates);

            Assert.Equal(1, statuses.Count(s => s == 201));
            Assert.Equal(49, statuses.Count(s => s == 409));
            var list = await Responses.ExpectAsync(await emulator.GetAsync("/api/scim/v2/users"), 200);
            Assert.Equal(1, (int)list["totalResults"]!);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Concurrent_patches_of_different_attributes_all_land()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (await emulator.CreateUserAsync("patched.together@example.com")).Str("id");
        var patches = new[] { ("region", "emea"), ("department", "Ops"), ("level", "4"), ("good_blob", "yes") }.Select(async change =>
        {
            using var response = await emulator.PatchAsync($"/api/scim/v2/users/{id}", UserEndpointTests.Patch(
                $$"""{"op": "replace", "value": {"urn:omni:params:1.0:UserAttribute": {"{{change.Item1}}": "{{change.Item2}}"} } }"""));
            await Responses.ExpectAsync(response, 200);
        });
        await Task.WhenAll(patches);

        var user = await Responses.ExpectAsync(await emulator.GetAsync($"/api/scim/v2/users/{id}"), 200);
        Assert.Equal(4, user["urn:omni:params:1.0:UserAttribute"]!.AsObject().Count);
    }
}
