using Grpc.Core;
using Omni.Client;
using Omni.Pulumi.Provider.Protocol;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;

namespace Omni.Pulumi.Provider.Tests;

public class GroupLifecycleTests : HarnessTest
{
    private async Task<(string Alice, string Bob, string Carol)> UsersAsync()
    {
        using var omni = H.OutOfBand();
        var alice = await omni.Users.CreateAsync(new ScimUserCreate("alice@example.com", "Alice"));
        var bob = await omni.Users.CreateAsync(new ScimUserCreate("bob@example.com", "Bob"));
        var carol = await omni.Users.CreateAsync(new ScimUserCreate("carol@example.com", "Carol"));
        return (alice.Id, bob.Id, carol.Id);
    }

    [Fact]
    public async Task Preview_create_calls_nothing_and_leaves_computed_outputs_unknown()
    {
        await H.ConfigureAsync();
        var check = await H.CheckAsync(GroupType, "p", GroupInputs("Preview", [Wire.UnknownString]));
        var before = await H.TotalRequestsAsync();

        var created = await H.Client.CreateAsync(new CreateRequest { Urn = Urn(GroupType, "p"), Type = GroupType, Properties = check.Inputs, Preview = true });

        Assert.Equal(before, await H.TotalRequestsAsync());
        Assert.Equal("", created.Id);
        Assert.Equal("Preview", created.Properties.Fields["displayName"].StringValue);
        Assert.All(new[] { "memberIds", "members", "created", "lastModified" }, k => Assert.True(Wire.IsUnknown(created.Properties.Fields[k]), k));
    }

    [Fact]
    public async Task Create_with_members_is_one_post_and_returns_the_members()
    {
        await H.ConfigureAsync();
        var (alice, bob, _) = await UsersAsync();

        var (created, _) = await H.CreateAsync(GroupType, "eng", GroupInputs("Engineering", [bob, alice]));

        Assert.Equal(1, await H.CountAsync("POST", Groups));
        Assert.Equal(0, await H.CountAsync("PATCH", GroupById));
        Assert.Matches("^[A-Za-z0-9]{8}$", created.Id);
        var outputs = created.Properties.Fields;
        Assert.Equal([bob, alice], Strings(outputs["memberIds"])); // as declared
        var members = outputs["members"].ListValue.Values.Select(m => (m.StructValue.Fields["id"].StringValue, m.StructValue.Fields["userName"].StringValue));
        Assert.Equal([(alice, "alice@example.com"), (bob, "bob@example.com")], members.OrderBy(m => m.Item2));
        Assert.NotEmpty(outputs["created"].StringValue);
        using var omni = H.OutOfBand();
        Assert.Equal(2, (await omni.Groups.GetAsync(created.Id))!.Members.Count);
    }

    [Fact]
    public async Task A_name_taken_fails_with_the_import_command_and_changes_nothing()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        await omni.Groups.CreateAsync("Data Team");
        var check = await H.CheckAsync(GroupType, "data", GroupInputs("data team"));

