using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>What Invoke does for every function: tokens, arg binding, preview, secrets, configuration.</summary>
public class FunctionsProtocolTests : HarnessTest
{
    private Task<InvokeResponse> InvokeAsync(string token, Struct args, bool preview = false) =>
        H.Client.InvokeAsync(new InvokeRequest { Tok = token, Args = args, Preview = preview }).ResponseAsync;

    [Fact]
    public async Task An_unknown_function_token_is_invalid_argument_listing_the_functions_served()
    {
        await H.ConfigureAsync();

        var error = await ProviderHarness.FailsAsync(() => InvokeAsync("omni:index:getUserz", new Struct()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Unknown function 'omni:index:getUserz'", error.Status.Detail, StringComparison.Ordinal);
        // Every function served, in order (others are added between these over time).
        Assert.Matches(@"omni:index:getUser, omni:index:getUserAttributes, .*omni:index:getUsers\b", error.Status.Detail);
    }

    [Fact]
    public async Task An_arg_the_function_does_not_take_or_of_the_wrong_type_is_a_failure_naming_it()
    {
        await H.ConfigureAsync();

        var misspelt = await InvokeAsync("omni:index:getUser", Wire.Struct(("email", "a@example.com")));
        var wrongType = await InvokeAsync("omni:index:getUser", Wire.Struct(("id", 42)));
        var noArgsTaken = await InvokeAsync("omni:index:getUserAttributes", Wire.Struct(("name", "region")));

        var email = Assert.Single(misspelt.Failures);
        Assert.Equal("email", email.Property);
        Assert.Contains("takes 'id', 'userName'", email.Reason, StringComparison.Ordinal);
        Assert.Equal("id", Assert.Single(wrongType.Failures).Property);
        Assert.Contains("must be a string", wrongType.Failures[0].Reason, StringComparison.Ordinal);
        Assert.Contains("takes no args", Assert.Single(noArgsTaken.Failures).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preview_still_reads()
    {
        await H.ConfigureAsync();
        var created = await H.CreateAsync("p", ProviderHarness.UserInputs("preview.read@example.com"));

        var response = await InvokeAsync("omni:index:getUser", Wire.Struct(("userName", "preview.read@example.com")), preview: true);

        Assert.Empty(response.Failures);
        Assert.Equal(created.Id, response.Return.Fields["id"].StringValue);
    }

    [Fact]
    public async Task Unknown_args_give_an_unknown_result_in_preview_and_a_failure_otherwise()
    {
        await H.ConfigureAsync();
        var before = await H.TotalRequestsAsync();

        var preview = await InvokeAsync("omni:index:getUser", Wire.Struct(("id", Wire.UnknownString)), preview: true);
        var update = await InvokeAsync("omni:index:getUser", Wire.Struct(("id", Wire.UnknownString)));

        Assert.Empty(preview.Failures);
        Assert.All(new[] { "id", "userName", "attributes", "groups" }, k => Assert.True(Wire.IsUnknown(preview.Return.Fields[k]), k));
        Assert.Equal("id", Assert.Single(update.Failures).Property);
        Assert.Equal(before, await H.TotalRequestsAsync());
    }

    [Fact]
    public async Task A_secret_arg_makes_the_result_secret_and_is_never_echoed()
    {
        await H.ConfigureAsync();
        await H.CreateAsync("s", ProviderHarness.UserInputs("secret.find@example.com"));

        var found = await InvokeAsync("omni:index:getUser", Wire.Struct(("userName", Wire.Secret("secret.find@example.com"))));
        var missing = await InvokeAsync("omni:index:getUser", Wire.Struct(("userName", Wire.Secret("hidden.person@example.com"))));

        Assert.True(Wire.IsSecret(found.Return.Fields["userName"]));
        Assert.True(Wire.IsSecret(found.Return.Fields["id"]));
        Assert.Equal("secret.find@example.com", Wire.Text(found.Return, "userName"));
        var failure = Assert.Single(missing.Failures);
        Assert.DoesNotContain("hidden.person", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_configuration_a_function_says_how_to_configure()
    {
        var error = await ProviderHarness.FailsAsync(() => InvokeAsync("omni:index:getUserAttributes", new Struct()));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("omni:baseUrl", error.Status.Detail, StringComparison.Ordinal);
    }
}
