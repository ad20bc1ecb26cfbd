using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Omni.Client;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;
using static Omni.Pulumi.Provider.Tests.Harness.GroupRequests;

namespace Omni.Pulumi.Provider.Tests;

public class UserAttributeLifecycleTests : HarnessTest
{
    private const string AttributeType = "omni:index:UserAttribute";
    private const string Attributes = "/api/v1/user-attributes";

    private static Struct Inputs(string name, string type = "String", bool? multipleValues = null, object? defaultValue = null,
        string? label = null, string? description = null)
    {
        var fields = new List<(string, object?)> { ("name", name), ("type", type) };
        if (multipleValues is not null) fields.Add(("multipleValues", multipleValues));
        if (defaultValue is not null) fields.Add(("defaultValue", defaultValue));
        if (label is not null) fields.Add(("label", label));
        if (description is not null) fields.Add(("description", description));
        return Wire.Struct([.. fields]);
    }

    private static Struct With(Struct s, string key, object? value)
    {
        var copy = s.Clone();
        copy.Fields[key] = Wire.Value(value);
        return copy;
    }

    private DeleteRequest Delete(string name, string id, Struct properties) =>
        new() { Id = id, Urn = Urn(AttributeType, name), Type = AttributeType, Properties = properties };

    [Fact]
    public async Task Create_read_update_in_place_and_delete_with_a_warning_that_values_are_erased()
    {
        await H.ConfigureAsync();
        var (created, inputs) = await H.CreateAsync(AttributeType, "tier", Inputs("sales_tier", "Number", defaultValue: 3, description: "Sales tier"));
        using var omni = H.OutOfBand();
        var stored = await omni.UserAttributes.GetAsync(created.Id);
        Assert.NotNull(stored);
        Assert.Equal(("sales_tier", "Number", "sales_tier"), (stored!.Name, stored.Type, stored.Label));
        Assert.Equal("3", created.Properties.Fields["defaultValue"].StringValue); // as Omni stores numbers
        Assert.False(created.Properties.Fields.TryGetValue("label", out var unsetLabel) && unsetLabel.KindCase != Value.KindOneofCase.NullValue); // unset stays unset: no drift

        var read = await H.RefreshAsync(AttributeType, "tier", created.Id, created.Properties, inputs);
        Assert.Equal(created.Id, read.Id);
        var noChange = await H.DiffAsync(AttributeType, read.Id, read.Properties, read.Inputs, inputs);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, noChange.Changes);

