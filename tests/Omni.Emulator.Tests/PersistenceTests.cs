using System.Diagnostics;
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
            await using (var first = await EmulatorProcess.StartAsync(folder.FullName, Key, output))
            {
                userId = (await first.Emulator.CreateUserAsync("durable@example.com", "Durable", """{"region": "emea"}""")).Str("id");
                groupId = (await first.Emulator.CreateGroupAsync("Durable Group", userId)).Str("id");
                await first.StopGracefullyAsync();
            }

            Assert.True(File.Exists(Path.Combine(folder.FullName, "omni-emulator.db")));

            await using var second = await EmulatorProcess.StartAsync(folder.FullName, Key, output);
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

    /// <summary>The built omni-emulator.dll run with `dotnet`, as a user would run it.</summary>
    private sealed class EmulatorProcess : IAsyncDisposable
    {
        private const string ListeningPrefix = "Omni emulator listening on ";
        private readonly Process process;
        private readonly HttpClient client;

        private EmulatorProcess(Process process, HttpClient client, TestEmulatorClient emulator)
        {
            this.process = process;
            this.client = client;
            Emulator = emulator;
        }

        public TestEmulatorClient Emulator { get; }

        public static async Task<EmulatorProcess> StartAsync(string dataFolder, string key, ITestOutputHelper output)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "omni-emulator.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: the project reference should copy it beside the tests.");
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { dll, "--urls", "http://127.0.0.1:0", "--data", dataFolder, "--api-key", key, "--requests-per-minute", "0" })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    output.WriteLine($"[emulator stderr] {e.Data}");
                }
            };
            process.BeginErrorReadLine();

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
            {
                output.WriteLine($"[emulator stdout] {line}");
            }

            if (line is null)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("The emulator exited before printing its base URL.");
            }

            var client = new HttpClient { BaseAddress = new Uri(line[ListeningPrefix.Length..]) };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            return new EmulatorProcess(process, client, new TestEmulatorClient(client));
        }

        /// <summary>Sends SIGINT, as Ctrl+C does, and expects a clean exit; where signals are unavailable it kills.</summary>
        public async Task StopGracefullyAsync()
        {
            if (OperatingSystem.IsWindows())
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return;
            }

            using (var signal = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await signal.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
        }

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
