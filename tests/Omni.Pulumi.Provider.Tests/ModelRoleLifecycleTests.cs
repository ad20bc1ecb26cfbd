using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Omni.Client;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;

namespace Omni.Pulumi.Provider.Tests;

public class ModelRoleLifecycleTests : HarnessTest
{
    private const string UserRoleType = "omni:index:UserModelRole";
    private const string GroupRoleType = "omni:index:GroupModelRole";

    private static Struct UserRole(string userId, string roleName, string? modelId = null, string? connectionId = null) =>
        Target(Wire.Struct(("userId", userId), ("roleName", roleName)), modelId, connectionId);

    private static Struct GroupRole(string groupId, string roleName, string? modelId = null, string? connectionId = null) =>
        Target(Wire.Struct(("groupId", groupId), ("roleName", roleName)), modelId, connectionId);

    private static Struct Target(Struct s, string? modelId, string? connectionId)
    {
        if (modelId is not null) s.Fields["modelId"] = Wire.Value(modelId);
        if (connectionId is not null) s.Fields["connectionId"] = Wire.Value(connectionId);
        return s;
    }

    private async Task<(string UserId, OmniModel Model)> UserAndModelAsync()
    {
        using var omni = H.OutOfBand();
        var user = await omni.Users.CreateAsync(new ScimUserCreate("rita@example.com", "Rita"));
        var model = await FirstSharedModelAsync(omni);
        return (user.Id, model);
    }

    private static async Task<OmniModel> FirstSharedModelAsync(OmniClient omni)
    {
        await foreach (var model in omni.Models.ListAsync(new ModelQuery { ModelKind = "SHARED" }))
        {
            return model;
        }
        throw new Xunit.Sdk.XunitException("the emulator seeds a shared model");
    }

    private static async Task<string?> DirectUserRoleAsync(OmniClient omni, string userId, string modelId) =>
        (await omni.ModelRoles.GetUserRolesAsync(userId, modelId: modelId))
            .FirstOrDefault(r => r.From.Type == ModelRoleOriginType.User && r.ModelId == modelId)?.RoleName;

    private DeleteRequest Delete(string type, string name, string id, Struct properties) =>
        new() { Id = id, Urn = Urn(type, name), Type = type, Properties = properties };