        // label, description, default and multipleValues off → on change in place.
        var news = (await H.CheckAsync(AttributeType, "tier", Inputs("sales_tier", "Number", multipleValues: true, defaultValue: new[] { 1, 2 },
            label: "Sales tier", description: "Tier of the account"))).Inputs;
        var diff = await H.DiffAsync(AttributeType, created.Id, read.Properties, read.Inputs, news);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffSome, diff.Changes);
        Assert.Empty(diff.Replaces);
        var updated = await H.Client.UpdateAsync(new UpdateRequest
        {
            Id = created.Id, Urn = Urn(AttributeType, "tier"), Type = AttributeType, Olds = read.Properties, OldInputs = read.Inputs, News = news,
        });
        stored = await omni.UserAttributes.GetAsync(created.Id);
        Assert.Equal(("Sales tier", true, "Tier of the account"), (stored!.Label, stored.MultipleValues, stored.Description));
        Assert.Equal(["1", "2"], stored.DefaultValue!.Many);
        Assert.Equal(created.Id, stored.Id); // in place: same definition

        await H.Client.DeleteAsync(Delete("tier", created.Id, updated.Properties));
        Assert.Null(await omni.UserAttributes.GetAsync(created.Id));
        var warning = Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning);
        Assert.Equal(Urn(AttributeType, "tier"), warning.Urn);
        Assert.Contains("every user's value", warning.Message, StringComparison.Ordinal);

        await H.Client.DeleteAsync(Delete("tier", created.Id, updated.Properties)); // already gone: done
    }

    [Fact]
    public async Task Name_type_and_multiple_values_turned_off_replace()
    {
        await H.ConfigureAsync();
        var (created, inputs) = await H.CreateAsync(AttributeType, "r", Inputs("region_list", multipleValues: true));

        async Task<DiffResponse> DiffTo(Struct news) =>
            await H.DiffAsync(AttributeType, created.Id, created.Properties, inputs, (await H.CheckAsync(AttributeType, "r", news)).Inputs);

        Assert.Equal(["name"], (await DiffTo(Inputs("region_list2", multipleValues: true))).Replaces);
        Assert.Equal(["type"], (await DiffTo(Inputs("region_list", "Number", multipleValues: true))).Replaces);
        Assert.Equal(["multipleValues"], (await DiffTo(Inputs("region_list", multipleValues: false))).Replaces);
        Assert.True(created.Properties.Fields["multipleValues"].BoolValue);
    }

    [Fact]
    public async Task Check_refuses_omni_names_and_defaults_that_do_not_fit_the_type()
    {
        await H.ConfigureAsync();
        var system = await H.CheckAsync(AttributeType, "a", Inputs("omni_mine"));
        var number = await H.CheckAsync(AttributeType, "b", Inputs("level_x", "Number", defaultValue: "high"));
        var single = await H.CheckAsync(AttributeType, "c", Inputs("region_x", defaultValue: new[] { "a", "b" }));
        var badName = await H.CheckAsync(AttributeType, "d", Inputs("sales-region"));
        var badType = await H.CheckAsync(AttributeType, "e", Inputs("x", "Date"));

        Assert.Contains("omni_", Assert.Single(system.Failures, f => f.Property == "name").Reason, StringComparison.Ordinal);
        Assert.Contains("number", Assert.Single(number.Failures).Reason, StringComparison.Ordinal);
        Assert.Equal("defaultValue", Assert.Single(single.Failures).Property);
        Assert.Equal("name", Assert.Single(badName.Failures).Property);
        Assert.Equal("type", Assert.Single(badType.Failures).Property);
        Assert.Equal(0, await H.CountAsync("POST", Attributes));
    }

    [Fact]
    public async Task Import_by_id_or_name_and_refresh_shows_ui_changes_and_deletion()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        var made = await omni.UserAttributes.CreateAsync(new UserAttributeSpec("cost_center", "String", "Cost center"));

        var byId = await H.ImportAsync(AttributeType, "cc", made.Id);
        var byName = await H.ImportAsync(AttributeType, "cc", "cost_center");
        var system = await ProviderHarness.FailsAsync(() => H.ImportAsync(AttributeType, "tz", "omni_user_timezone"));
        var none = await H.ImportAsync(AttributeType, "x", "no_such_attribute");

        Assert.Equal(made.Id, byId.Id);
        Assert.Equal(made.Id, byName.Id);
        Assert.Equal("Cost center", byName.Inputs.Fields["label"].StringValue);
        Assert.Equal(StatusCode.InvalidArgument, system.StatusCode);
        Assert.Equal("", none.Id);

        await omni.UserAttributes.UpdateAsync(made.Id, new UserAttributeUpdate().SetLabel("Cost centre"));
        var drift = await H.RefreshAsync(AttributeType, "cc", byId.Id, byId.Properties, byId.Inputs);
        Assert.Equal("Cost centre", drift.Inputs.Fields["label"].StringValue);

        await omni.UserAttributes.DeleteAsync(made.Id);
        var gone = await H.RefreshAsync(AttributeType, "cc", byId.Id, byId.Properties, byId.Inputs);
        Assert.Equal("", gone.Id);
        Assert.Contains("every user's value", Assert.Single(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_taken_name_fails_with_the_import_command()
    {
        await H.ConfigureAsync();
        using var omni = H.OutOfBand();
        await omni.UserAttributes.CreateAsync(new UserAttributeSpec("team", "String"));
        var check = await H.CheckAsync(AttributeType, "team", Inputs("team"));

        var error = await ProviderHarness.FailsAsync(() =>
            H.Client.CreateAsync(new CreateRequest { Urn = Urn(AttributeType, "team"), Type = AttributeType, Name = "team", Properties = check.Inputs }).ResponseAsync);

        Assert.Contains("already exists", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("pulumi import omni:index:UserAttribute team team", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_403_from_omni_names_the_call_and_the_admin_role_it_needs()
    {
        await H.ConfigureAsync();
        await H.AddFaultAsync(new { method = "POST", path = Attributes, status = 403, phase = "before" });
        var check = await H.CheckAsync(AttributeType, "t", Inputs("team"));

        var error = await ProviderHarness.FailsAsync(() =>
            H.Client.CreateAsync(new CreateRequest { Urn = Urn(AttributeType, "t"), Type = AttributeType, Name = "t", Properties = check.Inputs }).ResponseAsync);

        Assert.Contains("POST /api/v1/user-attributes", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("403", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Org Admin", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_keyed_by_an_attribute_this_program_creates_passes_check_before_and_is_created_after_it()
    {
        await H.ConfigureAsync();
        // Preview: the attribute is not created yet, but its name (an output known in preview) keys the user's attributes.
        var preview = await H.Client.CheckAsync(new CheckRequest
        {
            Urn = ProviderHarness.Urn("ann"), Type = ProviderHarness.UserType, Name = "ann", Olds = new Struct(),
            News = ProviderHarness.UserInputs("ann@example.com", attributes: Wire.Map(("sales_tier", "2"))),
        });
        Assert.Empty(preview.Failures);
        Assert.Contains(H.Engine.Logs.All, l => l.Severity == LogSeverity.Warning && l.Message.Contains("'sales_tier'", StringComparison.Ordinal));

        // Up without the attribute: the user's Create refuses before any write.
        var posts = await H.CountAsync("POST", "/api/scim/v2/users");
        var refused = await ProviderHarness.FailsAsync(() => H.Client.CreateAsync(new CreateRequest
        {
            Urn = ProviderHarness.Urn("ann"), Type = ProviderHarness.UserType, Name = "ann", Properties = preview.Inputs,
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("sales_tier", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(posts, await H.CountAsync("POST", "/api/scim/v2/users"));

        // Up in order: the attribute first (through this provider), then the user, which sees it at once.
        await H.CreateAsync(AttributeType, "tier", Inputs("sales_tier", "Number"));
        var user = await H.CreateAsync("ann", ProviderHarness.UserInputs("ann@example.com", attributes: Wire.Map(("sales_tier", "2"))));
        using var omni = H.OutOfBand();
        Assert.Equal("2", (await omni.Users.GetAsync(user.Id))!.Attributes["sales_tier"].Single);
    }
}
