using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Omni.Client;
using Omni.Emulator;
using OmniRoster;

namespace Omni.Roster.Tests;

/// <summary>`omni-roster export` end to end against the emulator: files written, what they hold, and each failure's message.</summary>
public sealed class ExportCommandTests : IAsyncLifetime, IDisposable
{
    private const string Key = "omni_org_roster_test_key_0123456789";
    private const string PersonalToken = "omni_pat_roster_test_0123456789";

    private readonly string _folder = Directory.CreateTempSubdirectory("omni-roster-tests-").FullName;
    private EmulatorServer _emulator = null!;
    private OmniClient _omni = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Urls = "http://127.0.0.1:0",
            InMemory = true,
            ApiKey = Key,
            PersonalAccessTokens = [PersonalToken],
            RequestsPerMinute = 0,
        });
        _omni = new OmniClient(new OmniClientOptions { BaseUrl = _emulator.BaseUrl.ToString(), ApiKey = Key, RequestsPerMinute = 0 });
    }

    public async Task DisposeAsync()
    {
        _omni.Dispose();
        await _emulator.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string file) => Path.Combine(_folder, file);

    private sealed record Run(int ExitCode, string Out, string Err)
    {
        public string All => Out + Err;
    }

    private async Task<Run> ExportAsync(IEnumerable<string> args, string? key = Key, string? baseUrl = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["OMNI_BASE_URL"] = baseUrl ?? _emulator.BaseUrl.ToString(),
            ["OMNI_API_KEY"] = key,
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ExportCommand.RunAsync(["export", .. args], name => environment.GetValueOrDefault(name), stdout, stderr, isTerminal: false, CancellationToken.None);
        return new Run(exit, stdout.ToString(), stderr.ToString());
    }

    private Task<ScimUser> CreateUserAsync(string email, Dictionary<string, AttributeValue>? attributes = null) =>
        _omni.Users.CreateAsync(new ScimUserCreate(email, $"Name of {email}", attributes));

    [Fact]
    public async Task Exports_every_user_group_member_and_attribute_value_with_ids_and_a_matching_import_file()
    {
        var alice = await CreateUserAsync("Alice.Martin@example.com", new()
        {
            ["region"] = AttributeValue.Of("us-east"),
            ["level"] = AttributeValue.Of("3"),
            ["regions"] = AttributeValue.Of(["us", "eu"]),
        });
        var bob = await CreateUserAsync("bob@example.com", new() { ["department"] = AttributeValue.Of("R&D: core") });
        var zoe = await CreateUserAsync("zoe@example.com");
        await _omni.Users.PatchAsync(zoe.Id, new ScimUserPatch().SetActive(false));
        var analysts = await _omni.Groups.CreateAsync("Finance Analysts", [alice.Id, bob.Id]);
        var everyone = await _omni.Groups.CreateAsync("Everyone", [alice.Id, bob.Id, zoe.Id]);

        var run = await ExportAsync(["--out", PathOf("users.yaml"), "--import-file", PathOf("import.json")]);

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("Exported 2 users and 2 groups", run.Out, StringComparison.Ordinal);
        Assert.Contains("left out 1 inactive user(s)", run.Err, StringComparison.Ordinal);
        var roster = OmniRoster.Roster.Load(PathOf("users.yaml"));
        Assert.Equal([("alice-martin", alice.Id), ("bob", bob.Id)], roster.Users.Select(u => (u.Name, u.Id)));
        await AssertRosterIsWhatOmniHoldsAsync(roster);
        var finance = roster.Groups.Single(g => g.Id == analysts.Id);
        Assert.Equal("finance-analysts", finance.Name);
        Assert.Equal(["alice-martin", "bob"], finance.Members!);
        Assert.Null(roster.Groups.Single(g => g.Id == everyone.Id).Members); // zoe is not in the roster

        using var import = JsonDocument.Parse(await File.ReadAllTextAsync(PathOf("import.json")));
        var resources = import.RootElement.GetProperty("resources").EnumerateArray()
            .Select(r => (r.GetProperty("type").GetString(), r.GetProperty("name").GetString(), r.GetProperty("id").GetString())).ToList();
        Assert.Equal(
            roster.Users.Select(u => ((string?)"omni:index:User", (string?)u.Name, u.Id))
                .Concat(roster.Groups.Select(g => ((string?)"omni:index:Group", (string?)g.Name, g.Id))),
            resources);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    /// <summary>The round trip's promise in Omni's terms: each entry, as the provider would send it, equals what Omni holds.</summary>
    private async Task AssertRosterIsWhatOmniHoldsAsync(OmniRoster.Roster roster)
    {
        foreach (var entry in roster.Users)
        {
            var held = await _omni.Users.GetAsync(entry.Id!);
            Assert.NotNull(held);
            Assert.Equal((held.UserName, held.DisplayName, held.Active), (entry.UserName, entry.DisplayName, entry.Active ?? true));
            var declared = OmniRoster.Roster.AttributeInputs(entry).ToDictionary(a => a.Key, a => AttributeValue.Normalize(a.Value), StringComparer.Ordinal);
            Assert.Equal(held.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, (AttributeValue?)a.Value)),
                declared.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value)));
        }

        foreach (var entry in roster.Groups)
        {
            var held = await _omni.Groups.GetAsync(entry.Id!);
            Assert.NotNull(held);
            Assert.Equal(held.DisplayName, entry.DisplayName);
            if (entry.Members is { } members)
            {
                var idOf = roster.Users.ToDictionary(u => u.Name, u => u.Id!);
                Assert.Equal(held.Members.Select(m => m.Value).Order(), members.Select(m => idOf[m]).Order());
            }
        }
    }

    [Fact]
    public async Task Include_inactive_exports_inactive_users_and_a_second_export_keeps_every_name()
    {
        var zoe = await CreateUserAsync("zoe@example.com");
        await _omni.Users.PatchAsync(zoe.Id, new ScimUserPatch().SetActive(false));
        await CreateUserAsync("amy@example.com");
        await _omni.Groups.CreateAsync("Zoe", [zoe.Id]);

        var first = await ExportAsync(["--out", PathOf("users.yaml"), "--include-inactive"]);
        var written = await File.ReadAllTextAsync(PathOf("users.yaml"));
        await CreateUserAsync("zoe@other.org"); // would make "zoe" ambiguous on a fresh export
        var second = await ExportAsync(["--out", PathOf("users.yaml"), "--include-inactive"]);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.All + second.All);
        Assert.Contains("    active: false\n", written, StringComparison.Ordinal);
        var roster = OmniRoster.Roster.Load(PathOf("users.yaml"));
        Assert.Equal(["amy", "zoe", "zoe-other-org"], roster.Users.Select(u => u.Name));
        Assert.Equal("zoe-group", roster.Groups.Single().Name);
        Assert.Equal(["zoe"], roster.Groups.Single().Members!);
    }

    [Fact]
    public async Task Long_exports_print_a_progress_line_per_page()
    {
        for (var i = 0; i < OrganisationReader.PageSize + 5; i++)
        {
            await CreateUserAsync($"user{i:000}@example.com");
        }

        var run = await ExportAsync(["--out", PathOf("users.yaml")]);

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains($"  users: {OrganisationReader.PageSize} read (", run.Err, StringComparison.Ordinal);
        Assert.Contains($"  users: {OrganisationReader.PageSize + 5} read, done", run.Err, StringComparison.Ordinal);
        Assert.Equal(OrganisationReader.PageSize + 5, OmniRoster.Roster.Load(PathOf("users.yaml")).Users.Count);
    }

    [Fact]
    public async Task A_wrong_key_fails_naming_the_key_setting_and_leaves_the_roster_untouched()
    {
        await File.WriteAllTextAsync(PathOf("users.yaml"), "users: []\n");

        var run = await ExportAsync(["--out", PathOf("users.yaml")], key: "omni_org_wrong_key_secret");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("refused the API key", run.Err, StringComparison.Ordinal);
        Assert.Contains("Fix: set OMNI_API_KEY", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("omni_org_wrong_key_secret", run.All, StringComparison.Ordinal);
        Assert.Equal("users: []\n", await File.ReadAllTextAsync(PathOf("users.yaml")));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task A_personal_access_token_fails_saying_an_Organization_API_key_is_needed()
    {
        var run = await ExportAsync(["--out", PathOf("users.yaml")], key: PersonalToken);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("personal access token", run.Err, StringComparison.Ordinal);
        Assert.Contains("Organization API key", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(PersonalToken, run.All, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("users.yaml")));
    }

    [Fact]
    public async Task An_unreachable_URL_fails_naming_the_URL_setting()
    {
        var closedPort = ClosedPort();

        var run = await ExportAsync(["--out", PathOf("users.yaml"), "--max-retries", "0"], baseUrl: $"http://127.0.0.1:{closedPort}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"could not reach Omni at http://127.0.0.1:{closedPort}", run.Err, StringComparison.Ordinal);
        Assert.Contains("--base-url / OMNI_BASE_URL", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, run.All, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("users.yaml")));
    }

    [Fact]
    public async Task A_URL_that_is_not_Omni_fails_saying_which_URL_to_use()
    {
        var run = await ExportAsync(["--out", PathOf("users.yaml")], baseUrl: new Uri(_emulator.BaseUrl, "/elsewhere/").ToString());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not answer like Omni", run.Err, StringComparison.Ordinal);
        Assert.Contains("--base-url / OMNI_BASE_URL", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_collision_fails_before_writing_and_names_the_fix()
    {
        await CreateUserAsync("a.b@example.com");
        await CreateUserAsync("a-b@example.com");

        var failed = await ExportAsync(["--out", PathOf("users.yaml")]);
        var fixedRun = await ExportAsync(["--out", PathOf("users.yaml"), "--name", "a.b@example.com=ab"]);

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("would have the same name", failed.Err, StringComparison.Ordinal);
        Assert.Contains("--name", failed.Err, StringComparison.Ordinal);
        Assert.True(fixedRun.ExitCode == 0, fixedRun.All);
        Assert.Equal(["a-b", "ab"], OmniRoster.Roster.Load(PathOf("users.yaml")).Users.Select(u => u.Name));
    }

    [Theory]
    [InlineData(new string[0], "--out is required")]
    [InlineData(new[] { "--out" }, "--out needs a value")]
    [InlineData(new[] { "--out", "u.yaml", "--bogus" }, "unknown option '--bogus'")]
    [InlineData(new[] { "--out", "u.yaml", "--name", "alice" }, "--name takes EMAIL=NAME")]
    [InlineData(new[] { "--out", "u.yaml", "--name", "a@x.com=Not Valid" }, "not a usable resource name")]
    [InlineData(new[] { "--out", "u.yaml", "--import-file", "u.yaml" }, "name the same file")]
    [InlineData(new[] { "--out", "u.yaml", "--max-retries", "-1" }, "--max-retries must be a whole number")]
    public async Task Command_line_mistakes_exit_2_naming_the_flag(string[] args, string expected)
    {
        var run = await ExportAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_key_anywhere_it_says_where_to_put_one()
    {
        var run = await ExportAsync(["--out", PathOf("users.yaml")], key: null);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("set OMNI_API_KEY", run.Err, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
