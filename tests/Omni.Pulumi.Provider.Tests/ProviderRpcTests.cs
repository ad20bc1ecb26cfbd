using Microsoft.Extensions.DependencyInjection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

public class ProviderRpcTests : HarnessTest
{
    [Fact]
    public async Task Handshake_accepts_secrets_and_resources_and_records_the_engine_address()
    {
        var response = await H.Client.HandshakeAsync(new ProviderHandshakeRequest { EngineAddress = H.Engine.Address, ConfigureWithUrn = true });
        Assert.True(response.AcceptSecrets);
        Assert.True(response.AcceptResources);
    }

    [Theory]
    [InlineData("omni:index:Usr", "")]
    [InlineData("", "urn:pulumi:dev::roster::omni:index:Usr::alice")]
    public async Task An_unknown_resource_type_from_type_or_urn_is_invalid_argument_listing_the_types_served(string type, string urn)
    {
        await H.ConfigureAsync();

        var error = await ProviderHarness.FailsAsync(() => H.Client.CheckAsync(new CheckRequest { Type = type, Urn = urn, News = new Struct(), Olds = new Struct() }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Unknown resource type 'omni:index:Usr'", error.Status.Detail, StringComparison.Ordinal);
        // Every type served, in order (other resources are added between these over time).
        Assert.Matches(@"omni:index:Group, .*omni:index:GroupMembership, .*omni:index:User\b", error.Status.Detail);
    }

    [Fact]
    public void Every_method_of_the_ResourceProvider_service_is_bound_with_the_deep_message_parser()
    {
        // The binder lists the methods by hand (DeepMessageMethodProvider); a method added to provider.proto
        // and not listed would answer UNIMPLEMENTED from gRPC's fallback instead of reaching the service.
        var bound = H.Host.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .Select(endpoint => endpoint.Metadata.GetMetadata<Grpc.AspNetCore.Server.GrpcMethodMetadata>())
            .OfType<Grpc.AspNetCore.Server.GrpcMethodMetadata>()
            .Where(metadata => metadata.ServiceType == typeof(Hosting.ResourceProviderService))
            .Select(metadata => metadata.Method.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();
        var declared = ResourceProvider.Descriptor.Methods.Select(m => $"/{m.Service.FullName}/{m.Name}").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(declared, bound);
    }

    [Fact]
    public async Task GetPluginInfo_returns_the_assembly_version()
    {
        Assert.Equal("0.1.0", (await H.Client.GetPluginInfoAsync(new Empty())).Version);
    }

    [Fact]
    public async Task GetSchema_serves_the_committed_schema()
    {
        var schema = (await H.Client.GetSchemaAsync(new GetSchemaRequest { Version = 0 })).Schema;
        Assert.Equal(File.ReadAllText(RepositoryPaths.Schema).ReplaceLineEndings("\n"), schema.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Unsupported_rpcs_answer_unimplemented_with_a_reason()
    {
        var parameterize = await ProviderHarness.FailsAsync(() => H.Client.ParameterizeAsync(new ParameterizeRequest()).ResponseAsync);
        var construct = await ProviderHarness.FailsAsync(() => H.Client.ConstructAsync(new ConstructRequest()).ResponseAsync);
        var call = await ProviderHarness.FailsAsync(() => H.Client.CallAsync(new CallRequest()).ResponseAsync);

        Assert.All(new[] { parameterize, construct, call }, e => Assert.Equal(StatusCode.Unimplemented, e.StatusCode));
    }

    [Fact]
    public async Task CheckConfig_names_missing_baseUrl_and_apiKey_with_the_fix()
    {
        var response = await H.Client.CheckConfigAsync(new CheckRequest { News = Wire.Struct(("version", "0.1.0")) });

        var baseUrl = Assert.Single(response.Failures, f => f.Property == "baseUrl");
        var apiKey = Assert.Single(response.Failures, f => f.Property == "apiKey");
        Assert.Contains("OMNI_BASE_URL", baseUrl.Reason, StringComparison.Ordinal);
        Assert.Contains("pulumi config set --secret omni:apiKey", apiKey.Reason, StringComparison.Ordinal);
        Assert.Contains("OMNI_API_KEY", apiKey.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_accepts_stringly_typed_values_and_returns_the_key_as_a_secret()
    {
        var news = Wire.Struct(("baseUrl", H.Emulator.BaseUrl.ToString()), ("apiKey", H.ApiKey), ("requestsPerMinute", "60"),
            ("maxRetries", "3"), ("version", "0.1.0"));
        var response = await H.Client.CheckConfigAsync(new CheckRequest { News = news });

        Assert.Empty(response.Failures);
        Assert.True(Wire.IsSecret(response.Inputs.Fields["apiKey"]));
        Assert.Equal("60", response.Inputs.Fields["requestsPerMinute"].StringValue);
    }

    [Fact]
    public async Task CheckConfig_uses_environment_fallbacks_and_rejects_bad_values()
    {
        H.Environment["OMNI_BASE_URL"] = "https://acme.omniapp.co";
        H.Environment["OMNI_API_KEY"] = "key-from-the-environment";
        Assert.Empty((await H.Client.CheckConfigAsync(new CheckRequest { News = new Struct() })).Failures);

        var bad = await H.Client.CheckConfigAsync(new CheckRequest
        {
            News = Wire.Struct(("baseUrl", "http://acme.omniapp.co"), ("requestsPerMinute", "many")),
        });
        Assert.Contains(bad.Failures, f => f.Property == "baseUrl" && f.Reason.Contains("https", StringComparison.Ordinal));
        Assert.Contains(bad.Failures, f => f.Property == "requestsPerMinute");
    }

    [Fact]
    public async Task CheckConfig_skips_unknown_values()
    {
        var response = await H.Client.CheckConfigAsync(new CheckRequest { News = Wire.Struct(("baseUrl", Wire.UnknownString), ("apiKey", Wire.UnknownString)) });
        Assert.Empty(response.Failures);
    }

    [Fact]
    public async Task DiffConfig_reports_changed_keys_with_a_detailed_diff_and_ignores_version()
    {
        var olds = Wire.Struct(("baseUrl", "https://a.omniapp.co"), ("apiKey", Wire.Secret("k1-aaaaaaaa")), ("version", "0.1.0"));
        var same = await H.Client.DiffConfigAsync(new DiffRequest { Olds = olds, News = Wire.Struct(("baseUrl", "https://a.omniapp.co"), ("apiKey", "k1-aaaaaaaa"), ("version", "0.2.0")) });
        var changed = await H.Client.DiffConfigAsync(new DiffRequest { Olds = olds, News = Wire.Struct(("baseUrl", "https://b.omniapp.co"), ("apiKey", Wire.Secret("k1-aaaaaaaa"))) });

        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, same.Changes);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffSome, changed.Changes);
        Assert.Equal(["baseUrl"], changed.Diffs);
        Assert.True(changed.HasDetailedDiff);
        Assert.Empty(changed.Replaces);
    }

    [Fact]
    public async Task DiffConfig_compares_the_parsed_values_so_a_string_and_a_number_are_the_same()
    {
        var olds = Wire.Struct(("baseUrl", "https://a.omniapp.co"), ("requestsPerMinute", "60"), ("maxRetries", 3), ("requestTimeoutSeconds", "30"));
        var news = Wire.Struct(("baseUrl", "https://a.omniapp.co"), ("requestsPerMinute", 60), ("maxRetries", "3"), ("requestTimeoutSeconds", "45"));

        var diff = await H.Client.DiffConfigAsync(new DiffRequest { Olds = olds, News = news });

        Assert.Equal(["requestTimeoutSeconds"], diff.Diffs);
    }

    [Fact]
    public async Task Configure_checks_the_key_and_returns_the_handshake_flags()
    {
        var response = await H.Client.ConfigureAsync(new ConfigureRequest { Args = H.ConfigArgs(), AcceptSecrets = true, AcceptResources = true });
        Assert.True(response.AcceptSecrets);
        Assert.True(response.AcceptResources);
        Assert.True(response.SupportsPreview);
    }

    [Fact]
    public async Task Configure_refuses_a_personal_access_token_without_echoing_it()
    {
        var error = await ProviderHarness.FailsAsync(() => H.Client.ConfigureAsync(new ConfigureRequest { Args = H.ConfigArgs(ProviderHarness.PersonalToken) }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("personal access token", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Organization API key", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(ProviderHarness.PersonalToken, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_refuses_a_bad_key_without_echoing_it()
    {
        const string badKey = "omni_not_a_real_key_0123456789";
        var error = await ProviderHarness.FailsAsync(() => H.Client.ConfigureAsync(new ConfigureRequest { Args = H.ConfigArgs(badKey) }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("omni:apiKey", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(badKey, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_with_missing_config_fails_naming_the_keys()
    {
        var error = await ProviderHarness.FailsAsync(() => H.Client.ConfigureAsync(new ConfigureRequest { Args = Wire.Struct(("version", "0.1.0")) }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("omni:baseUrl", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("omni:apiKey", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_with_unknown_values_in_preview_contacts_nobody()
    {
        var before = await H.TotalRequestsAsync();
        var response = await H.Client.ConfigureAsync(new ConfigureRequest { Args = Wire.Struct(("baseUrl", Wire.UnknownString), ("apiKey", Wire.Secret(Wire.UnknownString))) });
        Assert.True(response.SupportsPreview);
        Assert.Equal(before, await H.TotalRequestsAsync());
    }

    [Fact]
    public async Task Cancel_cancels_in_flight_calls_and_is_idempotent()
    {
        await H.ConfigureAsync();
        await H.AddFaultAsync(new { method = "GET", path = "/api/scim/v2/users", latencyMs = 20000, phase = "before" });
        var read = H.Client.ReadAsync(new ReadRequest { Id = Guid.NewGuid().ToString(), Urn = ProviderHarness.Urn("slow"), Type = ProviderHarness.UserType }).ResponseAsync;
        await Task.Delay(300); // let the read reach the emulator's delay

        await H.Client.CancelAsync(new Empty());
        await H.Client.CancelAsync(new Empty());

        var error = await Assert.ThrowsAsync<RpcException>(() => read.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Attach_sets_the_engine_address_for_logs_when_started_without_one()
    {
        await using var detached = await ProviderHarness.StartAsync(withEngine: false);
        await detached.Client.AttachAsync(new PluginAttach { Address = detached.Engine.Address });
        await detached.ConfigureAsync();

        // A refresh of a user that does not exist warns through the engine.
        var read = await detached.Client.ReadAsync(new ReadRequest
        {
            Id = Guid.NewGuid().ToString(), Urn = ProviderHarness.Urn("ghost"), Type = ProviderHarness.UserType,
            Properties = ProviderHarness.UserInputs("ghost@example.com"), Inputs = ProviderHarness.UserInputs("ghost@example.com"),
        });
        Assert.Empty(read.Id);
        Assert.Contains(detached.Engine.Logs.All, l => l.Severity == LogSeverity.Warning && l.Urn == ProviderHarness.Urn("ghost"));
    }

    [Fact]
    public async Task Resource_calls_before_configure_fail_with_a_clear_message()
    {
        var error = await ProviderHarness.FailsAsync(() => H.Client.ReadAsync(new ReadRequest { Id = "x", Urn = ProviderHarness.Urn("a"), Type = ProviderHarness.UserType }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("not configured", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_resource_type_is_refused()
    {
        var error = await ProviderHarness.FailsAsync(() => H.Client.CheckAsync(new CheckRequest { Urn = "urn:pulumi:s::p::omni:index:Nope::n", News = new Struct() }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("omni:index:User", error.Status.Detail, StringComparison.Ordinal);
    }
}
