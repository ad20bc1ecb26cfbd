using System.Net;
using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Emulator;

/// <summary>The connection, model and model-role calls against the emulator.</summary>
public sealed class CatalogClientTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Password = "pa55-WORD-never-shown";
    private readonly EmulatorHost _emulator = fixture.Host;

    public Task InitializeAsync() => _emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<List<T>> AllAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }

    [Fact]
    public async Task Connections_are_created_read_listed_updated_and_deleted_without_their_credentials_coming_back()
    {
        var logs = new RecordingLoggerFactory();
        using var client = new OmniClient(new OmniClientOptions { BaseUrl = _emulator.Server.BaseUrl.ToString(), ApiKey = EmulatorHost.Key, RequestsPerMinute = 0 }, logs);
        var create = new ConnectionCreate("Prod", "postgres")
        {
            Database = "analytics", DefaultSchema = "public", Host = "db.example.com", Port = 5432, Username = "omni", Password = Password, BaseRole = "VIEWER",
            OtherSettings = new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["includeSchemas"] = "public,marts" },
        };
        Assert.DoesNotContain(Password, create.ToString(), StringComparison.Ordinal);

        var id = await client.Connections.CreateAsync(create);
        var connection = await client.Connections.GetAsync(id);
        Assert.NotNull(connection);
        Assert.Equal("Prod", connection.Name);
        Assert.Equal("VIEWER", connection.BaseRole);
        Assert.False(connection.IsDeleted);
        Assert.Contains(await client.Connections.ListAsync(new ConnectionQuery { Name = "pro", Dialects = ["postgres"] }), c => c.Id == id);

        var message = await client.Connections.UpdateAsync(id, new ConnectionUpdate
        {
            BaseRole = "QUERIER", Password = "rotated-" + Password, EnvironmentAttributeName = "region", EnvironmentDefaultValues = ["us"],
        });
        Assert.Contains("credentials", message, StringComparison.Ordinal);
        connection = await client.Connections.GetAsync(id);
        Assert.Equal("QUERIER", connection!.BaseRole);
        Assert.Equal("region", connection.EnvironmentAttributeName);
        Assert.Equal(["us"], connection.EnvironmentDefaultValues);
        await client.Connections.UpdateAsync(id, new ConnectionUpdate { ClearEnvironmentAttribute = true });
        Assert.Null((await client.Connections.GetAsync(id))!.EnvironmentAttributeName);
        Assert.Throws<ArgumentException>(() => client.Connections.UpdateAsync(id, new ConnectionUpdate()).GetAwaiter().GetResult());

        await client.Connections.DeleteAsync(id);
        await client.Connections.DeleteAsync(id); // 410: already in the trash, which is what was wanted
        Assert.True((await client.Connections.GetAsync(id))!.IsDeleted);
        Assert.DoesNotContain(await client.Connections.ListAsync(), c => c.Id == id);
        Assert.Contains(await client.Connections.ListAsync(new ConnectionQuery { IncludeDeleted = true }), c => c.Id == id);
        Assert.Null(await client.Connections.GetAsync(Guid.NewGuid().ToString()));

        var refused = await Assert.ThrowsAsync<OmniApiException>(() => client.Connections.UpdateAsync(id, new ConnectionUpdate { Password = Password }));
        Assert.Equal(HttpStatusCode.Gone, refused.StatusCode);
        Assert.Contains($"PATCH /api/v1/connections/{id} failed: 410", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Connection has been deleted", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_create_names_the_field_without_echoing_the_password()
    {
        using var client = _emulator.CreateClient();
        var error = await Assert.ThrowsAsync<OmniApiException>(() => client.Connections.CreateAsync(new ConnectionCreate("x", "mssql") { Password = Password }));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("POST", error.Method);
        Assert.Equal("/api/v1/connections", error.Path);
        Assert.Contains("defaultSchema: Required for mssql", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environments_and_schedules_round_trip()
    {
        using var client = _emulator.CreateClient();
        var prod = await client.Connections.CreateAsync(new ConnectionCreate("prod", "postgres") { Password = Password });
        var staging = await client.Connections.CreateAsync(new ConnectionCreate("staging", "postgres") { Password = Password });

        var environment = Assert.Single(await client.Connections.CreateEnvironmentsAsync(prod, [staging]));
        Assert.Equal(staging, environment.ConnectionId);
        await client.Connections.UpdateEnvironmentAsync(environment.Id, ["staging"]);
        Assert.Equal(["staging"], Assert.Single(await client.Connections.ListEnvironmentsAsync()).UserAttributeValues);
        await client.Connections.DeleteEnvironmentAsync(environment.Id);
        await client.Connections.DeleteEnvironmentAsync(environment.Id);
        Assert.Empty(await client.Connections.ListEnvironmentsAsync());

        var schedule = await client.Connections.CreateScheduleAsync(prod, "0 2 * * ? *", "Europe/Berlin");
        Assert.Equal("Europe/Berlin", schedule.Timezone);
        var changed = await client.Connections.UpdateScheduleAsync(prod, schedule.ScheduleId, "0 3 * * ? *", "UTC");
        Assert.Equal("0 3 * * ? *", changed.Schedule);
        Assert.Equal(changed, await client.Connections.GetScheduleAsync(prod, schedule.ScheduleId));
        Assert.Single(await client.Connections.ListSchedulesAsync(prod));
        var bad = await Assert.ThrowsAsync<OmniApiException>(() => client.Connections.CreateScheduleAsync(prod, "0 2 * * *", "UTC"));
        Assert.StartsWith("schedule:", bad.OmniMessage, StringComparison.Ordinal);
        await client.Connections.DeleteScheduleAsync(prod, schedule.ScheduleId);
        Assert.Null(await client.Connections.GetScheduleAsync(prod, schedule.ScheduleId));
    }

    [Fact]
    public async Task Models_are_listed_across_pages_created_renamed_linked_to_git_and_archived()
    {
        using var client = _emulator.CreateClient();
        var connection = await client.Connections.CreateAsync(new ConnectionCreate("models", "postgres") { Password = Password });
        for (var i = 0; i < 4; i++)
        {
            await client.Models.CreateAsync(new ModelCreate(connection, $"m{i}"));
        }

        var before = await _emulator.CountAsync(200, "GET /api/v1/models");
        var all = await AllAsync(client.Models.ListAsync(pageSize: 2));
        Assert.Equal(7, all.Count); // seeded SCHEMA + shared, this connection's SCHEMA, four shared
        Assert.Equal(7, all.Select(m => m.Id).Distinct().Count());
        Assert.Equal(4, await _emulator.CountAsync(200, "GET /api/v1/models") - before); // pages of 2, 2, 2 and 1
        Assert.Equal("m2", Assert.Single(await AllAsync(client.Models.ListAsync(new ModelQuery { Name = "m2", ModelKind = "SHARED" })), m => true).Name);

        var model = await client.Models.CreateAsync(new ModelCreate(connection, "Sales"));
        Assert.Equal("SHARED", model.ModelKind);
        Assert.Equal(connection, model.ConnectionId);
        Assert.Equal("Revenue", (await client.Models.RenameAsync(model.Id, "Revenue")).Name);

        Assert.Null(await client.Models.GetGitAsync(model.Id));
        var settings = new ModelGitSettings { CloneUrl = "https://github.com/acme/m.git", AuthMethod = "https_token", Token = "tok_" + "SECRET123" };
        Assert.DoesNotContain("SECRET123", settings.ToString(), StringComparison.Ordinal);
        var git = await client.Models.CreateGitAsync(model.Id, settings);
        Assert.Equal("github", git.GitServiceProvider);
        Assert.Null(git.WebhookSecret);
        Assert.NotNull((await client.Models.GetGitAsync(model.Id, includeWebhookSecret: true))!.WebhookSecret);
        var conflict = await Assert.ThrowsAsync<OmniConflictException>(() => client.Models.CreateGitAsync(model.Id, settings));
        Assert.DoesNotContain("SECRET123", conflict.ToString(), StringComparison.Ordinal);
        Assert.Equal("release", (await client.Models.UpdateGitAsync(model.Id, new ModelGitSettings { BaseBranch = "release" })).BaseBranch);
        await client.Models.DeleteGitAsync(model.Id);
        await client.Models.DeleteGitAsync(model.Id);

        await client.Models.DeleteAsync(model.Id);
        await client.Models.DeleteAsync(model.Id);
        Assert.Null(await client.Models.GetAsync(model.Id));
        Assert.True((await client.Models.GetAsync(model.Id, includeDeleted: true))!.IsDeleted);

        var duplicate = await Assert.ThrowsAsync<OmniApiException>(() => client.Models.CreateAsync(new ModelCreate(connection, "m1")));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
    }

    [Fact]
    public async Task Model_roles_are_assigned_and_read_back_resolved_for_users_and_groups()
    {
        using var client = _emulator.CreateClient();
        var model = (await AllAsync(client.Models.ListAsync(new ModelQuery { ModelKind = "SHARED" }))).Single();
        var user = await client.Users.CreateAsync(new ScimUserCreate("role.user@example.com", "Role User"));
        var group = await client.Groups.CreateAsync("Role Group", [user.Id]);

        var assigned = await client.ModelRoles.AssignUserRoleAsync(user.Id, new ModelRoleGrant("VIEWER", ModelId: model.Id));
        Assert.Equal(user.Id, assigned.SubjectId);
        Assert.Equal(model.ConnectionId, assigned.ConnectionId);
        await client.ModelRoles.AssignUserRoleAsync(user.Id, new ModelRoleGrant("VIEWER", ModelId: model.Id)); // upsert: safe to repeat
        Assert.Equal(group.Id, (await client.ModelRoles.AssignGroupRoleAsync(group.Id, new ModelRoleGrant("MODELER", ModelId: model.Id))).SubjectId);

        var rows = await client.ModelRoles.GetUserRolesAsync(user.Id, modelId: model.Id);
        Assert.Equal([ModelRoleOriginType.User, ModelRoleOriginType.Group, ModelRoleOriginType.Base], rows.Select(r => r.From.Type).Order());
        var effective = Assert.Single(rows, r => r.Resolved == true);
        Assert.Equal("MODELER", effective.RoleName);
        Assert.Equal(group.Id, effective.From.GroupId);
        Assert.Equal("Role Group", effective.From.GroupName);
        var groupRow = Assert.Single(await client.ModelRoles.GetGroupRolesAsync(group.Id));
        Assert.Null(groupRow.Resolved);

        var unknown = await Assert.ThrowsAsync<OmniNotFoundException>(() => client.ModelRoles.GetUserRolesAsync(Guid.NewGuid().ToString()));
        Assert.Contains("User not found", unknown.Message, StringComparison.Ordinal);
        var missingModel = await Assert.ThrowsAsync<OmniNotFoundException>(() =>
            client.ModelRoles.AssignGroupRoleAsync(group.Id, new ModelRoleGrant("VIEWER", ModelId: Guid.NewGuid().ToString())));
        Assert.Contains("Model not found", missingModel.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => client.ModelRoles.AssignUserRoleAsync(user.Id, new ModelRoleGrant("VIEWER")));
    }
}
