using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Pulumirpc;

namespace Omni.Bench;

/// <summary>The built plugin, started as the engine starts it, with a gRPC channel and configured for an emulator.</summary>
internal sealed class PluginConnection : IDisposable
{
    public const string UserType = "omni:index:User";

    private readonly GrpcChannel _channel;

    private PluginConnection(PluginProcess plugin)
    {
        Plugin = plugin;
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{plugin.Port}");
        Provider = new ResourceProvider.ResourceProviderClient(_channel);
    }

    public PluginProcess Plugin { get; }

    public ResourceProvider.ResourceProviderClient Provider { get; }

    /// <param name="requestsPerMinute">The plugin's client-side limit (omni:requestsPerMinute).</param>
    public static async Task<PluginConnection> StartAsync(string pluginPath, BenchEmulator emulator, int requestsPerMinute, CancellationToken ct = default)
    {
        var connection = new PluginConnection(await PluginProcess.StartAsync(pluginPath, ct));
        try
        {
            await connection.Provider.ConfigureAsync(new ConfigureRequest
            {
                AcceptSecrets = true,
                AcceptResources = true,
                Args = new Struct
                {
                    Fields =
                    {
                        ["baseUrl"] = Value.ForString(emulator.BaseUrl.ToString()),
                        ["apiKey"] = Value.ForString(emulator.ApiKey),
                        ["requestsPerMinute"] = Value.ForNumber(requestsPerMinute),
                    },
                },
            }, cancellationToken: ct);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static string Urn(string name) => $"urn:pulumi:bench::bench::{UserType}::{name}";

    public static Struct UserInputs(string userName, string displayName = "Bench User") => new()
    {
        Fields =
        {
            ["userName"] = Value.ForString(userName),
            ["displayName"] = Value.ForString(displayName),
            ["attributes"] = Value.ForStruct(new Struct { Fields = { ["region"] = Value.ForString("emea") } }),
        },
    };

    /// <summary>What the engine sends to refresh a user it holds: Read with the state's id, outputs and inputs.</summary>
    public async Task<string> RefreshAsync(string name, string id, Struct state, CancellationToken ct)
    {
        var read = await Provider.ReadAsync(new ReadRequest { Id = id, Urn = Urn(name), Type = UserType, Name = name, Properties = state, Inputs = state }, cancellationToken: ct);
        return read.Id;
    }

    public void Dispose()
    {
        _channel.Dispose();
        Plugin.Dispose();
    }
}
