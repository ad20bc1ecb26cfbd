using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Omni.Pulumi.Provider.Protocol;
using Omni.Client;
using Omni.Emulator;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Hosting;
using Omni.Pulumi.Provider.Resources;
using Omni.Pulumi.Provider.Tests.Harness;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>The typed configuration step, without the gRPC layer: settings checked, key checked with
/// whoami, client built on the host's rate-limiter registry.</summary>
public sealed class OmniSessionTests : IAsyncLifetime, IDisposable
{
    private readonly RateLimiterRegistry _rateLimiters = new();
    private readonly SecretRedactor _redactor = new();
    private EmulatorServer _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorServer.StartAsync(new EmulatorOptions
    {
        Urls = "http://127.0.0.1:0", InMemory = true, RequestsPerMinute = 0, PersonalAccessTokens = [ProviderHarness.PersonalToken],
    });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _rateLimiters.Dispose();

    private OmniSession Session() => new(new ConfigValidator(new EnvironmentVariables(_ => null)), _redactor, _rateLimiters, NullLoggerFactory.Instance);

    private ProviderConfig Config(string apiKey) => new() { BaseUrl = _emulator.BaseUrl.ToString(), ApiKey = apiKey, RequestsPerMinute = 0, MaxRetries = 0 };

    [Fact]
    public async Task ConfigureAsync_with_an_organization_key_makes_a_client_current_and_registers_the_key_for_redaction()
    {
        using var session = Session();
        Assert.False(session.IsConfigured);

        await session.ConfigureAsync(Config(_emulator.ApiKey), CancellationToken.None);

        Assert.True(session.IsConfigured);
        Assert.NotEmpty(await session.GetAttributeDefinitionsAsync(CancellationToken.None));
        Assert.DoesNotContain(_emulator.ApiKey, _redactor.Redact($"key {_emulator.ApiKey}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigureAsync_refuses_a_personal_token_and_stays_unconfigured()
    {
        using var session = Session();

        var error = await Assert.ThrowsAsync<ProviderFailureException>(() => session.ConfigureAsync(Config(ProviderHarness.PersonalToken), CancellationToken.None));

        Assert.Equal(FailureKind.NothingChanged, error.Kind);
        Assert.Contains("personal access token", error.Message, StringComparison.Ordinal);
        Assert.False(session.IsConfigured);
    }

    [Fact]
    public async Task ConfigureAsync_names_each_missing_setting_without_calling_omni()
    {
        using var session = Session();

        var error = await Assert.ThrowsAsync<ProviderFailureException>(() => session.ConfigureAsync(new ProviderConfig(), CancellationToken.None));

        Assert.Equal(FailureKind.InvalidInput, error.Kind);
        Assert.Contains("omni:baseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("omni:apiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_owns_one_rate_limiter_registry_and_every_client_it_configures_draws_from_it()
    {
        await using var harness = await ProviderHarness.StartAsync();
        var registry = harness.Host.Services.GetRequiredService<RateLimiterRegistry>();
        Assert.Same(registry, harness.Host.Services.GetRequiredService<RateLimiterRegistry>());

        // Another client of the run, on the host's registry, spends the key's only token (2 a minute: a burst of 1).
        using (var other = new OmniClient(new OmniClientOptions { BaseUrl = harness.Emulator.BaseUrl.ToString(), ApiKey = harness.ApiKey, RequestsPerMinute = 2, MaxRetries = 0 },
            rateLimiters: registry))
        {
            await other.WhoAmIAsync();
        }

        // The provider's own client must now wait for that bucket (about a minute), so Configure cannot
        // finish within seconds; with a bucket of its own it would answer at once.
        var args = Wire.Struct(("baseUrl", harness.Emulator.BaseUrl.ToString()), ("apiKey", Wire.Secret(harness.ApiKey)), ("requestsPerMinute", "2"), ("maxRetries", "0"));
        var error = await ProviderHarness.FailsAsync(() => harness.Client.ConfigureAsync(new Pulumirpc.ConfigureRequest { Args = args },
            deadline: DateTime.UtcNow.AddSeconds(5)).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.DeadlineExceeded, error.StatusCode);
    }
}
