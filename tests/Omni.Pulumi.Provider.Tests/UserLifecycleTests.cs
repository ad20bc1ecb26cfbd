using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Omni.Client;
using Omni.Pulumi.Provider.Protocol;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

public class UserLifecycleTests : HarnessTest
{
    private const string Users = "/api/scim/v2/users";
    private const string UserById = "/api/scim/v2/users/{id}";

    [Fact]
    public async Task Preview_create_calls_nothing_and_leaves_computed_outputs_unknown()
    {
        await H.ConfigureAsync();
        var inputs = await H.CheckAsync("p", ProviderHarness.UserInputs("preview@example.com"));
        var before = await H.TotalRequestsAsync();

        var created = await H.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn("p"), Type = ProviderHarness.UserType, Properties = inputs, Preview = true });

        Assert.Equal("", created.Id);
        Assert.Equal(before, await H.TotalRequestsAsync());
        Assert.Equal("preview@example.com", created.Properties.Fields["userName"].StringValue);
        Assert.All(new[] { "emails", "groups", "created", "lastModified", "adopted" }, k => Assert.True(Wire.IsUnknown(created.Properties.Fields[k]), k));
    }

    [Fact]
    public async Task Create_sends_exactly_one_post_and_returns_omnis_outputs()
    {
        await H.ConfigureAsync();
        var created = await H.CreateAsync("alice", ProviderHarness.UserInputs("alice@example.com", attributes: Wire.Map(("level", 3))));

        Assert.Equal(1, await H.CountAsync("POST", Users));
        Assert.Equal(1, await H.TotalRequestsAsync() - 2); // whoami and the attribute definitions (Check) are the other two
        var outputs = created.Properties.Fields;
        Assert.Equal("alice@example.com", outputs["userName"].StringValue);
        Assert.Equal("3", outputs["attributes"].StructValue.Fields["level"].StringValue);
        Assert.Equal("alice@example.com", outputs["emails"].ListValue.Values[0].StringValue);
        Assert.False(outputs["adopted"].BoolValue);
        Assert.NotEmpty(outputs["created"].StringValue);
    }

    [Fact]
    public async Task Create_inactive_posts_then_deactivates()
    {
        await H.ConfigureAsync();
        var created = await H.CreateAsync("off", ProviderHarness.UserInputs("off@example.com", active: false));

        Assert.False(created.Properties.Fields["active"].BoolValue);
        using var omni = H.OutOfBand();
        Assert.False((await omni.Users.GetAsync(created.Id))!.Active);
    }

    [Fact]
    public async Task A_secret_input_stays_secret_in_the_outputs()
    {
        await H.ConfigureAsync();
        var created = await H.CreateAsync("s", Wire.Struct(("userName", "s@example.com"), ("displayName", Wire.Secret("Secret Sam"))));
        Assert.True(Wire.IsSecret(created.Properties.Fields["displayName"]));
        Assert.Equal("Secret Sam", Wire.Text(created.Properties, "displayName"));
    }

    [Fact]
    public async Task A_conflict_fails_with_the_import_command_and_changes_nothing()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        await omni.Users.CreateAsync(new ScimUserCreate("taken@example.com", "Taken"));

        var inputs = await H.CheckAsync("dup", ProviderHarness.UserInputs("Taken@example.com"));
        var error = await ProviderHarness.FailsAsync(() => H.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn("dup"), Type = ProviderHarness.UserType, Name = "dup", Properties = inputs }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("pulumi import omni:index:User dup Taken@example.com", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("adoptExisting", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conflict_keeps_omnis_details_and_takes_the_name_from_the_urn_when_the_engine_sends_none()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        await omni.Users.CreateAsync(new ScimUserCreate("again@example.com", "Again"));

        var inputs = await H.CheckAsync("again", ProviderHarness.UserInputs("again@example.com"));
        var error = await ProviderHarness.FailsAsync(() => H.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn("again"), Type = ProviderHarness.UserType, Properties = inputs }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("pulumi import omni:index:User again again@example.com", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("POST", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("/scim/v2/users", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("409", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_create_whose_post_got_no_answer_in_time_reports_an_unknown_outcome_naming_the_user_to_import()
    {
        // Cancel awaits a POST on the wire up to the request timeout; here Omni takes longer than that.
        await H.ConfigureAsync(requestTimeoutSeconds: 2);
        var inputs = await H.CheckAsync("slow", ProviderHarness.UserInputs("slow@example.com"));
        await H.AddFaultAsync(new { method = "POST", path = Users, latencyMs = 20000, phase = "before" });
        var create = H.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn("slow"), Type = ProviderHarness.UserType, Name = "slow", Properties = inputs }).ResponseAsync;
        await Task.Delay(300); // let the POST leave; if it has not, the outcome is reported the same way

        await H.Client.CancelAsync(new Empty());

        var error = await Assert.ThrowsAsync<RpcException>(() => create.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.Unknown, error.StatusCode); // not Cancelled: the engine must not assume nothing was created
        Assert.Contains("may have created", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("pulumi import omni:index:User slow slow@example.com", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_delete_whose_request_got_no_answer_in_time_says_omni_may_have_applied_it()
    {
        await H.ConfigureAsync(requestTimeoutSeconds: 2);
        var created = await H.CreateAsync("slowdel", ProviderHarness.UserInputs("slowdel@example.com"));
        await H.AddFaultAsync(new { method = "DELETE", path = Users, latencyMs = 20000, phase = "before" });
        var delete = H.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = ProviderHarness.Urn("slowdel"), Type = ProviderHarness.UserType, Properties = created.Properties }).ResponseAsync;
        await Task.Delay(300);

        await H.Client.CancelAsync(new Empty());

        var error = await Assert.ThrowsAsync<RpcException>(() => delete.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Contains("may have applied the DELETE", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_create_keeps_attributes_with_unknowns_unknown_instead_of_clearing_them()
    {
        await H.ConfigureAsync();
        var check = await H.Client.CheckAsync(new CheckRequest
        {
            Urn = ProviderHarness.Urn("pa"), Type = ProviderHarness.UserType, Olds = new Struct(),
            News = ProviderHarness.UserInputs("pa@example.com", attributes: Wire.Map(("regions", new object[] { "us", Wire.UnknownString }), ("region", "eu"))),
        });
        Assert.Empty(check.Failures);

        var created = await H.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn("pa"), Type = ProviderHarness.UserType, Properties = check.Inputs, Preview = true });

        var attributes = created.Properties.Fields["attributes"].StructValue.Fields;
        Assert.True(Wire.IsUnknown(attributes["regions"]), $"regions previews as {attributes["regions"]}");
        Assert.Equal("eu", attributes["region"].StringValue);
    }

    [Fact]
    public async Task AdoptExisting_reactivates_and_updates_the_existing_user_keeping_undeclared_attributes()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var existing = await omni.Users.CreateAsync(new ScimUserCreate("adopt@example.com", "Old Name",
            new Dictionary<string, AttributeValue> { ["department"] = AttributeValue.Of("sales"), ["region"] = AttributeValue.Of("us") }));
        await omni.Users.PatchAsync(existing.Id, new ScimUserPatch().SetActive(false));

        var created = await H.CreateAsync("adopt", ProviderHarness.UserInputs("adopt@example.com", "New Name", Wire.Map(("region", "eu")), adoptExisting: true));

        Assert.Equal(existing.Id, created.Id);
        Assert.True(created.Properties.Fields["adopted"].BoolValue);
        var user = (await omni.Users.GetAsync(existing.Id))!;
        Assert.True(user.Active);
        Assert.Equal("New Name", user.DisplayName);
        Assert.Equal(AttributeValue.Of("eu"), user.Attributes["region"]);
        Assert.Equal(AttributeValue.Of("sales"), user.Attributes["department"]);
    }

    [Fact]
    public async Task A_failure_after_the_post_carries_ErrorResourceInitFailed_with_the_id()
    {
        await H.ConfigureAsync(maxRetries: 0);
        await H.AddFaultAsync(new { method = "PATCH", path = Users, status = 500, phase = "before" });
        var inputs = await H.CheckAsync("half", ProviderHarness.UserInputs("half@example.com", active: false));

        var error = await ProviderHarness.FailsAsync(() => H.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn("half"), Type = ProviderHarness.UserType, Properties = inputs }).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        var detail = PartialFailure.FromTrailers(error.Trailers);
        Assert.NotNull(detail);
        using var omni = H.OutOfBand();
        var user = await omni.Users.FindByUserNameAsync("half@example.com");
        Assert.Equal(user!.Id, detail.Id);
        Assert.Equal("half@example.com", detail.Properties.Fields["userName"].StringValue);
        Assert.NotEmpty(detail.Reasons);
        var raw = Google.Rpc.Status.Parser.ParseFrom(error.Trailers.GetValueBytes(PartialFailure.DetailsTrailer));
        Assert.Equal("type.googleapis.com/pulumirpc.ErrorResourceInitFailed", raw.Details[0].TypeUrl);
    }

    [Fact]
    public async Task Refresh_reads_with_one_get_and_shows_drift_only_for_declared_attributes()
    {
        await H.ConfigureAsync();
        var created = await H.CreateAsync("r", ProviderHarness.UserInputs("r@example.com", "Rita", Wire.Map(("region", "eu"))));
        using var omni = H.OutOfBand();
        await omni.Users.PatchAsync(created.Id, new ScimUserPatch().SetDisplayName("Rita Renamed").SetAttribute("department", AttributeValue.Of("ops")));
        var gets = await H.CountAsync("GET", UserById);

        var oldInputs = await H.CheckAsync("r", ProviderHarness.UserInputs("r@example.com", "Rita", Wire.Map(("region", "eu"))));
        var read = await H.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = ProviderHarness.Urn("r"), Type = ProviderHarness.UserType, Properties = created.Properties, Inputs = oldInputs });

        Assert.Equal(gets + 1, await H.CountAsync("GET", UserById));
        Assert.Equal(created.Id, read.Id);
        Assert.Equal("Rita Renamed", read.Properties.Fields["displayName"].StringValue);
        Assert.Equal("Rita Renamed", read.Inputs.Fields["displayName"].StringValue);
        Assert.Equal(["region"], read.Inputs.Fields["attributes"].StructValue.Fields.Keys);

        var diff = await H.Client.DiffAsync(new DiffRequest { Id = read.Id, Urn = ProviderHarness.Urn("r"), Type = ProviderHarness.UserType, Olds = read.Properties, OldInputs = read.Inputs, News = oldInputs });
        Assert.Equal(["displayName"], diff.Diffs);
    }

    [Fact]
    public async Task A_refresh_shows_no_change_for_values_omni_stores_in_another_form()
    {
        await H.ConfigureAsync();
        var program = ProviderHarness.UserInputs("form@example.com", attributes: Wire.Map(("level", "3.50"), ("regions", "us")));
        var checkedInputs = await H.CheckAsync("form", program);
        var attributes = checkedInputs.Fields["attributes"].StructValue.Fields;
        Assert.Equal("3.5", attributes["level"].StringValue); // a Number, as Omni writes it
        Assert.Equal(["us"], attributes["regions"].ListValue.Values.Select(v => v.StringValue)); // multi-valued: a list

        var created = await H.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn("form"), Type = ProviderHarness.UserType, Name = "form", Properties = checkedInputs });
        var read = await H.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = ProviderHarness.Urn("form"), Type = ProviderHarness.UserType, Properties = created.Properties, Inputs = checkedInputs });
        var news = await H.CheckAsync("form", program);
        var diff = await H.Client.DiffAsync(new DiffRequest { Id = read.Id, Urn = ProviderHarness.Urn("form"), Type = ProviderHarness.UserType, Olds = read.Properties, OldInputs = read.Inputs, News = news });

        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, diff.Changes);
        using var omni = H.OutOfBand();
        var user = (await omni.Users.GetAsync(created.Id))!;
        Assert.Equal(AttributeValue.Of("3.5"), user.Attributes["level"]);
        Assert.Equal(AttributeValue.Of(["us"]), user.Attributes["regions"]);
    }

    [Fact]
    public async Task Refresh_of_a_user_deleted_outside_pulumi_returns_an_empty_id_and_warns()
    {
        await H.ConfigureAsync();
        var created = await H.CreateAsync("gone", ProviderHarness.UserInputs("gone@example.com"));
        using var omni = H.OutOfBand();
        await omni.Users.DeleteAsync(created.Id);

        var read = await H.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = ProviderHarness.Urn("gone"), Type = ProviderHarness.UserType, Properties = created.Properties, Inputs = created.Properties });

        Assert.Equal("", read.Id);
        var warning = Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning);
        Assert.Equal(ProviderHarness.Urn("gone"), warning.Urn);
        Assert.Contains("gone@example.com", warning.Message, StringComparison.Ordinal);
    }

    /// <summary>What the engine sends for `pulumi import`: properties an empty Struct (not absent),
    /// inputs absent or empty.</summary>
    private static ReadRequest ImportRequest(string id, string name, bool emptyInputs) => new()
    {
        Id = id, Urn = ProviderHarness.Urn(name), Type = ProviderHarness.UserType, Name = name,
        Properties = new Struct(), Inputs = emptyInputs ? new Struct() : null,
    };

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task Import_by_id_or_userName_returns_inputs_with_all_attributes(bool byUserName, bool emptyInputs)
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var user = await omni.Users.CreateAsync(new ScimUserCreate("Imported@Example.com", "Imp Orted",
            new Dictionary<string, AttributeValue> { ["region"] = AttributeValue.Of("eu"), ["regions"] = AttributeValue.Of(["us", "eu"]) }));

        var read = await H.Client.ReadAsync(ImportRequest(byUserName ? "imported@example.com" : user.Id, "imp", emptyInputs));

        Assert.Equal(user.Id, read.Id);
        Assert.Equal("Imp Orted", read.Inputs.Fields["displayName"].StringValue);
        Assert.Equal(["region", "regions"], read.Inputs.Fields["attributes"].StructValue.Fields.Keys.Order());
        Assert.Equal(user.UserName, read.Properties.Fields["userName"].StringValue);

        // The engine then checks the imported inputs and diffs them: no change.
        var check = await H.Client.CheckAsync(new CheckRequest { Urn = ProviderHarness.Urn("imp"), Type = ProviderHarness.UserType, Olds = read.Inputs, News = read.Inputs });
        Assert.Empty(check.Failures);
        var diff = await H.Client.DiffAsync(new DiffRequest { Id = read.Id, Urn = ProviderHarness.Urn("imp"), Type = ProviderHarness.UserType, Olds = read.Properties, OldInputs = read.Inputs, News = check.Inputs });
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, diff.Changes);
    }

    [Fact]
    public async Task Import_of_a_missing_user_returns_no_properties()
    {
        await H.ConfigureAsync();
        var read = await H.Client.ReadAsync(ImportRequest("nobody@example.com", "x", emptyInputs: true));
        Assert.Equal("", read.Id);
        Assert.Null(read.Properties);
    }

    [Fact]
    public async Task Update_sends_one_patch_with_only_what_changed_and_clears_removed_attributes()
    {
        await H.ConfigureAsync();
        var oldInputs = await H.CheckAsync("up", ProviderHarness.UserInputs("up@example.com", "Up", Wire.Map(("region", "eu"), ("level", 1))));
        var created = await H.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn("up"), Type = ProviderHarness.UserType, Properties = oldInputs });
        var news = await H.CheckAsync("up", ProviderHarness.UserInputs("up@example.com", "Up Dated", Wire.Map(("level", 2), ("department", "ops"))));
        var patches = await H.CountAsync("PATCH", UserById);

        var updated = await H.Client.UpdateAsync(new UpdateRequest { Id = created.Id, Urn = ProviderHarness.Urn("up"), Type = ProviderHarness.UserType, Olds = created.Properties, OldInputs = oldInputs, News = news });

        Assert.Equal(patches + 1, await H.CountAsync("PATCH", UserById));
        Assert.Equal("Up Dated", updated.Properties.Fields["displayName"].StringValue);
        using var omni = H.OutOfBand();
        var user = (await omni.Users.GetAsync(created.Id))!;
        Assert.False(user.Attributes.ContainsKey("region"));
        Assert.Equal(AttributeValue.Of("2"), user.Attributes["level"]);
        Assert.Equal(AttributeValue.Of("ops"), user.Attributes["department"]);
    }

    [Fact]
    public async Task Update_of_provider_only_settings_calls_nothing()
    {
        await H.ConfigureAsync();
        var created = await H.CreateAsync("settings", ProviderHarness.UserInputs("settings@example.com"));
        var news = await H.CheckAsync("settings", ProviderHarness.UserInputs("settings@example.com", deletionMode: "deactivate", adoptExisting: true));
        var before = await H.TotalRequestsAsync();

        var updated = await H.Client.UpdateAsync(new UpdateRequest { Id = created.Id, Urn = ProviderHarness.Urn("settings"), Type = ProviderHarness.UserType, Olds = created.Properties, News = news });

        Assert.Equal(before, await H.TotalRequestsAsync());
        Assert.Equal("deactivate", updated.Properties.Fields["deletionMode"].StringValue);
        Assert.True(updated.Properties.Fields["adoptExisting"].BoolValue);
    }

    [Fact]
    public async Task Preview_update_calls_nothing()
    {
        await H.ConfigureAsync();
        var created = await H.CreateAsync("pu", ProviderHarness.UserInputs("pu@example.com"));
        var before = await H.TotalRequestsAsync();
        var updated = await H.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = ProviderHarness.Urn("pu"), Type = ProviderHarness.UserType, Olds = created.Properties, Preview = true,
            News = Wire.Struct(("userName", "pu@example.com"), ("displayName", Wire.UnknownString)),
        });

        Assert.Equal(before, await H.TotalRequestsAsync());
        Assert.True(Wire.IsUnknown(updated.Properties.Fields["displayName"]));
    }

    [Fact]
    public async Task Delete_in_delete_mode_removes_the_user_and_a_second_delete_is_done()
    {
        await H.ConfigureAsync();
        var created = await H.CreateAsync("del", ProviderHarness.UserInputs("del@example.com"));
        var request = new DeleteRequest { Id = created.Id, Urn = ProviderHarness.Urn("del"), Type = ProviderHarness.UserType, Properties = created.Properties };

        await H.Client.DeleteAsync(request);
        await H.Client.DeleteAsync(request);

        using var omni = H.OutOfBand();
        Assert.Null(await omni.Users.GetAsync(created.Id));
    }

    [Fact]
    public async Task Delete_in_deactivate_mode_keeps_the_user_inactive()
    {
        await H.ConfigureAsync();
        var created = await H.CreateAsync("deact", ProviderHarness.UserInputs("deact@example.com", deletionMode: "deactivate"));

        await H.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = ProviderHarness.Urn("deact"), Type = ProviderHarness.UserType, Properties = created.Properties });

        using var omni = H.OutOfBand();
        Assert.False((await omni.Users.GetAsync(created.Id))!.Active);
        await omni.Users.DeleteAsync(created.Id);
        await H.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = ProviderHarness.Urn("deact"), Type = ProviderHarness.UserType, Properties = created.Properties });
    }

    [Fact]
    public async Task The_clients_retry_warnings_and_info_reach_the_engine()
    {
        await H.ConfigureAsync(maxRetries: 1);
        // A 503 to the POST: the client warns that the outcome is unknown, looks the user up, sends again.
        await H.AddFaultAsync(new { method = "POST", path = Users, status = 503, phase = "before", count = 1 });
        var created = await H.CreateAsync("retry", ProviderHarness.UserInputs("retry@example.com"));
        var warning = await H.WaitForLogAsync(l => l.Severity == LogSeverity.Warning && l.Message.Contains("503", StringComparison.Ordinal), "a warning about the 503");
        Assert.Contains("POST", warning.Message, StringComparison.Ordinal);

        // A 503 to a GET: retried, which the client reports as information.
        await H.AddFaultAsync(new { method = "GET", path = Users, status = 503, phase = "before", count = 1 });
        var read = await H.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = ProviderHarness.Urn("retry"), Type = ProviderHarness.UserType, Properties = created.Properties, Inputs = created.Properties });
        Assert.Equal(created.Id, read.Id);
        var info = await H.WaitForLogAsync(l => l.Severity == LogSeverity.Info && l.Message.Contains("Retrying", StringComparison.Ordinal), "info about the retry");
        Assert.Contains("GET", info.Message, StringComparison.Ordinal);
        Assert.All(H.Engine.Logs.All, l => Assert.DoesNotContain(H.ApiKey, l.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_key_never_appears_in_logs_or_errors()
    {
        await H.ConfigureAsync(maxRetries: 0);
        var errors = new List<string>();
        await H.AddFaultAsync(new { method = "POST", path = Users, status = 503, phase = "before" });
        var inputs = await H.CheckAsync("k", ProviderHarness.UserInputs("k@example.com"));
        errors.Add((await ProviderHarness.FailsAsync(() => H.Client.CreateAsync(new CreateRequest { Urn = ProviderHarness.Urn("k"), Type = ProviderHarness.UserType, Properties = inputs }).ResponseAsync)).Status.Detail);
        errors.Add((await ProviderHarness.FailsAsync(() => H.Client.ConfigureAsync(new ConfigureRequest { Args = H.ConfigArgs(H.ApiKey + "x") }).ResponseAsync)).Status.Detail);
        await H.Client.ReadAsync(new ReadRequest { Id = Guid.NewGuid().ToString(), Urn = ProviderHarness.Urn("k"), Type = ProviderHarness.UserType, Properties = inputs, Inputs = inputs });

        Assert.NotEmpty(H.Engine.Logs.All);
        Assert.All(errors, e => Assert.DoesNotContain(H.ApiKey, e, StringComparison.Ordinal));
        Assert.All(H.Engine.Logs.All, l => Assert.DoesNotContain(H.ApiKey, l.Message, StringComparison.Ordinal));
    }
}
