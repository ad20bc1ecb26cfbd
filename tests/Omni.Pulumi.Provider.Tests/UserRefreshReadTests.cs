using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Hosting;
using Omni.Pulumi.Provider.Protocol;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>A refresh of N users lists /users once (⌈N/100⌉ pages) instead of N GETs, counted by the
/// emulator; a user missing from the listing is confirmed by a GET; writes make the next Read GET.</summary>
public class UserRefreshReadTests : HarnessTest
{
    private const string Users = "/api/scim/v2/users";
    private const string UserById = "/api/scim/v2/users/{id}";

    private sealed record Managed(string Name, string Id, Struct Properties);

    /// <summary>Users made out of band, held as the engine would after importing them.</summary>
    private async Task<List<Managed>> UsersInOmniAsync(int count)
    {
        using var omni = H.OutOfBand();
        var managed = new List<Managed>();
        for (var i = 0; i < count; i++)
        {
            var user = await omni.Users.CreateAsync(new ScimUserCreate($"user{i}@example.com", $"User {i}"));
            managed.Add(new Managed($"u{i}", user.Id, ProviderHarness.UserInputs(user.UserName, $"User {i}")));
        }

        return managed;
    }

    private Task<ReadResponse> RefreshAsync(Managed m) =>
        H.Client.ReadAsync(new ReadRequest { Id = m.Id, Urn = ProviderHarness.Urn(m.Name), Type = ProviderHarness.UserType, Name = m.Name, Properties = m.Properties, Inputs = m.Properties }).ResponseAsync;

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(250)]
    public async Task A_refresh_of_N_users_costs_one_listing_of_ceiling_N_over_100_pages(int n)
    {
        await H.ConfigureAsync();
        var users = await UsersInOmniAsync(n);
        var before = await H.TotalRequestsAsync();
        var pagesBefore = await H.CountAsync("GET", Users);

        // The engine refreshes with parallelism; some Reads start before the listing is in.
        var reads = new List<ReadResponse>();
        foreach (var batch in users.Chunk(10))
        {
            reads.AddRange(await Task.WhenAll(batch.Select(RefreshAsync)));
        }

        var pages = (n + 99) / 100;
        Assert.Equal(users.Select(u => u.Id), reads.Select(r => r.Id));
        Assert.Equal($"User {n - 1}", reads[^1].Properties.Fields["displayName"].StringValue);
        Assert.InRange(await H.CountAsync("GET", Users) - pagesBefore, pages, pages + 1); // the page past a full one may be asked for
        Assert.Equal(0, await H.CountAsync("GET", UserById));
        Assert.InRange(await H.TotalRequestsAsync() - before, pages, pages + 2);
    }

    [Fact]
    public async Task A_user_deleted_in_Omni_is_confirmed_by_one_GET_then_reported_gone()
    {
        await H.ConfigureAsync();
        var users = await UsersInOmniAsync(3);
        using (var omni = H.OutOfBand())
        {
            await omni.Users.DeleteAsync(users[1].Id);
        }

        var first = await RefreshAsync(users[0]);
        var gone = await RefreshAsync(users[1]);
        var third = await RefreshAsync(users[2]);

        Assert.Equal(users[0].Id, first.Id);
        Assert.Equal("", gone.Id);
        Assert.Equal(users[2].Id, third.Id);
        Assert.Equal(1, await H.CountAsync("GET", Users));
        Assert.Equal(1, await H.CountAsync("GET", UserById));
        await H.WaitForLogAsync(l => l.Urn == ProviderHarness.Urn("u1") && l.Message.Contains("no longer exists", StringComparison.Ordinal), "a warning that u1 is gone");
    }

    [Fact]
    public async Task A_user_created_after_the_listing_is_found_by_its_GET()
    {
        await H.ConfigureAsync();
        var users = await UsersInOmniAsync(2);
        await RefreshAsync(users[0]);
        using var omni = H.OutOfBand();
        var late = await omni.Users.CreateAsync(new ScimUserCreate("late@example.com", "Late"));

        var read = await RefreshAsync(new Managed("late", late.Id, ProviderHarness.UserInputs("late@example.com", "Late")));

        Assert.Equal(late.Id, read.Id);
        Assert.Equal(1, await H.CountAsync("GET", UserById));
    }

    [Fact]
    public async Task An_update_through_the_provider_makes_the_next_Read_of_that_user_GET_it_and_no_other()
    {
        await H.ConfigureAsync();
        var users = await UsersInOmniAsync(3);
        await Task.WhenAll(users.Select(RefreshAsync));
        var news = ProviderHarness.UserInputs("user1@example.com", "Renamed One");
        await H.Client.UpdateAsync(new UpdateRequest { Id = users[1].Id, Urn = ProviderHarness.Urn("u1"), Type = ProviderHarness.UserType, Olds = users[1].Properties, OldInputs = users[1].Properties, News = news });
        var gets = await H.CountAsync("GET", UserById);

        var renamed = await RefreshAsync(users[1] with { Properties = news });
        await RefreshAsync(users[0]);
        await RefreshAsync(users[2]);

        Assert.Equal("Renamed One", renamed.Properties.Fields["displayName"].StringValue);
        Assert.Equal(gets + 1, await H.CountAsync("GET", UserById));
        Assert.Equal(1, await H.CountAsync("GET", Users));
    }

    [Fact]
    public async Task A_user_deleted_through_the_provider_is_reported_gone_not_answered_from_the_listing()
    {
        await H.ConfigureAsync();
        var users = await UsersInOmniAsync(2);
        await Task.WhenAll(users.Select(RefreshAsync));

        await H.Client.DeleteAsync(new DeleteRequest { Id = users[0].Id, Urn = ProviderHarness.Urn("u0"), Type = ProviderHarness.UserType, Properties = users[0].Properties });
        var gone = await RefreshAsync(users[0]);

        Assert.Equal("", gone.Id);
    }

    [Fact]
    public async Task An_import_reads_Omni_as_it_is_now_not_the_listing()
    {
        await H.ConfigureAsync();
        var users = await UsersInOmniAsync(2);
        await RefreshAsync(users[0]);
        using (var omni = H.OutOfBand())
        {
            await omni.Users.PatchAsync(users[1].Id, new ScimUserPatch().SetDisplayName("Changed Since"));
        }

        var imported = await H.Client.ReadAsync(new ReadRequest
        {
            Id = users[1].Id, Urn = ProviderHarness.Urn("imp"), Type = ProviderHarness.UserType, Name = "imp", Properties = new Struct(), Inputs = new Struct(),
        });

        Assert.Equal("Changed Since", imported.Properties.Fields["displayName"].StringValue);
    }

    [Fact]
    public async Task Check_Diff_and_preview_of_N_users_cost_one_request_for_the_attribute_definitions_in_all()
    {
        await H.ConfigureAsync();
        var before = await H.TotalRequestsAsync();

        for (var round = 0; round < 2; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
            {
                var name = $"p{round}-{i}";
                var news = ProviderHarness.UserInputs($"{name}@example.com", "Preview", new Dictionary<string, object?> { ["region"] = "emea" });
                var inputs = await H.CheckAsync(name, news);
                var diff = await H.Client.DiffAsync(new DiffRequest { Id = "id-" + name, Urn = ProviderHarness.Urn(name), Type = ProviderHarness.UserType, Olds = inputs, OldInputs = inputs, News = inputs });
                Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, diff.Changes);
                await H.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn(name), Type = ProviderHarness.UserType, Name = name, Properties = inputs, Preview = true });
            }));
        }

        Assert.Equal(1, await H.TotalRequestsAsync() - before);
        Assert.Equal(1, await H.CountAsync("GET", "/api/v1/user-attributes"));
    }
}