        var error = await ProviderHarness.FailsAsync(() => H.Client.CreateAsync(new CreateRequest { Urn = Urn(GroupType, "data"), Type = GroupType, Name = "data", Properties = check.Inputs }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("pulumi import omni:index:Group data 'data team'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("409", error.Status.Detail, StringComparison.Ordinal);
        Assert.Single(await ToListAsync(omni.Groups.ListAsync()));
    }

    [Fact]
    public async Task A_member_id_that_is_no_user_fails_naming_memberIds_and_creates_nothing()
    {
        await H.ConfigureAsync();
        var check = await H.CheckAsync(GroupType, "ghosts", GroupInputs("Ghosts", ["no-such-user"]));

        var error = await ProviderHarness.FailsAsync(() => H.Client.CreateAsync(new CreateRequest { Urn = Urn(GroupType, "ghosts"), Type = GroupType, Name = "ghosts", Properties = check.Inputs }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("memberIds", error.Status.Detail, StringComparison.Ordinal);
        using var omni = H.OutOfBand();
        Assert.Null(await omni.Groups.FindByDisplayNameAsync("Ghosts"));
    }

    [Fact]
    public async Task Refresh_reads_with_one_get_and_shows_drift_of_name_and_managed_members()
    {
        await H.ConfigureAsync();
        var (alice, bob, carol) = await UsersAsync();
        var (created, inputs) = await H.CreateAsync(GroupType, "eng", GroupInputs("Engineering", [alice, bob]));
        using var omni = H.OutOfBand();
        await omni.Groups.ReplaceAsync(created.Id, "Engineers", null);
        await omni.Groups.AddMembersAsync(created.Id, [carol]);
        var gets = await H.CountAsync("GET", GroupById) + await H.CountAsync("GET", Groups);

        var read = await H.RefreshAsync(GroupType, "eng", created.Id, created.Properties, inputs);

        Assert.Equal(gets + 1, await H.CountAsync("GET", GroupById) + await H.CountAsync("GET", Groups)); // one listing, shared by the refresh
        Assert.Equal(created.Id, read.Id);
        Assert.Equal("Engineers", read.Inputs.Fields["displayName"].StringValue);
        Assert.Equal([alice, bob, carol], Strings(read.Inputs.Fields["memberIds"]));
        var diff = await H.DiffAsync(GroupType, read.Id, read.Properties, read.Inputs, inputs);
        Assert.Equal(["displayName", "memberIds"], diff.Diffs.Order());
    }

    [Fact]
    public async Task Refresh_of_a_group_whose_members_are_not_managed_reports_them_only_as_outputs()
    {
        await H.ConfigureAsync();
        var (alice, _, _) = await UsersAsync();
        var (created, inputs) = await H.CreateAsync(GroupType, "open", GroupInputs("Open"));
        using var omni = H.OutOfBand();
        await omni.Groups.AddMembersAsync(created.Id, [alice]);

        var read = await H.RefreshAsync(GroupType, "open", created.Id, created.Properties, inputs);

        Assert.False(read.Inputs.Fields.ContainsKey("memberIds"));
        Assert.Single(read.Properties.Fields["members"].ListValue.Values);
        var diff = await H.DiffAsync(GroupType, read.Id, read.Properties, read.Inputs, inputs);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, diff.Changes);
    }

    [Fact]
    public async Task Refresh_of_a_group_deleted_outside_pulumi_returns_an_empty_id_and_warns()
    {
        await H.ConfigureAsync();
        var (created, inputs) = await H.CreateAsync(GroupType, "gone", GroupInputs("Gone Team"));
        using var omni = H.OutOfBand();
        await omni.Groups.DeleteAsync(created.Id);

        var read = await H.RefreshAsync(GroupType, "gone", created.Id, created.Properties, inputs);

        Assert.Equal("", read.Id);
        var warning = Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning);
        Assert.Equal(Urn(GroupType, "gone"), warning.Urn);
        Assert.Contains("Gone Team", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("displayName")]
    [InlineData("displayName in another case")]
    public async Task Import_by_id_or_displayName_returns_the_name_and_the_current_members(string by)
    {
        await H.ConfigureAsync();
        var (alice, bob, _) = await UsersAsync();
        using var omni = H.OutOfBand();
        var group = await omni.Groups.CreateAsync("Analysts", [alice, bob]);
        var id = by switch { "id" => group.Id, "displayName" => "Analysts", _ => "ANALYSTS" };

        var read = await H.ImportAsync(GroupType, "analysts", id);

        Assert.Equal(group.Id, read.Id);
        Assert.Equal("Analysts", read.Inputs.Fields["displayName"].StringValue);
        Assert.Equal(new[] { alice, bob }.Order(StringComparer.Ordinal), Strings(read.Inputs.Fields["memberIds"]).Order(StringComparer.Ordinal));
        Assert.Equal(2, read.Properties.Fields["members"].ListValue.Values.Count);

        // The engine then checks the imported inputs and diffs them: no change.
        var check = await H.CheckAsync(GroupType, "analysts", read.Inputs);
        Assert.Empty(check.Failures);
        var diff = await H.DiffAsync(GroupType, read.Id, read.Properties, read.Inputs, check.Inputs);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, diff.Changes);
    }

    [Fact]
    public async Task Import_of_an_eight_character_name_that_is_no_id_finds_the_group_by_name()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var group = await omni.Groups.CreateAsync("Platform");

        var read = await H.ImportAsync(GroupType, "platform", "Platform");
        var missing = await H.ImportAsync(GroupType, "nothing", "Nobody Here");

        Assert.Equal(group.Id, read.Id);
        Assert.Equal("", missing.Id);
        Assert.Null(missing.Properties);
    }

    [Fact]
    public async Task Update_renames_and_sets_the_members_in_one_patch()
    {
        await H.ConfigureAsync();
        var (alice, bob, carol) = await UsersAsync();
        var (created, inputs) = await H.CreateAsync(GroupType, "eng", GroupInputs("Eng", [alice, bob]));
        var news = (await H.CheckAsync(GroupType, "eng", GroupInputs("Engineering", [bob, carol]))).Inputs;
        var patches = await H.CountAsync("PATCH", GroupById);

        var updated = await H.Client.UpdateAsync(new UpdateRequest { Id = created.Id, Urn = Urn(GroupType, "eng"), Type = GroupType, Olds = created.Properties, OldInputs = inputs, News = news });

        Assert.Equal(patches + 1, await H.CountAsync("PATCH", GroupById));
        Assert.Equal("Engineering", updated.Properties.Fields["displayName"].StringValue);
        Assert.Equal([bob, carol], Strings(updated.Properties.Fields["memberIds"]));
        using var omni = H.OutOfBand();
        var group = (await omni.Groups.GetAsync(created.Id))!;
        Assert.Equal("Engineering", group.DisplayName);
        Assert.Equal(new[] { bob, carol }.Order(StringComparer.Ordinal), group.Members.Select(m => m.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Changing_memberIds_removes_a_member_added_in_omni_since_the_last_refresh()
    {
        await H.ConfigureAsync();
        var (alice, bob, carol) = await UsersAsync();
        var (created, inputs) = await H.CreateAsync(GroupType, "drift", GroupInputs("Drift", [alice]));
        using var omni = H.OutOfBand();
        await omni.Groups.AddMembersAsync(created.Id, [carol]); // someone added carol through SCIM; no refresh since

        await H.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = Urn(GroupType, "drift"), Type = GroupType, Olds = created.Properties, OldInputs = inputs,
            News = (await H.CheckAsync(GroupType, "drift", GroupInputs("Drift", [alice, bob]))).Inputs,
        });

        var group = (await omni.Groups.GetAsync(created.Id))!;
        Assert.Equal(new[] { alice, bob }.Order(StringComparer.Ordinal), group.Members.Select(m => m.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_rename_with_a_member_omni_refuses_changes_nothing_and_names_memberIds()
    {
        await H.ConfigureAsync(maxRetries: 0);
        var (alice, _, _) = await UsersAsync();
        var (created, inputs) = await H.CreateAsync(GroupType, "half", GroupInputs("Half", [alice]));

        var error = await ProviderHarness.FailsAsync(() => H.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = Urn(GroupType, "half"), Type = GroupType, Olds = created.Properties, OldInputs = inputs,
            News = GroupInputs("Half Renamed", [alice, "no-such-user"]),
        }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Null(PartialFailure.FromTrailers(error.Trailers));
        Assert.Contains("memberIds", error.Status.Detail, StringComparison.Ordinal);
        using var omni = H.OutOfBand();
        Assert.Equal("Half", (await omni.Groups.GetAsync(created.Id))!.DisplayName);
    }

    [Fact]
    public async Task A_rename_to_a_taken_name_says_another_group_has_it()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        await omni.Groups.CreateAsync("Taken");
        var (created, inputs) = await H.CreateAsync(GroupType, "mine", GroupInputs("Mine"));

        var error = await ProviderHarness.FailsAsync(() => H.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = Urn(GroupType, "mine"), Type = GroupType, Olds = created.Properties, OldInputs = inputs, News = GroupInputs("Taken"),
        }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("'displayName': another group is already named 'Taken'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("choose another name, or rename or import that group", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("adopt", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("rename")]
    public async Task A_secret_displayName_that_hits_a_409_is_never_echoed(string when)
    {
        const string Name = "Hush Project Zephyr";
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        await omni.Groups.CreateAsync(Name);
        RpcException error;
        if (when == "create")
        {
            var check = await H.CheckAsync(GroupType, "hush", GroupInputs(Wire.Secret(Name)));
            error = await ProviderHarness.FailsAsync(() => H.Client.CreateAsync(new CreateRequest { Urn = Urn(GroupType, "hush"), Type = GroupType, Name = "hush", Properties = check.Inputs }).ResponseAsync);
        }
        else
        {
            var (created, inputs) = await H.CreateAsync(GroupType, "hush", GroupInputs("Plain"));
            error = await ProviderHarness.FailsAsync(() => H.Client.UpdateAsync(new UpdateRequest
            {
                Id = created.Id, Urn = Urn(GroupType, "hush"), Type = GroupType, Olds = created.Properties, OldInputs = inputs, News = GroupInputs(Wire.Secret(Name)),
            }).ResponseAsync);
        }

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("409", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Zephyr", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("adopt", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_are_secret_whenever_memberIds_is_secret()
    {
        await H.ConfigureAsync();
        var (alice, bob, _) = await UsersAsync();
        var secretIds = Wire.Struct(("displayName", "Covert"), ("memberIds", Wire.Secret(new List<object> { alice })));

        var (created, inputs) = await H.CreateAsync(GroupType, "covert", secretIds);
        var updated = await H.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = Urn(GroupType, "covert"), Type = GroupType, Olds = created.Properties, OldInputs = inputs,
            News = Wire.Struct(("displayName", "Covert"), ("memberIds", Wire.Secret(new List<object> { alice, bob }))),
        });
        var refreshed = await H.RefreshAsync(GroupType, "covert", created.Id, updated.Properties, inputs);

        Assert.All(new[] { created.Properties, updated.Properties, refreshed.Properties }, outputs =>
        {
            Assert.True(Wire.IsSecret(outputs.Fields["memberIds"]));
            Assert.True(Wire.IsSecret(outputs.Fields["members"]));
            Assert.False(Wire.IsSecret(outputs.Fields["displayName"]));
        });
    }

    [Fact]
    public async Task Update_that_only_adds_sends_one_patch_and_dropping_memberIds_sends_nothing()
    {
        await H.ConfigureAsync();
        var (alice, bob, _) = await UsersAsync();
        var (created, inputs) = await H.CreateAsync(GroupType, "ops", GroupInputs("Ops", [alice]));
        var patches = await H.CountAsync("PATCH", GroupById);

        var added = await H.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = Urn(GroupType, "ops"), Type = GroupType, Olds = created.Properties, OldInputs = inputs,
            News = GroupInputs("Ops", [alice, bob]),
        });
        Assert.Equal(patches + 1, await H.CountAsync("PATCH", GroupById));
        var before = await H.TotalRequestsAsync();

        var unmanaged = await H.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = Urn(GroupType, "ops"), Type = GroupType, Olds = added.Properties, OldInputs = GroupInputs("Ops", [alice, bob]),
            News = GroupInputs("Ops"),
        });

        Assert.Equal(before, await H.TotalRequestsAsync());
        Assert.False(unmanaged.Properties.Fields.ContainsKey("memberIds"));
        Assert.Equal(2, unmanaged.Properties.Fields["members"].ListValue.Values.Count);
    }

    [Fact]
    public async Task Preview_update_calls_nothing_and_leaves_members_unknown()
    {
        await H.ConfigureAsync();
        var (alice, _, _) = await UsersAsync();
        var (created, inputs) = await H.CreateAsync(GroupType, "pv", GroupInputs("Pv"));
        var before = await H.TotalRequestsAsync();

        var updated = await H.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = Urn(GroupType, "pv"), Type = GroupType, Olds = created.Properties, OldInputs = inputs, Preview = true,
            News = GroupInputs("Pv", [alice, Wire.UnknownString]),
        });

        Assert.Equal(before, await H.TotalRequestsAsync());
        Assert.True(Wire.IsUnknown(updated.Properties.Fields["members"]));
        Assert.True(Wire.IsUnknown(updated.Properties.Fields["lastModified"]));
    }

    [Fact]
    public async Task Delete_removes_the_group_and_a_second_delete_is_done()
    {
        await H.ConfigureAsync();
        var (created, _) = await H.CreateAsync(GroupType, "del", GroupInputs("Deleted Soon"));
        var request = new DeleteRequest { Id = created.Id, Urn = Urn(GroupType, "del"), Type = GroupType, Properties = created.Properties };

        await H.Client.DeleteAsync(request);
        await H.Client.DeleteAsync(request);

        using var omni = H.OutOfBand();
        Assert.Null(await omni.Groups.GetAsync(created.Id));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
