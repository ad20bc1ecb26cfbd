using System.Net.Http.Json;
using Google.Protobuf.WellKnownTypes;
using Omni.Client;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>getUser and getUsers through Invoke, against the emulator.</summary>
public class FunctionsUserTests : HarnessTest
{
    private const string GetUser = "omni:index:getUser";
    private const string GetUsers = "omni:index:getUsers";

    private Task<InvokeResponse> InvokeAsync(string token, Struct args, bool preview = false) =>
        H.Client.InvokeAsync(new InvokeRequest { Tok = token, Args = args, Preview = preview }).ResponseAsync;

    [Fact]
    public async Task GetUser_by_id_returns_the_same_outputs_as_the_user_resource()
    {
        await H.ConfigureAsync();
        var created = await H.CreateAsync("ada", ProviderHarness.UserInputs("ada@example.com", "Ada Lovelace",
            attributes: Wire.Map(("level", 3), ("regions", new[] { "eu", "us" }))));
        using (var admin = new HttpClient { BaseAddress = H.Emulator.BaseUrl })
        {
            (await admin.PostAsync($"/__emulator/users/{created.Id}/login", null)).EnsureSuccessStatusCode();
        }

        var response = await InvokeAsync(GetUser, Wire.Struct(("id", created.Id)));

        Assert.Empty(response.Failures);
        var result = response.Return.Fields;
        var outputs = created.Properties.Fields;
        Assert.Equal(created.Id, result["id"].StringValue);
        foreach (var key in new[] { "userName", "displayName", "active", "emails", "groups", "created", "attributes" })
        {
            Assert.True(outputs[key].Equals(result[key]), $"{key}: resource {outputs[key]} vs getUser {result[key]}");
        }

        Assert.NotEmpty(result["lastLogin"].StringValue);
        Assert.Equal("3", result["attributes"].StructValue.Fields["level"].StringValue);
        Assert.Equal(["eu", "us"], result["attributes"].StructValue.Fields["regions"].ListValue.Values.Select(v => v.StringValue));
    }

    [Fact]
    public async Task GetUser_by_userName_matches_case_insensitively_and_returns_every_non_system_attribute()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var user = await omni.Users.CreateAsync(new ScimUserCreate("Grace.Hopper@Example.com", "Grace Hopper",
            new Dictionary<string, AttributeValue> { ["region"] = AttributeValue.Of("emea"), ["department"] = AttributeValue.Of("navy") }));

        var response = await InvokeAsync(GetUser, Wire.Struct(("userName", "grace.hopper@example.COM")));

        Assert.Empty(response.Failures);
        Assert.Equal(user.Id, response.Return.Fields["id"].StringValue);
        Assert.Equal("Grace.Hopper@Example.com", response.Return.Fields["userName"].StringValue);
        var attributes = response.Return.Fields["attributes"].StructValue.Fields;
        Assert.Equal(["department", "region"], attributes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("emea", attributes["region"].StringValue);
    }

    [Fact]
    public async Task GetUser_not_found_is_a_failure_naming_the_arg_not_an_error()
    {
        await H.ConfigureAsync();

        var byId = await InvokeAsync(GetUser, Wire.Struct(("id", "00000000-0000-4000-8000-000000000000")));
        var byUserName = await InvokeAsync(GetUser, Wire.Struct(("userName", "nobody@example.com")));

        Assert.Equal(0, byId.Return?.Fields.Count ?? 0);
        var idFailure = Assert.Single(byId.Failures);
        Assert.Equal("id", idFailure.Property);
        Assert.Contains("no user with id '00000000-0000-4000-8000-000000000000'", idFailure.Reason, StringComparison.Ordinal);
        var nameFailure = Assert.Single(byUserName.Failures);
        Assert.Equal("userName", nameFailure.Property);
        Assert.Contains("nobody@example.com", nameFailure.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "id", "needs one of 'id' or 'userName'; none was given")]
    [InlineData("some-id", "a@example.com", "userName", "takes exactly one of 'id' or 'userName', but 'id' and 'userName' were given")]
    [InlineData("", null, "id", "'id' must not be empty")]
    public async Task GetUser_needs_exactly_one_of_id_and_userName(string? id, string? userName, string property, string reason)
    {
        await H.ConfigureAsync();
        var fields = new List<(string, object?)>();
        if (id is not null) fields.Add(("id", id));
        if (userName is not null) fields.Add(("userName", userName));
        var before = await H.TotalRequestsAsync();

        var response = await InvokeAsync(GetUser, Wire.Struct([.. fields]));

        var failure = Assert.Single(response.Failures);
        Assert.Equal(property, failure.Property);
        Assert.Contains(reason, failure.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await H.TotalRequestsAsync());
    }

    [Fact]
    public async Task GetUsers_returns_every_user_across_pages()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 105; i++)
        {
            ids.Add((await omni.Users.CreateAsync(new ScimUserCreate($"page{i}@example.com", $"Page {i}"))).Id);
        }

        var before = await H.CountAsync("GET", "/api/scim/v2/users");
        var response = await InvokeAsync(GetUsers, new Struct());

        Assert.Empty(response.Failures);
        var users = response.Return.Fields["users"].ListValue.Values.Select(v => v.StructValue.Fields).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), users.Select(u => u["id"].StringValue).Order(StringComparer.Ordinal));
        Assert.All(users, u => Assert.Equal(u["userName"].StringValue, u["emails"].ListValue.Values[0].StringValue));
        Assert.True(await H.CountAsync("GET", "/api/scim/v2/users") - before >= 2, "105 users take more than one page of 100");
    }

    [Fact]
    public async Task GetUsers_passes_the_filter_to_omni_and_names_the_arg_when_omni_refuses_it()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        await omni.Users.CreateAsync(new ScimUserCreate("one@example.com", "One"));
        await omni.Users.CreateAsync(new ScimUserCreate("two@example.com", "Two"));

        var filtered = await InvokeAsync(GetUsers, Wire.Struct(("filter", "userName eq \"two@example.com\"")));
        var refused = await InvokeAsync(GetUsers, Wire.Struct(("filter", "displayName co \"T\"")));

        var only = Assert.Single(filtered.Return.Fields["users"].ListValue.Values);
        Assert.Equal("two@example.com", only.StructValue.Fields["userName"].StringValue);
        var failure = Assert.Single(refused.Failures);
        Assert.Equal("filter", failure.Property);
        Assert.Contains("userName eq", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUsers_with_no_users_returns_an_empty_list()
    {
        await H.ConfigureAsync();

        var response = await InvokeAsync(GetUsers, new Struct());

        Assert.Empty(response.Failures);
        Assert.Empty(response.Return.Fields["users"].ListValue.Values);
    }
}
