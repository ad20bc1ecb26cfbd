using System.Net.Http.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Omni.Emulator;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Hosting;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests.Harness;

/// <summary>
/// The provider served in process on 127.0.0.1:0, called through the gRPC client generated from
/// our protos, with a fake engine recording Log calls and the emulator as Omni.
/// </summary>
internal sealed class ProviderHarness : IAsyncDisposable
{
    public const string PersonalToken = "omni_pat_for_tests_0123456789abcdef";
    public const string UserType = "omni:index:User";

    private readonly GrpcChannel _channel;
    private readonly HttpClient _admin;

    private ProviderHarness(EmulatorServer emulator, FakeEngine engine, ProviderHost host, Dictionary<string, string?> environment)
    {
        Emulator = emulator;
        Engine = engine;
        Host = host;
        Environment = environment;
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{host.Port}");
        Client = new ResourceProvider.ResourceProviderClient(_channel);
        _admin = new HttpClient { BaseAddress = emulator.BaseUrl };
    }

    public EmulatorServer Emulator { get; }
    public FakeEngine Engine { get; }
    public ProviderHost Host { get; }
    public ResourceProvider.ResourceProviderClient Client { get; }

    /// <summary>The provider's environment (OMNI_* fallbacks); empty unless a test fills it.</summary>
    public Dictionary<string, string?> Environment { get; }

    public string ApiKey => Emulator.ApiKey;

    /// <param name="booleanAttributesAsYesNo">The emulator's <c>--bool-attributes yes-no</c>: booleans stored as "yes"/"no".</param>
    /// <param name="emulatorOptions">Changes to the emulator's options (e.g. a key owner, seeded embed users).</param>
    public static async Task<ProviderHarness> StartAsync(bool withEngine = true, bool booleanAttributesAsYesNo = false,
        Func<EmulatorOptions, EmulatorOptions>? emulatorOptions = null)
    {
        var options = new EmulatorOptions
        {
            Urls = "http://127.0.0.1:0",
            InMemory = true,
            RequestsPerMinute = 0,
            PersonalAccessTokens = [PersonalToken],
            BooleanAttributesAsYesNo = booleanAttributesAsYesNo,
        };
        var emulator = await EmulatorServer.StartAsync(emulatorOptions?.Invoke(options) ?? options);
        var engine = await FakeEngine.StartAsync();
        var environment = new Dictionary<string, string?>();
        var host = await ProviderHost.StartAsync(withEngine ? engine.Address : null, verbosity: 0,
            new EnvironmentVariables(name => environment.GetValueOrDefault(name)), CancellationToken.None);
        return new ProviderHarness(emulator, engine, host, environment);
    }

    public Struct ConfigArgs(string? apiKey = null, int maxRetries = 0, int requestTimeoutSeconds = 30) => Wire.Struct(
        ("baseUrl", Emulator.BaseUrl.ToString()),
        ("apiKey", Wire.Secret(apiKey ?? ApiKey)),
        ("requestsPerMinute", "0"),
        ("maxRetries", maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("requestTimeoutSeconds", requestTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("version", "0.1.0"));

    public async Task ConfigureAsync(int maxRetries = 0, int requestTimeoutSeconds = 30) =>
        await Client.ConfigureAsync(new ConfigureRequest { Args = ConfigArgs(maxRetries: maxRetries, requestTimeoutSeconds: requestTimeoutSeconds), AcceptSecrets = true, AcceptResources = true });

    public static string Urn(string name) => $"urn:pulumi:test::omni::{UserType}::{name}";

    public static Struct UserInputs(string userName, string displayName = "Alice Example", Dictionary<string, object?>? attributes = null,
        bool? active = null, string? deletionMode = null, bool? adoptExisting = null)
    {
        var fields = new List<(string, object?)> { ("userName", userName), ("displayName", displayName) };
        if (attributes is not null) fields.Add(("attributes", attributes));
        if (active is not null) fields.Add(("active", active));
        if (deletionMode is not null) fields.Add(("deletionMode", deletionMode));
        if (adoptExisting is not null) fields.Add(("adoptExisting", adoptExisting));
        return Wire.Struct([.. fields]);
    }

    public async Task<Struct> CheckAsync(string name, Struct news)
    {
        var response = await Client.CheckAsync(new CheckRequest { Urn = Urn(name), Type = UserType, Name = name, News = news, Olds = new Struct() });
        Assert.Empty(response.Failures);
        return response.Inputs;
    }

    /// <summary>Check then Create, as the engine does for a new resource.</summary>
    public async Task<CreateResponse> CreateAsync(string name, Struct news)
    {
        var inputs = await CheckAsync(name, news);
        var created = await Client.CreateAsync(new CreateRequest { Urn = Urn(name), Type = UserType, Name = name, Properties = inputs });
        Assert.NotEmpty(created.Id);
        return created;
    }

    public async Task<HttpResponseMessage> AddFaultAsync(object rule) =>
        (await _admin.PostAsJsonAsync("/__emulator/faults", rule)).EnsureSuccessStatusCode();

    public async Task<int> CountAsync(string method, string route)
    {
        var counters = await _admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/__emulator/counters");
        return counters.GetProperty("byRoute").TryGetProperty($"{method} {route}", out var entry) ? entry.GetProperty("total").GetInt32() : 0;
    }

    /// <summary>An embed user, as an embed SSO session would make one (the emulator's admin API).</summary>
    public async Task<System.Text.Json.JsonElement> AddEmbedUserAsync(object body)
    {
        var response = (await _admin.PostAsJsonAsync("/__emulator/embed-users", body)).EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }

    public async Task<int> TotalRequestsAsync() =>
        (await _admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/__emulator/counters")).GetProperty("total").GetInt32();

    /// <summary>A client straight to the emulator, for out-of-band changes the provider must notice.</summary>
    public Omni.Client.OmniClient OutOfBand() => new(new Omni.Client.OmniClientOptions
    {
        BaseUrl = Emulator.BaseUrl.ToString(),
        ApiKey = ApiKey,
        RequestsPerMinute = 0,
        MaxRetries = 0,
    });

    /// <summary>The first engine Log call that matches, waiting up to 10 s: messages forwarded from
    /// the client's logging arrive asynchronously, after the RPC that caused them.</summary>
    public async Task<LogRequest> WaitForLogAsync(Func<LogRequest, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!timeout.IsCancellationRequested)
        {
            if (Engine.Logs.All.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50, CancellationToken.None);
        }

        throw new Xunit.Sdk.XunitException($"No engine Log call was {what}. Logged: {string.Join(" | ", Engine.Logs.All.Select(l => $"{l.Severity} {l.Message}"))}");
    }

    public static async Task<RpcException> FailsAsync(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        _admin.Dispose();
        await Host.DisposeAsync();
        await Engine.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
