using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Omni.Emulator;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;
using Xunit.Abstractions;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>The plugin started as the engine starts it: a process, the engine address as argument,
/// the port as the first stdout line.</summary>
public class BinaryStartupTests(ITestOutputHelper output)
{
    /// <summary>bin/pulumi-resource-omni from `make build` when present, else the apphost built beside the tests.</summary>
    private static string? FindBinary()
    {
        var candidates = new[]
        {
            Path.Combine(RepositoryPaths.Root, "bin", "pulumi-resource-omni"),
            Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "pulumi-resource-omni.exe" : "pulumi-resource-omni"),
        };
        return candidates.FirstOrDefault(File.Exists);
    }

    [SkippableFact]
    public async Task The_binary_prints_the_port_first_and_serves_the_engine()
    {
        var found = FindBinary();
        Skip.If(found is null, "No pulumi-resource-omni binary: run `make build`.");
        var binary = found!;

        output.WriteLine($"binary: {binary}");
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Urls = "http://127.0.0.1:0", InMemory = true, RequestsPerMinute = 0 });
        await using var engine = await FakeEngine.StartAsync();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { "--logtostderr", "-v=9", engine.Address },
        };
        start.Environment.Remove("OMNI_API_KEY");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotNull(firstLine);
            Assert.Matches("^[0-9]+$", firstLine);

            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{firstLine}");
            var client = new ResourceProvider.ResourceProviderClient(channel);
            Assert.Equal("0.1.0", (await client.GetPluginInfoAsync(new Empty())).Version);
            Assert.True((await client.HandshakeAsync(new ProviderHandshakeRequest { EngineAddress = engine.Address })).AcceptSecrets);
            await client.ConfigureAsync(new ConfigureRequest
            {
                Args = Wire.Struct(("baseUrl", emulator.BaseUrl.ToString()), ("apiKey", Wire.Secret(emulator.ApiKey)), ("requestsPerMinute", "0")),
            });
            var gone = await client.ReadAsync(new ReadRequest
            {
                Id = Guid.NewGuid().ToString(), Urn = ProviderHarness.Urn("ghost"), Type = ProviderHarness.UserType,
                Properties = ProviderHarness.UserInputs("ghost@example.com"), Inputs = ProviderHarness.UserInputs("ghost@example.com"),
            });

            Assert.Equal("", gone.Id);
            Assert.Contains(engine.Logs.All, l => l.Severity == LogSeverity.Warning);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var errors = await stderr;
        output.WriteLine(errors);
        Assert.DoesNotContain(emulator.ApiKey, errors, StringComparison.Ordinal);
    }
}
