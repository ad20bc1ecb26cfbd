using Omni.Emulator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Omni.Emulator.Tests;

/// <summary>Data survives a restart of the emulator process on the same data folder.</summary>
public sealed class PersistenceTests(ITestOutputHelper output)
{
    private const string Key = "persistence-key";

    [Fact]
    public async Task Users_and_groups_created_before_a_restart_of_the_process_are_still_there()
    {
        var folder = Directory.CreateTempSubdirectory("omni-emulator-data-");
        try
        {
            string userId, groupId;
            await using (var first = await EmulatorProcess.StartAsync(folder.FullName, Key, output, "--requests-per-minute", "0"))
            {
                userId = (await first.Emulator.CreateUserAsync("durable@example.com", "Durable", """{"region": "emea"}""")).Str("id");
                groupId = (await first.Emulator.CreateGroupAsync("Durable Group", userId)).Str("id");
                await first.StopGracefullyAsync();
            }

            Assert.True(File.Exists(Path.Combine(folder.FullName, "omni-emulator.db")));

            await using var second = await EmulatorProcess.StartAsync(folder.FullName, Key, output, "--requests-per-minute", "0");
            var user = await Responses.ExpectAsync(await second.Emulator.GetAsync($"/api/scim/v2/users/{userId}"), 200);
            Assert.Equal("durable@example.com", user.Str("userName"));
            Assert.Equal("""{"region":"emea"}""", user["urn:omni:params:1.0:UserAttribute"]!.ToJsonString());
            Assert.Equal(groupId, user["groups"]![0].Str("value"));
            Assert.Equal("User with this email already exists", await Responses.ExpectErrorAsync(
                await second.Emulator.PostAsync("/api/scim/v2/users", """{"userName": "DURABLE@example.com", "displayName": "Again"}"""), 409));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Data_also_survives_a_restart_of_the_in_process_server()
    {
        var folder = Directory.CreateTempSubdirectory("omni-emulator-data-");
        try
        {
            string id;
            await using (var first = await TestEmulator.StartAsync(o => o with { InMemory = false, DataDirectory = folder.FullName }))
            {
                id = (await first.CreateUserAsync("kept@example.com")).Str("id");
            }

            await using var second = await TestEmulator.StartAsync(o => o with { InMemory = false, DataDirectory = folder.FullName });
            await Responses.ExpectAsync(await second.GetAsync($"/api/scim/v2/users/{id}"), 200);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task In_memory_data_does_not_outlive_the_server()
    {
        string id;
        await using (var first = await TestEmulator.StartAsync())
        {
            id = (await first.CreateUserAsync("fleeting@example.com")).Str("id");
        }

        await using var second = await TestEmulator.StartAsync();
        await Responses.ExpectErrorAsync(await second.GetAsync($"/api/scim/v2/users/{id}"), 404);
    }
}
