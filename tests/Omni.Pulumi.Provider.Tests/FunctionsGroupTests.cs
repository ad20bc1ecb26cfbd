using Google.Protobuf.WellKnownTypes;
using Omni.Client;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>getGroup and getUserAttributes through Invoke, against the emulator.</summary>
public class FunctionsGroupTests : HarnessTest
{
    private const string GetGroup = "omni:index:getGroup";

    private Task<InvokeResponse> InvokeAsync(string token, Struct args) =>
        H.Client.InvokeAsync(new InvokeRequest { Tok = token, Args = args }).ResponseAsync;

    [Fact]
    public async Task GetGroup_by_id_and_by_displayName_returns_its_members()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var ada = await omni.Users.CreateAsync(new ScimUserCreate("ada@example.com", "Ada"));
        var alan = await omni.Users.CreateAsync(new ScimUserCreate("alan@example.com", "Alan"));
        var group = await omni.Groups.CreateAsync("Analysts", [ada.Id, alan.Id]);

        var byId = await InvokeAsync(GetGroup, Wire.Struct(("id", group.Id)));
        var byName = await InvokeAsync(GetGroup, Wire.Struct(("displayName", "ANALYSTS")));

        Assert.Empty(byId.Failures);
        Assert.Equal(byId.Return, byName.Return);
        Assert.Equal(group.Id, byId.Return.Fields["id"].StringValue);
        Assert.Equal("Analysts", byId.Return.Fields["displayName"].StringValue);
        var members = byId.Return.Fields["members"].ListValue.Values
            .Select(m => (Id: m.StructValue.Fields["id"].StringValue, UserName: m.StructValue.Fields["userName"].StringValue))
            .OrderBy(m => m.UserName, StringComparer.Ordinal);
        Assert.Equal([(ada.Id, "ada@example.com"), (alan.Id, "alan@example.com")], members);
    }

    [Fact]
    public async Task GetGroup_not_found_and_wrong_args_are_failures_naming_the_arg()
    {
        await H.ConfigureAsync();

        var missing = await InvokeAsync(GetGroup, Wire.Struct(("displayName", "Nobody's group")));
        var neither = await InvokeAsync(GetGroup, new Struct());
        var both = await InvokeAsync(GetGroup, Wire.Struct(("id", "abc"), ("displayName", "x")));

        Assert.Equal("displayName", Assert.Single(missing.Failures).Property);
        Assert.Contains("Nobody's group", missing.Failures[0].Reason, StringComparison.Ordinal);
        Assert.Contains("'id' or 'displayName'", Assert.Single(neither.Failures).Reason, StringComparison.Ordinal);
        Assert.Equal("displayName", Assert.Single(both.Failures).Property);
    }

    [Fact]
    public async Task GetUserAttributes_lists_every_definition_with_its_type_and_system_flag()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var expected = await omni.UserAttributes.ListAsync();

        var response = await InvokeAsync("omni:index:getUserAttributes", new Struct());

        Assert.Empty(response.Failures);
        var attributes = response.Return.Fields["attributes"].ListValue.Values.Select(v => v.StructValue.Fields).ToList();
        Assert.Equal(expected.Select(d => d.Name), attributes.Select(a => a["name"].StringValue));
        var regions = attributes.Single(a => a["name"].StringValue == "regions");
        Assert.True(regions["multipleValues"].BoolValue);
        Assert.Equal("String", regions["type"].StringValue);
        Assert.False(regions["system"].BoolValue);
        Assert.Equal("Regions", regions["label"].StringValue);
        Assert.True(attributes.Single(a => a["name"].StringValue == "omni_user_email")["system"].BoolValue);
        Assert.Equal("Number", attributes.Single(a => a["name"].StringValue == "level")["type"].StringValue);
    }
}
