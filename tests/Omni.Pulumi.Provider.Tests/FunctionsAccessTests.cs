using Google.Protobuf.WellKnownTypes;
using Omni.Client;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>getConnections, getModels, getUserModelRoles and getGroupModelRoles through Invoke, against the emulator.</summary>
public class FunctionsAccessTests : HarnessTest
{
    private Task<InvokeResponse> InvokeAsync(string token, Struct args) =>
        H.Client.InvokeAsync(new InvokeRequest { Tok = token, Args = args }).ResponseAsync;

    private static IEnumerable<Struct> Rows(InvokeResponse response, string key) => response.Return.Fields[key].ListValue.Values.Select(v => v.StructValue);

    [Fact]
    public async Task GetConnections_and_getModels_list_what_omni_has_with_their_filters()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var connection = (await omni.Connections.ListAsync())[0];

        var all = await InvokeAsync("omni:index:getConnections", new Struct());
        var none = await InvokeAsync("omni:index:getConnections", Wire.Struct(("name", "no such connection")));
        var shared = await InvokeAsync("omni:index:getModels", Wire.Struct(("modelKind", "SHARED")));
        var schema = await InvokeAsync("omni:index:getModels", Wire.Struct(("modelKind", "SCHEMA"), ("connectionId", connection.Id)));

        Assert.Contains(Rows(all, "connections"), c => c.Fields["id"].StringValue == connection.Id && c.Fields["name"].StringValue == connection.Name);
        Assert.Empty(Rows(none, "connections"));
        Assert.NotEmpty(Rows(shared, "models"));
        Assert.All(Rows(shared, "models"), m => Assert.Equal("SHARED", m.Fields["modelKind"].StringValue));
        Assert.All(Rows(schema, "models"), m => Assert.Equal(connection.Id, m.Fields["connectionId"].StringValue));
        var named = Rows(shared, "models").First().Fields["name"].StringValue;
        var byName = await InvokeAsync("omni:index:getModels", Wire.Struct(("name", named)));
        Assert.Contains(Rows(byName, "models"), m => m.Fields["name"].StringValue == named);
    }

    [Fact]
    public async Task GetUserModelRoles_shows_where_each_role_comes_from_and_which_decides()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var user = await omni.Users.CreateAsync(new ScimUserCreate("vi@example.com", "Vi"));
        var group = await omni.Groups.CreateAsync("Modelers", [user.Id]);
        OmniModel? model = null;
        await foreach (var m in omni.Models.ListAsync(new ModelQuery { ModelKind = "SHARED" }))
        {
            model ??= m;
        }
        await omni.ModelRoles.AssignUserRoleAsync(user.Id, new ModelRoleGrant("VIEWER", model!.Id));
        await omni.ModelRoles.AssignGroupRoleAsync(group.Id, new ModelRoleGrant("MODELER", model.Id));

        var forUser = await InvokeAsync("omni:index:getUserModelRoles", Wire.Struct(("userId", user.Id), ("modelId", model.Id)));
        var forGroup = await InvokeAsync("omni:index:getGroupModelRoles", Wire.Struct(("groupId", group.Id), ("modelId", model.Id)));

        var rows = Rows(forUser, "roles").ToList();
        Assert.Contains(rows, r => r.Fields["source"].StringValue == "USER" && r.Fields["roleName"].StringValue == "VIEWER");
        var fromGroup = Assert.Single(rows, r => r.Fields["source"].StringValue == "GROUP");
        Assert.Equal(group.Id, fromGroup.Fields["groupId"].StringValue);
        Assert.True(fromGroup.Fields["resolved"].BoolValue); // MODELER outranks VIEWER
        Assert.Contains(Rows(forGroup, "roles"), r => r.Fields["roleName"].StringValue == "MODELER");

        var missing = await InvokeAsync("omni:index:getUserModelRoles", new Struct());
        Assert.Contains(missing.Failures, f => f.Property == "userId");
    }
}