/// <summary>The listing's lifetime, through the session with a fake clock, counted by the emulator.</summary>
public sealed class UserListingExpiryTests : IAsyncLifetime, IDisposable
{
    private readonly RateLimiterRegistry _rateLimiters = new();
    private readonly FakeTimeProvider _clock = new();
    private Omni.Emulator.EmulatorServer _emulator = null!;

    public async Task InitializeAsync() => _emulator = await Omni.Emulator.EmulatorServer.StartAsync(new Omni.Emulator.EmulatorOptions
    {
        Urls = "http://127.0.0.1:0", InMemory = true, RequestsPerMinute = 0,
    });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _rateLimiters.Dispose();

    [Fact]
    public async Task A_listing_older_than_its_lifetime_is_taken_again_and_shows_changes_made_since()
    {
        using var session = new OmniSession(new ConfigValidator(new EnvironmentVariables(_ => null)), new SecretRedactor(), _rateLimiters, NullLoggerFactory.Instance, _clock);
        await session.ConfigureAsync(new ProviderConfig { BaseUrl = _emulator.BaseUrl.ToString(), ApiKey = _emulator.ApiKey, RequestsPerMinute = 0, MaxRetries = 0 }, CancellationToken.None);
        using var outOfBand = new OmniClient(new OmniClientOptions { BaseUrl = _emulator.BaseUrl.ToString(), ApiKey = _emulator.ApiKey, RequestsPerMinute = 0 });
        var user = await outOfBand.Users.CreateAsync(new ScimUserCreate("ttl@example.com", "Before"));

        Assert.Equal("Before", (await session.Users.GetRecentAsync(user.Id, CancellationToken.None))!.DisplayName);
        await outOfBand.Users.PatchAsync(user.Id, new ScimUserPatch().SetDisplayName("After"));
        _clock.Advance(RecentListing<ScimUser>.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal("Before", (await session.Users.GetRecentAsync(user.Id, CancellationToken.None))!.DisplayName); // within one operation: shared
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("After", (await session.Users.GetRecentAsync(user.Id, CancellationToken.None))!.DisplayName);

        using var admin = new HttpClient { BaseAddress = _emulator.BaseUrl };
        var counters = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(admin, "/__emulator/counters");
        Assert.Equal(2, counters.GetProperty("byRoute").GetProperty("GET /api/scim/v2/users").GetProperty("total").GetInt32());
    }
}
