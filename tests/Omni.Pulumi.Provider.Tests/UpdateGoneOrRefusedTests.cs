using System.Net;
using Google.Protobuf.WellKnownTypes;
using Omni.Client;
using Omni.Pulumi.Provider.Resources;
using Omni.Pulumi.Provider.Tests.Harness;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>An update Omni does not apply, worded once (ResourceMessages.NotUpdated) for every resource: the object is
/// gone (404) or Omni refused the values (400). Nothing changed either way.</summary>
public class UpdateGoneOrRefusedTests : HarnessTest
{
    private const string Advice = "Run `pulumi refresh` and then `pulumi up` to create it again.";

    private async Task<string> ConnectionAsync(string name)
    {
        using var omni = H.OutOfBand();
        return await omni.Connections.CreateAsync(new ConnectionCreate(name, "postgres") { Database = "analytics", Password = "pw" });
    }

    [Fact]
    public async Task A_connection_environment_deleted_outside_pulumi_is_not_updated_and_says_what_to_run()
    {
        await H.ConfigureAsync();
        var prod = await ConnectionAsync("Prod");
        var staging = await ConnectionAsync("Staging");
        const string Type = "omni:index:ConnectionEnvironment";
        var (created, inputs) = await H.CreateAsync(Type, "env",
            Wire.Struct(("baseConnectionId", prod), ("connectionId", staging), ("userAttributeValues", new[] { "staging" })));
        using var omni = H.OutOfBand();
        await omni.Connections.DeleteEnvironmentAsync(created.Id);
        var news = (await H.CheckAsync(Type, "env",
            Wire.Struct(("baseConnectionId", prod), ("connectionId", staging), ("userAttributeValues", new[] { "uat" })))).Inputs;

        var error = await ProviderHarness.FailsAsync(() => H.UpdateAsync(Type, "env", created.Id, created.Properties, inputs, news));

        Assert.Equal($"Connection environment {created.Id} no longer exists in Omni, so it was not updated. {Advice}", error.Status.Detail);
    }

    [Fact]
    public async Task A_model_deleted_outside_pulumi_is_not_renamed_and_says_what_to_run()
    {
        await H.ConfigureAsync();
        var connectionId = await ConnectionAsync("Warehouse");
        const string Type = "omni:index:Model";
        var (created, inputs) = await H.CreateAsync(Type, "m", Wire.Struct(("connectionId", connectionId), ("name", "Sales")));
        using var omni = H.OutOfBand();
        await omni.Models.DeleteAsync(created.Id);
        var news = (await H.CheckAsync(Type, "m", Wire.Struct(("connectionId", connectionId), ("name", "Revenue")))).Inputs;

        var error = await ProviderHarness.FailsAsync(() => H.UpdateAsync(Type, "m", created.Id, created.Properties, inputs, news));

        Assert.Equal($"Model 'Sales' (id {created.Id}) no longer exists in Omni, so it was not renamed. {Advice}", error.Status.Detail);
    }

    [Fact]
    public async Task A_group_deleted_outside_pulumi_is_not_updated_and_says_what_to_run()
    {
        await H.ConfigureAsync();
        const string Type = "omni:index:Group";
        var (created, inputs) = await H.CreateAsync(Type, "g", Wire.Struct(("displayName", "Analysts")));
        using var omni = H.OutOfBand();
        await omni.Groups.DeleteAsync(created.Id);
        var news = (await H.CheckAsync(Type, "g", Wire.Struct(("displayName", "Data Analysts")))).Inputs;

        var error = await ProviderHarness.FailsAsync(() => H.UpdateAsync(Type, "g", created.Id, created.Properties, inputs, news));

        Assert.Equal($"Group 'Analysts' (id {created.Id}) no longer exists in Omni, so it was not updated. {Advice}", error.Status.Detail);
    }

    [Fact]
    public void A_refusal_names_the_request_quotes_omni_without_the_secret_and_adds_the_hint()
    {
        var refused = new OmniApiException("PATCH", "/api/v1/models/m1/git", HttpStatusCode.BadRequest, "token ghp_secret123 is not valid", hint: null);
        var gone = new OmniNotFoundException("PATCH", "/api/v1/models/m1/git", "Model not found", hint: null);
        var failing = new OmniApiException("PATCH", "/api/v1/models/m1/git", HttpStatusCode.InternalServerError, "boom", hint: null);

        var failure = ResourceMessages.NotUpdated(refused, "The git link of model m1", "to update the git link of model m1",
            hint: "Check cloneUrl.", secretValue: "ghp_secret123");

        Assert.Equal(FailureKind.NothingChanged, failure.Kind);
        Assert.Same(refused, failure.InnerException);
        Assert.Equal("Omni refused to update the git link of model m1 (PATCH /api/v1/models/m1/git answered 400 BadRequest: token (secret) is not valid). Check cloneUrl.",
            failure.Message);
        Assert.Equal($"The git link of model m1 no longer exists in Omni, so it was not updated. {Advice}",
            ResourceMessages.NotUpdated(gone, "The git link of model m1", "to update the git link of model m1").Message);
        Assert.True(ResourceMessages.IsGoneOrRefused(refused) && ResourceMessages.IsGoneOrRefused(gone));
        Assert.False(ResourceMessages.IsGoneOrRefused(failing)); // a server error is not "nothing changed": the usual mapping applies
    }
}