    [Fact]
    public async Task User_role_lifecycle_creates_reads_drifts_updates_in_place_and_destroy_sets_no_access_when_there_was_none()
    {
        await H.ConfigureAsync();
        var (userId, model) = await UserAndModelAsync();
        using var omni = H.OutOfBand();

        var (created, inputs) = await H.CreateAsync(UserRoleType, "rita-sales", UserRole(userId, "querier", modelId: model.Id));
        Assert.Equal($"{userId}/{model.Id}", created.Id);
        Assert.Equal("QUERIER", created.Properties.Fields["roleName"].StringValue); // base roles upper-cased by Check
        Assert.False(created.Properties.Fields.TryGetValue("previousRoleName", out var unsetPreviousrolename) && unsetPreviousrolename.KindCase != Value.KindOneofCase.NullValue);
        Assert.Equal("QUERIER", await DirectUserRoleAsync(omni, userId, model.Id));
        Assert.Contains(H.Engine.Logs.All, l => l.Severity == LogSeverity.Info && l.Message.Contains("will set NO_ACCESS", StringComparison.Ordinal));

        var read = await H.RefreshAsync(UserRoleType, "rita-sales", created.Id, created.Properties, inputs);
        Assert.Equal("QUERIER", read.Inputs.Fields["roleName"].StringValue);

        // Changed in Omni's UI: drift on refresh, and the program's role is a change back, in place.
        await omni.ModelRoles.AssignUserRoleAsync(userId, new ModelRoleGrant("MODELER", model.Id));
        var drift = await H.RefreshAsync(UserRoleType, "rita-sales", created.Id, created.Properties, inputs);
        Assert.Equal("MODELER", drift.Inputs.Fields["roleName"].StringValue);
        var diff = await H.DiffAsync(UserRoleType, created.Id, drift.Properties, drift.Inputs, inputs);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffSome, diff.Changes);
        Assert.Empty(diff.Replaces);
        var updated = await H.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = Urn(UserRoleType, "rita-sales"), Type = UserRoleType, Olds = drift.Properties, OldInputs = drift.Inputs, News = inputs,
        });
        Assert.Equal("QUERIER", await DirectUserRoleAsync(omni, userId, model.Id));

        // A new model replaces.
        var moved = await H.DiffAsync(UserRoleType, created.Id, updated.Properties, inputs, UserRole(userId, "QUERIER", modelId: "another-model"));
        Assert.Equal(["modelId"], moved.Replaces);

        await H.Client.DeleteAsync(Delete(UserRoleType, "rita-sales", created.Id, updated.Properties));
        Assert.Equal("NO_ACCESS", await DirectUserRoleAsync(omni, userId, model.Id));
        Assert.Contains("base role", Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Destroy_restores_the_direct_role_found_before_creation()
    {
        await H.ConfigureAsync();
        var (userId, model) = await UserAndModelAsync();
        using var omni = H.OutOfBand();
        await omni.ModelRoles.AssignUserRoleAsync(userId, new ModelRoleGrant("VIEWER", model.Id));

        var (created, _) = await H.CreateAsync(UserRoleType, "r", UserRole(userId, "MODELER", modelId: model.Id));
        Assert.Equal("VIEWER", created.Properties.Fields["previousRoleName"].StringValue);
        Assert.Equal("MODELER", await DirectUserRoleAsync(omni, userId, model.Id));

        await H.Client.DeleteAsync(Delete(UserRoleType, "r", created.Id, created.Properties));
        Assert.Equal("VIEWER", await DirectUserRoleAsync(omni, userId, model.Id));
    }

    [Fact]
    public async Task Preview_create_only_reads_and_says_what_destroy_will_do()
    {
        await H.ConfigureAsync();
        var (userId, model) = await UserAndModelAsync();
        var check = await H.CheckAsync(UserRoleType, "p", UserRole(userId, "VIEWER", modelId: model.Id));

        var preview = await H.Client.CreateAsync(new CreateRequest { Urn = Urn(UserRoleType, "p"), Type = UserRoleType, Name = "p", Properties = check.Inputs, Preview = true });

        Assert.Equal("", preview.Id);
        Assert.Equal(0, await H.CountAsync("POST", "/api/v1/users/{id}/model-roles"));
        Assert.Contains("NO_ACCESS", Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Info).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Group_roles_on_a_model_and_on_a_connection_import_by_group_slash_target()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var group = await omni.Groups.CreateAsync("Analysts", []);
        var model = await FirstSharedModelAsync(omni);
        var connection = (await omni.Connections.ListAsync())[0];

        var (onModel, _) = await H.CreateAsync(GroupRoleType, "g-model", GroupRole(group.Id, "QUERIER", modelId: model.Id));
        var (onConnection, _) = await H.CreateAsync(GroupRoleType, "g-conn", GroupRole(group.Id, "CONNECTION_ADMIN", connectionId: connection.Id));
        Assert.Equal($"{group.Id}/{model.Id}", onModel.Id);
        Assert.Equal($"{group.Id}/{connection.Id}", onConnection.Id);

        var importedModel = await H.ImportAsync(GroupRoleType, "g-model", onModel.Id);
        var importedConnection = await H.ImportAsync(GroupRoleType, "g-conn", onConnection.Id);
        Assert.Equal(("QUERIER", model.Id), (importedModel.Inputs.Fields["roleName"].StringValue, importedModel.Inputs.Fields["modelId"].StringValue));
        Assert.False(importedModel.Inputs.Fields.ContainsKey("connectionId") && importedModel.Inputs.Fields["connectionId"].KindCase == Value.KindOneofCase.StringValue);
        Assert.Equal(("CONNECTION_ADMIN", connection.Id),
            (importedConnection.Inputs.Fields["roleName"].StringValue, importedConnection.Inputs.Fields["connectionId"].StringValue));

        var error = await ProviderHarness.FailsAsync(() => H.ImportAsync(GroupRoleType, "x", "just-one-part"));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("joined by '/'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("", (await H.ImportAsync(GroupRoleType, "x", $"{group.Id}/no-such-model")).Id);
    }

    [Fact]
    public async Task Check_wants_exactly_one_of_model_and_connection()
    {
        await H.ConfigureAsync();
        var both = await H.CheckAsync(UserRoleType, "b", UserRole("u1", "VIEWER", modelId: "m", connectionId: "c"));
        var neither = await H.CheckAsync(UserRoleType, "n", UserRole("u1", "VIEWER"));
        var custom = await H.CheckAsync(UserRoleType, "c", UserRole("u1", "Analyst", modelId: "m"));

        Assert.Contains("not both", Assert.Single(both.Failures).Reason, StringComparison.Ordinal);
        Assert.Contains("neither", Assert.Single(neither.Failures).Reason, StringComparison.Ordinal);
        Assert.Empty(custom.Failures);
        Assert.Equal("Analyst", custom.Inputs.Fields["roleName"].StringValue); // a custom role is kept as written
    }

    [Fact]
    public async Task Destroying_a_connection_role_with_none_before_sets_no_access_on_the_connections_schema_model()
    {
        // Omni takes only CONNECTION_ADMIN-based roles on a whole connection ("modelId: Required" for NO_ACCESS),
        // so destroy puts NO_ACCESS on the SCHEMA model, which holds the connection-level row.
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var user = await omni.Users.CreateAsync(new ScimUserCreate("connie@example.com", "Connie"));
        var connection = (await omni.Connections.ListAsync())[0];
        var (created, _) = await H.CreateAsync(UserRoleType, "connie-admin", UserRole(user.Id, "CONNECTION_ADMIN", connectionId: connection.Id));
        var direct = async () => (await omni.ModelRoles.GetUserRolesAsync(user.Id, connectionId: connection.Id))
            .Where(r => r.From.Type == ModelRoleOriginType.User && r.ConnectionId == connection.Id).Select(r => r.RoleName).Distinct().ToList();
        Assert.Equal(["CONNECTION_ADMIN"], await direct());

        await H.Client.DeleteAsync(Delete(UserRoleType, "connie-admin", created.Id, created.Properties));

        Assert.Equal(["NO_ACCESS"], await direct());
        Assert.Contains("NO_ACCESS", Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_after_the_user_is_deleted_is_gone_with_a_warning_and_destroy_is_done()
    {
        await H.ConfigureAsync();
        var (userId, model) = await UserAndModelAsync();
        var (created, inputs) = await H.CreateAsync(UserRoleType, "r", UserRole(userId, "VIEWER", modelId: model.Id));
        using var omni = H.OutOfBand();
        await omni.Users.DeleteAsync(userId);

        var read = await H.RefreshAsync(UserRoleType, "r", created.Id, created.Properties, inputs);
        await H.Client.DeleteAsync(Delete(UserRoleType, "r", created.Id, created.Properties));

        Assert.Equal("", read.Id);
        Assert.Contains("is gone from Omni", Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_role_name_fails_naming_roleName()
    {
        await H.ConfigureAsync();
        var (userId, model) = await UserAndModelAsync();
        var check = await H.CheckAsync(UserRoleType, "r", UserRole(userId, "NOT_A_ROLE", modelId: model.Id));

        var error = await ProviderHarness.FailsAsync(() =>
            H.Client.CreateAsync(new CreateRequest { Urn = Urn(UserRoleType, "r"), Type = UserRoleType, Name = "r", Properties = check.Inputs }).ResponseAsync);

        Assert.Contains("roleName", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_403_from_omni_names_the_call()
    {
        await H.ConfigureAsync();
        var (userId, model) = await UserAndModelAsync();
        await H.AddFaultAsync(new { method = "POST", path = $"/api/v1/users/{userId}/model-roles", status = 403, phase = "before" });
        var check = await H.CheckAsync(UserRoleType, "r", UserRole(userId, "VIEWER", modelId: model.Id));

        var error = await ProviderHarness.FailsAsync(() =>
            H.Client.CreateAsync(new CreateRequest { Urn = Urn(UserRoleType, "r"), Type = UserRoleType, Name = "r", Properties = check.Inputs }).ResponseAsync);

        Assert.Contains($"POST /api/v1/users/{userId}/model-roles", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("403", error.Status.Detail, StringComparison.Ordinal);
    }
}
