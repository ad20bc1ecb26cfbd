using Omni.Emulator.Storage;
using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

public sealed class CatalogSeedTests
{
    [Fact]
    public void The_seed_flags_add_connections_and_models_replace_custom_roles_or_start_empty()
    {
        var options = EmulatorOptions.Parse([
            "--seed-connection", "Lake=snowflake", "--seed-shared-model", "Finance@Lake", "--seed-shared-model", "Ops",
            "--custom-role", "Viewer No Download=viewer",
        ]);
        Assert.Equal([SeedConnection.Default, new SeedConnection("Lake", "snowflake")], options.SeedConnections);
        Assert.Equal([SeedSharedModel.Default, new SeedSharedModel("Finance", "Lake"), new SeedSharedModel("Ops")], options.SeedSharedModels);
        Assert.Equal("VIEWER", Assert.Single(options.CustomModelRoles).Value);

        var empty = EmulatorOptions.Parse(["--no-seed"]);
        Assert.Empty(empty.SeedConnections);
        Assert.Empty(empty.SeedSharedModels);
        Assert.Equal("QUERIER", empty.CustomModelRoles["ANALYST"]);
    }

    [Theory]
    [InlineData("--seed-connection", "X=nosql", "--seed-connection")]
    [InlineData("--seed-shared-model", "M@Nowhere", "Nowhere")]
    [InlineData("--custom-role", "VIEWER=QUERIER", "--custom-role")]
    [InlineData("--custom-role", "Mine=OWNER", "base role must be one of")]
    public void Bad_seed_flags_are_refused_naming_the_flag(string flag, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => EmulatorOptions.Parse([flag, value]));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeding_a_used_data_folder_adds_only_what_is_missing_and_reset_restores_the_seed()
    {
        var folder = Directory.CreateTempSubdirectory("omni-emulator-seed-");
        try
        {
            EmulatorOptions Options(params SeedConnection[] extra) => new()
            {
                Urls = "http://127.0.0.1:0", DataDirectory = folder.FullName, ApiKey = TestEmulator.Key, RequestsPerMinute = 0,
                SeedConnections = [SeedConnection.Default, .. extra],
            };

            await using (var first = await EmulatorServer.StartAsync(Options()))
            {
                using var client = new HttpClient { BaseAddress = first.BaseUrl };
                client.DefaultRequestHeaders.Authorization = new("Bearer", TestEmulator.Key);
                await Responses.ExpectAsync(await client.PatchAsync(new Uri($"/api/v1/connections/{CatalogSeed.ConnectionId("Emulator Warehouse")}", UriKind.Relative),
                    new StringContent("""{"baseRole": "MODELER"}""")), 200);
            }

            await using var second = await EmulatorServer.StartAsync(Options(new SeedConnection("Second", "mysql")));
            using var http = new HttpClient { BaseAddress = second.BaseUrl };
            http.DefaultRequestHeaders.Authorization = new("Bearer", TestEmulator.Key);
            var emulator = new TestEmulatorClient(http);
            var connections = (await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/connections"), 200))["connections"]!.AsArray();
            Assert.Equal(["Emulator Warehouse", "Second"], connections.Select(c => c.Str("name")));
            Assert.Equal("MODELER", connections[0].Str("baseRole")); // the change made before the restart is kept
            Assert.Equal(3, (await emulator.ModelsAsync()).Count); // the two seeded models and the new connection's SCHEMA model

            await emulator.CreateConnectionAsync("Temporary");
            using (var reset = await http.PostAsync(new Uri("/__emulator/reset", UriKind.Relative), null))
            {
                Assert.Equal(System.Net.HttpStatusCode.NoContent, reset.StatusCode);
            }

            connections = (await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/connections"), 200))["connections"]!.AsArray();
            Assert.Equal(["Emulator Warehouse", "Second"], connections.Select(c => c.Str("name")));
            Assert.Equal("QUERIER", connections[0].Str("baseRole"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
