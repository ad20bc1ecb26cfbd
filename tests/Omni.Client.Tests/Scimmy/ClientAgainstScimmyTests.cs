using System.Net;
using Omni.Client.Tests.Support;

namespace Omni.Client.Tests.Scimmy;

/// <summary>
/// The client against scimmy, a SCIM server nobody here wrote: RFC 7644 mechanics (filters, paging, PatchOp,
/// 204 on a no-op PATCH, RFC error bodies). Each test clears the users it made; the server is shared per class.
/// </summary>
public sealed class ClientAgainstScimmyTests(ScimmyServer scimmy) : IClassFixture<ScimmyServer>, IAsyncLifetime
{
    /// <summary>Reports the test as skipped, with the reason, when scimmy or node is not installed here.</summary>
    private void SkipUnlessScimmyRuns() => Skip.If(scimmy.SkipReason is not null, scimmy.SkipReason);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (scimmy.SkipReason is not null)
        {
            return;
        }
        using var client = scimmy.CreateClient();
        var all = new List<ScimUser>();
        await foreach (var user in client.Users.ListAsync())
        {
            all.Add(user);
        }
        foreach (var user in all)
        {
            await client.Users.DeleteAsync(user.Id);
        }
    }

    [SkippableFact]
    public async Task Create_get_find_replace_and_delete()
    {
        SkipUnlessScimmyRuns();
        using var client = scimmy.CreateClient();

        var created = await client.Users.CreateAsync(new ScimUserCreate("alice@example.com", "Alice",
            new Dictionary<string, AttributeValue> { ["region"] = AttributeValue.Of("us") }));
        Assert.Equal(AttributeValue.Of("us"), created.Attributes["region"]);
        Assert.NotNull(created.Meta?.Created);

        Assert.Equal(created.Id, (await client.Users.GetAsync(created.Id))!.Id);
        Assert.Equal(created.Id, (await client.Users.FindByUserNameAsync("ALICE@EXAMPLE.COM"))!.Id);
        Assert.Null(await client.Users.FindByUserNameAsync("nobody@example.com"));
        Assert.Null(await client.Users.GetAsync("does-not-exist"));

        await client.Users.DeleteAsync(created.Id);
        await client.Users.DeleteAsync(created.Id);
        Assert.Null(await client.Users.GetAsync(created.Id));
    }

    [SkippableFact]
    public async Task Filters_are_escaped_and_passed_through()
    {
        SkipUnlessScimmyRuns();
        using var client = scimmy.CreateClient();
        // Characters that must be URL-encoded (+, &, ', %, space). Quotes and backslashes are escaped too (unit
        // tests check it), but scimmy's filter tokenizer does not understand \" inside a string literal.
        var tricky = await client.Users.CreateAsync(new ScimUserCreate("o'brien+tag&x%20y z@example.com", "Tricky"));
        await client.Users.CreateAsync(new ScimUserCreate("bob@example.com", "Bob"));

        Assert.Equal(tricky.Id, (await client.Users.FindByUserNameAsync("O'Brien+TAG&x%20y Z@example.com"))!.Id);

        var bobs = new List<ScimUser>();
        await foreach (var user in client.Users.ListAsync("displayName sw \"Bo\""))
        {
            bobs.Add(user);
        }
        Assert.Equal(["bob@example.com"], bobs.Select(u => u.UserName));
    }

    [SkippableFact]
    public async Task Paging_walks_every_page_and_stops_past_the_end()
    {
        SkipUnlessScimmyRuns();
        using var client = scimmy.CreateClient();
        for (var i = 0; i < 11; i++)
        {
            await client.Users.CreateAsync(new ScimUserCreate($"page{i:D2}@example.com", $"Page {i}"));
        }

        foreach (var pageSize in new[] { 5, 3, 100 })
        {
            var names = new List<string>();
            await foreach (var user in client.Users.ListAsync(pageSize: pageSize))
            {
                names.Add(user.UserName);
            }
            Assert.Equal(11, names.Distinct().Count());
            Assert.Equal(11, names.Count);
        }
    }

    [SkippableFact]
    public async Task Patch_answers_200_with_the_user_or_204_on_a_no_op_and_both_return_the_user()
    {
        SkipUnlessScimmyRuns();
        var logs = new RecordingLoggerFactory();
        using var client = scimmy.CreateClient(logs);
        var user = await client.Users.CreateAsync(new ScimUserCreate("carol@example.com", "Carol"));

        var renamed = await client.Users.PatchAsync(user.Id, new ScimUserPatch().SetDisplayName("Carol B").SetActive(false));
        Assert.Equal("Carol B", renamed.DisplayName);
        Assert.False(renamed.Active);

        var unchanged = await client.Users.PatchAsync(user.Id, new ScimUserPatch().SetDisplayName("Carol B"));
        Assert.Equal("Carol B", unchanged.DisplayName);
        Assert.Contains(logs.Lines, line => line.Contains("PATCH /api/scim/v2/users/" + user.Id + " answered 204", StringComparison.Ordinal));

        var merged = await client.Users.PatchAsync(user.Id, new ScimUserPatch().SetAttribute("region", AttributeValue.Of("eu")));
        Assert.Equal(AttributeValue.Of("eu"), merged.Attributes["region"]);
    }

    [SkippableFact]
    public async Task Rfc_error_bodies_become_typed_errors_with_the_servers_detail()
    {
        SkipUnlessScimmyRuns();
        using var client = scimmy.CreateClient();
        await client.Users.CreateAsync(new ScimUserCreate("dave@example.com", "Dave"));

        var conflict = await Assert.ThrowsAsync<OmniConflictException>(() => client.Users.CreateAsync(new ScimUserCreate("DAVE@example.com", "Dave 2")));
        Assert.Equal("userName DAVE@example.com is already taken (scimType uniqueness)", conflict.OmniMessage);
        Assert.Equal("DAVE@example.com", conflict.UserName);

        var badFilter = await Assert.ThrowsAsync<OmniApiException>(async () =>
        {
            await foreach (var _ in client.Users.ListAsync("userName xx \"a\""))
            {
            }
        });
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Contains("scimType invalidFilter", badFilter.OmniMessage, StringComparison.Ordinal);

        using var wrongKey = scimmy.CreateClient(token: "not-the-token");
        var auth = await Assert.ThrowsAsync<OmniAuthenticationException>(() => wrongKey.Users.GetAsync("x"));
        Assert.Equal("Invalid bearer token", auth.OmniMessage);
        Assert.DoesNotContain("not-the-token", auth.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Omnis_arbitrary_attribute_keys_are_what_scimmy_cannot_show_so_those_checks_run_against_the_emulator()
    {
        SkipUnlessScimmyRuns();
        using var client = scimmy.CreateClient();

        // The reason for the first skip below, shown rather than asserted from memory: scimmy drops unknown keys.
        var user = await client.Users.CreateAsync(new ScimUserCreate("erin@example.com", "Erin",
            new Dictionary<string, AttributeValue> { ["region"] = AttributeValue.Of("us"), ["cost_center"] = AttributeValue.Of("42") }));
        Assert.True(user.Attributes.ContainsKey("region"));
        Assert.False(user.Attributes.ContainsKey("cost_center"));
    }

    /// <summary>Omni's dialect that scimmy does not speak: reported as skipped, each with its reason; the emulator tests cover them.</summary>
    [Theory]
    [InlineData("arbitrary attribute keys", Skip = "scimmy's extension schema is typed and silently drops unknown keys (shown above); covered against the emulator")]
    [InlineData("non-string attribute values and clearing with null", Skip = "scimmy answers 400 invalidValue for a typed string attribute; covered against the emulator")]
    [InlineData("Omni's {error, message} bodies and 403 for a bad token", Skip = "scimmy speaks RFC 7644 §3.12 error bodies and 401; covered by the unit error tests and the emulator")]
    [InlineData("/api/v1/whoami and /api/v1/user-attributes", Skip = "not SCIM endpoints; covered against the emulator")]
    [InlineData("groups", Skip = "this scimmy server declares only the User resource; covered against the emulator")]
    [InlineData("userNames containing \" or \\ in a filter", Skip = "scimmy's filter tokenizer rejects RFC-escaped string literals; the escaping is unit-tested")]
    public void Omni_dialect_scimmy_does_not_speak(string feature) =>
        Assert.Fail($"{feature}: only ever skipped against scimmy; remove the row if a scimmy version speaks it");
}
