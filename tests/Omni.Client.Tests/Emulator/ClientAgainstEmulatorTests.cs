using System.Net;
using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Emulator;

/// <summary>Every client call against the emulator, which models Omni's dialect.</summary>
public sealed class ClientAgainstEmulatorTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorHost _emulator = fixture.Host;

    public Task InitializeAsync() => _emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Users_can_be_created_read_found_listed_patched_replaced_and_deleted()
    {
        using var client = _emulator.CreateClient();

        var me = await client.WhoAmIAsync();
        Assert.True(me.IsOrganizationKey);
        var definitions = await client.UserAttributes.ListAsync();
        Assert.NotEmpty(definitions);

        var created = await client.Users.CreateAsync(new ScimUserCreate("alice@example.com", "Alice",
            new Dictionary<string, AttributeValue> { ["region"] = AttributeValue.Of("us") }));
        Assert.Equal("alice@example.com", created.UserName);
        Assert.True(created.Active);

        Assert.Equal(created.Id, (await client.Users.GetAsync(created.Id))!.Id);
        Assert.Equal(created.Id, (await client.Users.FindByUserNameAsync("ALICE@example.COM"))!.Id);
        Assert.Null(await client.Users.FindByUserNameAsync("nobody@example.com"));

        var patched = await client.Users.PatchAsync(created.Id, new ScimUserPatch()
            .SetDisplayName("Alice B")
            .SetAttribute("region", AttributeValue.Of("eu"))
            .SetActive(false));
        Assert.Equal("Alice B", patched.DisplayName);
        Assert.False(patched.Active);
        Assert.Equal(AttributeValue.Of("eu"), patched.Attributes["region"]);

        var cleared = await client.Users.PatchAsync(created.Id, new ScimUserPatch().ClearAttribute("region"));
        Assert.False(cleared.Attributes.ContainsKey("region"));

        var duplicate = await Assert.ThrowsAsync<OmniConflictException>(() => client.Users.CreateAsync(new ScimUserCreate("Alice@Example.com", "Again")));
        Assert.Equal("Alice@Example.com", duplicate.UserName);

        await client.Users.DeleteAsync(created.Id);
        await client.Users.DeleteAsync(created.Id); // already gone is fine
        Assert.Null(await client.Users.GetAsync(created.Id));
    }

    [Fact]
    public async Task Groups_can_be_created_found_renamed_given_members_and_deleted()
    {
        using var client = _emulator.CreateClient();
        var alice = await client.Users.CreateAsync(new ScimUserCreate("alice@example.com", "Alice"));
        var bob = await client.Users.CreateAsync(new ScimUserCreate("bob@example.com", "Bob"));
        var carol = await client.Users.CreateAsync(new ScimUserCreate("carol@example.com", "Carol"));

        var group = await client.Groups.CreateAsync("Engineering", [alice.Id]);
        Assert.Equal([alice.Id], group.Members.Select(m => m.Value));
        Assert.Equal(group.Id, (await client.Groups.FindByDisplayNameAsync("engineering"))!.Id);
        Assert.Empty((await client.Groups.GetAsync(group.Id, excludeMembers: true))!.Members);

        group = await client.Groups.AddMembersAsync(group.Id, [bob.Id, carol.Id]);
        Assert.Equal(3, group.Members.Count);
        group = await client.Groups.RemoveMembersAsync(group.Id, [alice.Id]);
        Assert.Equal(new[] { bob.Id, carol.Id }.Order(), group.Members.Select(m => m.Value).Order());
        group = await client.Groups.ReplaceAsync(group.Id, null, [alice.Id]);
        Assert.Equal([alice.Id], group.Members.Select(m => m.Value));
        group = await client.Groups.ReplaceAsync(group.Id, "Platform", null);
        Assert.Equal("Platform", group.DisplayName);

        var groups = new List<ScimGroup>();
        await foreach (var g in client.Groups.ListAsync())
        {
            groups.Add(g);
        }
        Assert.Equal(["Platform"], groups.Select(g => g.DisplayName));
        Assert.Contains((await client.Users.GetAsync(alice.Id))!.Groups, g => g.Value == group.Id);

        await client.Groups.DeleteAsync(group.Id);
        await client.Groups.DeleteAsync(group.Id);
        Assert.Null(await client.Groups.GetAsync(group.Id));
    }

    [Fact]
    public async Task Listing_pages_through_250_users_each_exactly_once()
    {
        using var client = _emulator.CreateClient();
        await Parallel.ForEachAsync(Enumerable.Range(0, 250), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await client.Users.CreateAsync(new ScimUserCreate($"user{i:D3}@example.com", $"User {i}"), ct));

        foreach (var pageSize in new[] { 100, 7 })
        {
            var names = new List<string>();
            await foreach (var user in client.Users.ListAsync(pageSize: pageSize))
            {
                names.Add(user.UserName);
            }
            Assert.Equal(250, names.Count);
            Assert.Equal(250, names.Distinct().Count());
        }
        Assert.Equal(3 + 36, await _emulator.CountAsync(200, "GET /api/scim/v2/users")); // 3 pages of 100, 36 of 7: no extra pages
    }

    [Fact]
    public async Task Two_503s_then_success_on_get_are_retried_transparently()
    {
        using var client = _emulator.CreateClient();
        var alice = await client.Users.CreateAsync(new ScimUserCreate("alice@example.com", "Alice"));
        await _emulator.AddFaultAsync($$"""{"method":"GET","path":"/api/scim/v2/users/{{alice.Id}}","status":503,"phase":"before","count":2}""");

        var read = await client.Users.GetAsync(alice.Id);

        Assert.Equal(alice.Id, read!.Id);
        Assert.Equal(2, await _emulator.CountAsync(503));
        Assert.Equal(1, await _emulator.CountAsync(200, "GET /api/scim/v2/users/{id}"));
    }

    [Fact]
    public async Task A_connection_dropped_after_the_create_was_applied_leaves_one_user_and_returns_it()
    {
        using var client = _emulator.CreateClient();
        await _emulator.AddFaultAsync("""{"method":"POST","path":"/api/scim/v2/users","drop":true,"phase":"after","count":1}""");

        var created = await client.Users.CreateAsync(new ScimUserCreate("dana@example.com", "Dana"));

        Assert.Equal("dana@example.com", created.UserName);
        var all = new List<ScimUser>();
        await foreach (var user in client.Users.ListAsync())
        {
            all.Add(user);
        }
        Assert.Equal([created.Id], all.Select(u => u.Id));
        Assert.Equal(0, await _emulator.CountAsync(409));
    }

    [Fact]
    public async Task A_gateway_error_after_the_create_was_applied_is_resolved_without_a_409()
    {
        using var client = _emulator.CreateClient();
        await _emulator.AddFaultAsync("""{"method":"POST","path":"/api/scim/v2/users","status":502,"phase":"after","count":1}""");

        var created = await client.Users.CreateAsync(new ScimUserCreate("erin@example.com", "Erin"));

        Assert.Equal("erin@example.com", created.UserName);
        Assert.Equal(1, await _emulator.CountAsync(502));
        Assert.Equal(0, await _emulator.CountAsync(409));
    }

    [Fact]
    public async Task A_wrong_key_is_an_authentication_error_with_the_fix()
    {
        using var client = new OmniClient(new OmniClientOptions { BaseUrl = _emulator.Server.BaseUrl.ToString(), ApiKey = "wrong", RequestsPerMinute = 0 },
            rateLimiters: new RateLimiterRegistry());

        var error = await Assert.ThrowsAsync<OmniAuthenticationException>(() => client.Users.GetAsync("x"));

        Assert.Contains(error.StatusCode, new HttpStatusCode?[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Contains("Organization API key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_normaliser_predicts_what_the_emulator_stores_for_number_and_multi_valued_attributes()
    {
        // No false diff: what Normalize(input, definition) says is what comes back after sending the input as typed.
        using var client = _emulator.CreateClient();
        var definitions = (await client.UserAttributes.ListAsync()).ToDictionary(d => d.Name);
        var user = await client.Users.CreateAsync(new ScimUserCreate("numbers@example.com", "Numbers"));

        foreach (var (name, typed) in new[]
                 {
                     ("level", "3.50"), ("level", "1e3"), ("level", "007"), ("level", "-0.50"), ("level", "0.000"),
                     ("level", "1e40"), ("level", " 42 "), ("regions", "us"),
                 })
        {
            var stored = await client.Users.PatchAsync(user.Id, new ScimUserPatch().SetAttribute(name, AttributeValue.Of(typed)));

            Assert.Equal(AttributeValue.Normalize(typed, definitions[name]), stored.Attributes[name]);
            Assert.NotEqual(AttributeValue.Normalize(typed), stored.Attributes[name]); // without the definition it would differ
        }
    }
}
