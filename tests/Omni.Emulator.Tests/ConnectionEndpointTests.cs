using System.Text.Json.Nodes;
using Omni.Emulator.Tests.Infrastructure;

namespace Omni.Emulator.Tests;

public sealed class ConnectionEndpointTests
{
    [Fact]
    public async Task A_connection_is_created_read_listed_and_never_returns_its_credentials()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var created = await emulator.PostAsync("/api/v1/connections",
            $$"""{"name": "Prod", "dialect": "snowflake", "passwordUnencrypted": "{{Catalog.Password}}", "privateKey": "-----BEGIN PRIVATE KEY-----abc", "oauthClientSecretUnencrypted": "oauth-secret-value", "warehouse": "WH", "database": "PROD", "defaultSchema": "PUBLIC", "baseRole": "VIEWER"}""");
        var createdText = await created.Content.ReadAsStringAsync();
        var id = (await Responses.ExpectAsync(created, 201)).Str("data");

        var connection = await emulator.GetConnectionAsync(id);
        Assert.Equal("Prod", connection.Str("name"));
        Assert.Equal("snowflake", connection.Str("dialect"));
        Assert.Equal("VIEWER", connection.Str("baseRole"));
        Assert.Null(connection["defaultSchema"]); // as Omni stores it for Snowflake
        Assert.Null(connection["deletedAt"]);

        var list = await (await emulator.GetAsync("/api/v1/connections")).Content.ReadAsStringAsync();
        foreach (var text in new[] { createdText, connection.ToJsonString(), list })
        {
            Assert.DoesNotContain(Catalog.Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain("BEGIN PRIVATE KEY", text, StringComparison.Ordinal);
            Assert.DoesNotContain("oauth-secret-value", text, StringComparison.Ordinal);
            Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_seeded_connection_is_there_with_its_schema_and_shared_model()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var connections = (await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/connections"), 200))["connections"]!.AsArray();
        var seeded = Assert.Single(connections);
        Assert.Equal("Emulator Warehouse", seeded.Str("name"));
        Assert.Equal(Storage.CatalogSeed.ConnectionId("Emulator Warehouse"), seeded.Str("id"));
        var models = await emulator.ModelsAsync();
        Assert.Equal(["SCHEMA", "SHARED"], models.Select(m => m.Str("modelKind")));
        Assert.Equal("Emulator Shared Model", models[1].Str("name"));
    }

    [Theory]
    [InlineData("""{"dialect": "postgres", "passwordUnencrypted": "x"}""", "name: Required")]
    [InlineData("""{"name": "a", "passwordUnencrypted": "x"}""", "dialect: Required")]
    [InlineData("""{"name": "a", "dialect": "fabric2", "passwordUnencrypted": "x"}""", "dialect: Invalid enum value")]
    [InlineData("""{"name": "a", "dialect": "postgres"}""", "passwordUnencrypted: Required")]
    [InlineData("""{"name": "a", "dialect": "postgres", "passwordUnencrypted": 5}""", "passwordUnencrypted: Expected a string, received a number")]
    [InlineData("""{"name": "a", "dialect": "postgres", "passwordUnencrypted": "x", "queryTimeoutSeconds": 3601}""", "queryTimeoutSeconds")]
    [InlineData("""{"name": "a", "dialect": "postgres", "passwordUnencrypted": "x", "port": "5432"}""", "port: Expected an integer")]
    [InlineData("""{"name": "a", "dialect": "mssql", "passwordUnencrypted": "x"}""", "defaultSchema: Required for mssql")]
    [InlineData("""{"name": "a", "dialect": "bigquery", "passwordUnencrypted": "{}"}""", "region: Required for bigquery")]
    [InlineData("""{"name": "a", "dialect": "snowflake", "passwordUnencrypted": "x", "host": "h", "hostOverride": "o"}""", "hostOverride")]
    [InlineData("""{"name": "a", "dialect": "postgres", "passwordUnencrypted": "x", "baseRole": "OWNER"}""", "baseRole: Invalid enum value")]
    [InlineData("""{"name": "a", "dialect": "postgres", "passwordUnencrypted": "x", "hots": "typo"}""", "'hots'")]
    [InlineData("""{"name": "a", "name": "b", "dialect": "postgres", "passwordUnencrypted": "x"}""", "a key appears twice")]
    public async Task Create_refuses_bad_bodies_naming_the_field(string body, string expected)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var message = await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/connections", body), 400);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Snowflake_key_pair_connection_needs_no_password()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/connections",
            """{"name": "kp", "dialect": "snowflake", "privateKey": "MIIEvQ", "username": "svc"}"""), 201);
    }

    [Fact]
    public async Task Patch_changes_base_role_credentials_and_environment_attribute_and_refuses_other_fields()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await emulator.CreateConnectionAsync();

        var patched = await Responses.ExpectAsync(await emulator.PatchAsync($"/api/v1/connections/{id}",
            """{"baseRole": "MODELER", "passwordUnencrypted": "rotated-secret", "environmentUserAttribute": {"attributeName": "region", "defaultValues": ["us", "eu"]}}"""), 200);
        Assert.True((bool)patched["success"]!);
        Assert.DoesNotContain("rotated-secret", patched.ToJsonString(), StringComparison.Ordinal);
        var connection = await emulator.GetConnectionAsync(id);
        Assert.Equal("MODELER", connection.Str("baseRole"));
        Assert.Equal("region", connection.Str("userAttributeNameForConnectionsEnvironments"));
        Assert.Equal(["us", "eu"], connection["userAttributeValuesForDefaultEnvironment"]!.AsArray().Select(v => (string)v!));

        await Responses.ExpectAsync(await emulator.PatchAsync($"/api/v1/connections/{id}", """{"environmentUserAttribute": null}"""), 200);
        connection = await emulator.GetConnectionAsync(id);
        Assert.Null(connection["userAttributeNameForConnectionsEnvironments"]);
        Assert.Null(connection["userAttributeValuesForDefaultEnvironment"]);

        Assert.Contains("At least one field", await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/v1/connections/{id}", "{}"), 400),
            StringComparison.Ordinal);
        Assert.Contains("'name'", await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/v1/connections/{id}", """{"name": "x"}"""), 400),
            StringComparison.Ordinal);
        await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/v1/connections/{Guid.NewGuid()}", """{"baseRole": "VIEWER"}"""), 404);
    }

    [Fact]
    public async Task Delete_is_soft_answers_410_the_second_time_and_takes_the_models_along()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await emulator.CreateConnectionAsync();
        var modelId = await emulator.CreateSharedModelAsync(id);

        await Responses.ExpectAsync(await emulator.DeleteAsync($"/api/v1/connections/{id}"), 200);
        Assert.Equal("Connection has been deleted", await Responses.ExpectErrorAsync(await emulator.DeleteAsync($"/api/v1/connections/{id}"), 410));
        await Responses.ExpectErrorAsync(await emulator.PatchAsync($"/api/v1/connections/{id}", """{"baseRole": "VIEWER"}"""), 410);
        await Responses.ExpectErrorAsync(await emulator.DeleteAsync($"/api/v1/connections/{Guid.NewGuid()}"), 404);

        Assert.NotNull((await emulator.GetConnectionAsync(id))["deletedAt"]);
        var active = (await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/connections"), 200))["connections"]!.AsArray();
        Assert.DoesNotContain(active, c => c.Str("id") == id);
        var withDeleted = (await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/connections?includeDeleted=true"), 200))["connections"]!.AsArray();
        Assert.Contains(withDeleted, c => c.Str("id") == id);
        Assert.DoesNotContain(await emulator.ModelsAsync(), m => m.Str("id") == modelId);
        Assert.Contains(await emulator.ModelsAsync("&includeDeleted=1"), m => m.Str("id") == modelId);
    }

    [Fact]
    public async Task The_list_filters_by_name_database_and_dialect_and_sorts()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o with { SeedConnections = [], SeedSharedModels = [] });
        await emulator.CreateConnectionAsync("Beta Prod");
        await emulator.CreateConnectionAsync("alpha prod", "mysql");
        await emulator.CreateConnectionAsync("Gamma Dev", "mssql");

        async Task<string[]> NamesAsync(string query) =>
            [.. (await Responses.ExpectAsync(await emulator.GetAsync($"/api/v1/connections{query}"), 200))["connections"]!.AsArray().Select(c => c.Str("name"))];

        Assert.Equal(["alpha prod", "Beta Prod", "Gamma Dev"], await NamesAsync(""));
        Assert.Equal(["Gamma Dev", "Beta Prod", "alpha prod"], await NamesAsync("?sortDirection=desc"));
        Assert.Equal(["alpha prod", "Beta Prod"], await NamesAsync("?name=PROD"));
        Assert.Equal(["alpha prod", "Gamma Dev"], await NamesAsync("?dialect=mysql,mssql"));
        Assert.Equal(["alpha prod", "Beta Prod", "Gamma Dev"], await NamesAsync("?database=ANALY"));
        Assert.Empty(await NamesAsync("?database=nothing"));
        Assert.Contains("sortField", await Responses.ExpectErrorAsync(await emulator.GetAsync("/api/v1/connections?sortField=id"), 400),
            StringComparison.Ordinal);
        // mssql is read back as Omni's read enum spells it.
        Assert.Equal("sqlserver",
            (await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/connections?dialect=mssql"), 200))["connections"]![0].Str("dialect"));
    }

    [Fact]
    public async Task Environments_link_connections_of_one_dialect_once_and_can_be_updated_and_deleted()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var prod = await emulator.CreateConnectionAsync("prod");
        var staging = await emulator.CreateConnectionAsync("staging");
        var dev = await emulator.CreateConnectionAsync("dev");
        var other = await emulator.CreateConnectionAsync("mysql", "mysql");

        var created = await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/connection-environments",
            $$"""{"baseConnectionId": "{{prod}}", "environmentConnectionIds": ["{{staging}}"]}"""), 201);
        var environment = Assert.Single(created["connectionEnvironments"]!.AsArray());
        Assert.Equal(prod, environment.Str("baseConnectionId"));
        Assert.Equal(staging, environment.Str("connectionId"));
        Assert.Empty(environment!["userAttributeValues"]!.AsArray());
        var environmentId = environment.Str("id");

        // DOCS' comma-separated form is accepted too.
        await Responses.ExpectAsync(await emulator.PostAsync("/api/v1/connection-environments",
            $$"""{"baseConnectionId": "{{prod}}", "environmentConnectionIds": "{{dev}}"}"""), 201);

        Assert.Contains("already part", await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/connection-environments",
            $$"""{"baseConnectionId": "{{prod}}", "environmentConnectionIds": ["{{staging}}"]}"""), 400), StringComparison.Ordinal);
        Assert.Contains("dialect", await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/connection-environments",
            $$"""{"baseConnectionId": "{{prod}}", "environmentConnectionIds": ["{{other}}"]}"""), 400), StringComparison.Ordinal);
        Assert.Contains("itself", await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/connection-environments",
            $$"""{"baseConnectionId": "{{other}}", "environmentConnectionIds": ["{{other}}"]}"""), 400), StringComparison.Ordinal);
        await Responses.ExpectErrorAsync(await emulator.PostAsync("/api/v1/connection-environments",
            $$"""{"baseConnectionId": "{{prod}}", "environmentConnectionIds": ["{{Guid.NewGuid()}}"]}"""), 404);

        await Responses.ExpectAsync(await emulator.PutAsync($"/api/v1/connection-environments/{environmentId}",
            """{"userAttributeValues": ["staging", "qa"]}"""), 200);
        Assert.Contains("'baseConnectionId'", await Responses.ExpectErrorAsync(await emulator.PutAsync(
            $"/api/v1/connection-environments/{environmentId}", $$"""{"userAttributeValues": [], "baseConnectionId": "{{dev}}"}"""), 400),
            StringComparison.Ordinal);
        var list = (await Responses.ExpectAsync(await emulator.GetAsync("/api/v1/connection-environments"), 200))["connectionEnvironments"]!.AsArray();
        Assert.Equal(2, list.Count);
        Assert.Equal(["staging", "qa"], list.Single(e => e.Str("id") == environmentId)!["userAttributeValues"]!.AsArray().Select(v => (string)v!));

        await Responses.ExpectAsync(await emulator.DeleteAsync($"/api/v1/connection-environments/{environmentId}"), 200);
        await Responses.ExpectErrorAsync(await emulator.DeleteAsync($"/api/v1/connection-environments/{environmentId}"), 404);
        await Responses.ExpectErrorAsync(await emulator.PutAsync($"/api/v1/connection-environments/{environmentId}", """{"userAttributeValues": []}"""), 404);
    }

    [Fact]
    public async Task Schedules_are_created_read_replaced_and_deleted_with_cron_and_zone_checked()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await emulator.CreateConnectionAsync();
        var path = $"/api/v1/connections/{id}/schedules";

        var created = await Responses.ExpectAsync(await emulator.PostAsync(path, """{"schedule": "0 2 * * ? *", "timezone": "America/New_York"}"""), 201);
        var scheduleId = created.Str("scheduleId");
        Assert.Equal(id, created.Str("connectionId"));
        Assert.Contains("02:00", created.Str("description"), StringComparison.Ordinal);
        Assert.Null(created["disabledAt"]);

        var replaced = await Responses.ExpectAsync(await emulator.PutAsync($"{path}/{scheduleId}", """{"schedule": "30 6 ? * MON-FRI *", "timezone": "UTC"}"""), 200);
        Assert.Equal("30 6 ? * MON-FRI *", replaced.Str("schedule"));
        Assert.Equal("UTC", (await Responses.ExpectAsync(await emulator.GetAsync($"{path}/{scheduleId}"), 200)).Str("timezone"));
        Assert.Single((await Responses.ExpectAsync(await emulator.GetAsync(path), 200))["schedules"]!.AsArray());

        foreach (var bad in new[] { "0 2 * * *", "0 25 * * ? *", "0 2 * * * *", "0 2 ? * ? *", "x 2 * * ? *" })
        {
            Assert.StartsWith("schedule:", await Responses.ExpectErrorAsync(await emulator.PostAsync(path, $$"""{"schedule": "{{bad}}", "timezone": "UTC"}"""), 400),
                StringComparison.Ordinal);
        }

        Assert.StartsWith("timezone:", await Responses.ExpectErrorAsync(await emulator.PostAsync(path, """{"schedule": "0 2 * * ? *", "timezone": "Mars/Base"}"""), 400),
            StringComparison.Ordinal);
        Assert.StartsWith("timezone:", await Responses.ExpectErrorAsync(await emulator.PutAsync($"{path}/{scheduleId}", """{"schedule": "0 2 * * ? *"}"""), 400),
            StringComparison.Ordinal);

        await Responses.ExpectAsync(await emulator.DeleteAsync($"{path}/{scheduleId}"), 200);
        await Responses.ExpectErrorAsync(await emulator.DeleteAsync($"{path}/{scheduleId}"), 404);
        await Responses.ExpectErrorAsync(await emulator.GetAsync($"/api/v1/connections/{Guid.NewGuid()}/schedules"), 404);
    }

    [Fact]
    public async Task A_personal_token_is_refused_where_an_admin_is_needed_and_reads_what_its_base_role_allows()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var querier = await emulator.CreateConnectionAsync("q", extraJson: """, "baseRole": "QUERIER" """);
        var hidden = await emulator.CreateConnectionAsync("n", extraJson: """, "baseRole": "NO_ACCESS" """);
        var administered = await emulator.CreateConnectionAsync("a", extraJson: """, "baseRole": "CONNECTION_ADMIN" """);
        using var pat = emulator.ClientWithToken(TestEmulator.Pat);

        async Task<string> RefusedAsync(HttpMethod method, string path, string? json = null) =>
            await Responses.ExpectErrorAsync(await TestEmulatorClient.SendAsync(pat, method, path, json), 403);

        Assert.Equal("Permission denied - admin role required", await RefusedAsync(HttpMethod.Get, "/api/v1/connections"));
        await RefusedAsync(HttpMethod.Post, "/api/v1/connections", """{"name": "x", "dialect": "postgres", "passwordUnencrypted": "p"}""");
        await RefusedAsync(HttpMethod.Get, "/api/v1/connection-environments");
        await RefusedAsync(HttpMethod.Get, $"/api/v1/connections/{hidden}");
        await RefusedAsync(HttpMethod.Patch, $"/api/v1/connections/{querier}", """{"baseRole": "VIEWER"}""");
        await RefusedAsync(HttpMethod.Get, $"/api/v1/connections/{querier}/schedules");
        await RefusedAsync(HttpMethod.Delete, $"/api/v1/connections/{querier}");

        await Responses.ExpectAsync(await pat.GetAsync(new Uri($"/api/v1/connections/{querier}", UriKind.Relative)), 200);
        await Responses.ExpectAsync(await TestEmulatorClient.SendAsync(pat, HttpMethod.Patch, $"/api/v1/connections/{administered}",
            """{"baseRole": "CONNECTION_ADMIN"}"""), 200);
    }
}
