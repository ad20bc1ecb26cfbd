using Google.Protobuf.WellKnownTypes;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

public class UserCheckAndDiffTests : HarnessTest
{
    private Task<CheckResponse> Check(Struct news) =>
        H.Client.CheckAsync(new CheckRequest { Urn = ProviderHarness.Urn("u"), Type = ProviderHarness.UserType, News = news, Olds = new Struct() }).ResponseAsync;

    private Task<DiffResponse> Diff(Struct olds, Struct news, Struct? oldInputs = null) =>
        H.Client.DiffAsync(new DiffRequest { Id = "id", Urn = ProviderHarness.Urn("u"), Type = ProviderHarness.UserType, Olds = olds, News = news, OldInputs = oldInputs ?? olds }).ResponseAsync;

    [Fact]
    public async Task Check_applies_defaults_and_normalises_attributes_the_way_omni_stores_them()
    {
        await H.ConfigureAsync();
        var response = await Check(ProviderHarness.UserInputs("alice@example.com", attributes: Wire.Map(("level", 3), ("region", "eu"), ("regions", "us"))));

        Assert.Empty(response.Failures);
        var inputs = response.Inputs.Fields;
        Assert.True(inputs["active"].BoolValue);
        Assert.Equal("delete", inputs["deletionMode"].StringValue);
        Assert.False(inputs["adoptExisting"].BoolValue);
        var attributes = inputs["attributes"].StructValue.Fields;
        Assert.Equal("3", attributes["level"].StringValue);
        Assert.Equal(["us"], attributes["regions"].ListValue.Values.Select(v => v.StringValue)); // multi-valued: a list
    }

    [Fact]
    public async Task Check_failures_name_each_property()
    {
        await H.ConfigureAsync();
        var response = await Check(Wire.Struct(("userName", "not-an-email"), ("displayName", " "), ("deletionMode", "archive"),
            ("attributes", Wire.Map(("omni_user_timezone", "UTC"), ("nope", "x"), ("level", "high"), ("region", new[] { "a", "b" })))));

        string Reason(string property) => Assert.Single(response.Failures, f => f.Property == property).Reason;
        Assert.Contains("email", Reason("userName"), StringComparison.Ordinal);
        Assert.Contains("empty", Reason("displayName"), StringComparison.Ordinal);
        Assert.Contains("deactivate", Reason("deletionMode"), StringComparison.Ordinal);
        Assert.Contains("system attribute", Reason("attributes.omni_user_timezone"), StringComparison.Ordinal);
        // An undefined key is no failure (in a preview a UserAttribute of the program may define it), but a
        // warning that lists the defined keys; Create refuses it (UserAttributeLifecycleTests).
        Assert.DoesNotContain(response.Failures, f => f.Property == "attributes.nope");
        var warning = await H.WaitForLogAsync(l => l.Severity == LogSeverity.Warning && l.Message.Contains("'nope'", StringComparison.Ordinal), "an undefined-key warning");
        Assert.Contains("region", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Number", Reason("attributes.level"), StringComparison.Ordinal);
        Assert.Contains("single value", Reason("attributes.region"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attribute_value_of_a_type_Omni_cannot_store_is_a_type_error_naming_its_key()
    {
        // Like any type error it is reported before the other checks run (they need bound values).
        var response = await Check(Wire.Struct(("userName", "a@example.com"), ("displayName", "A"),
            ("attributes", Wire.Map(("department", Wire.Map(("x", 1)))))));

        var failure = Assert.Single(response.Failures);
        Assert.Equal("attributes.department", failure.Property);
        Assert.Contains("is an object", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_reports_missing_and_mistyped_properties()
    {
        var response = await Check(Wire.Struct(("displayName", true)));
        Assert.Contains(response.Failures, f => f.Property == "userName");
        Assert.Contains(response.Failures, f => f.Property == "displayName");
    }

    [Fact]
    public async Task Check_lets_unknowns_pass_in_preview_and_keeps_them_unknown()
    {
        var response = await Check(Wire.Struct(("userName", Wire.UnknownString), ("displayName", Wire.UnknownString),
            ("attributes", Wire.Map(("region", Wire.UnknownString)))));

        Assert.Empty(response.Failures);
        Assert.True(Wire.IsUnknown(response.Inputs.Fields["userName"]));
        Assert.True(Wire.IsUnknown(response.Inputs.Fields["attributes"].StructValue.Fields["region"]));
    }

    [Fact]
    public async Task Check_passes_keys_with_anything_unknown_under_them_through_unknown_without_checking_them()
    {
        await H.ConfigureAsync();
        var response = await Check(ProviderHarness.UserInputs("u@example.com", attributes: Wire.Map(
            ("cost-center", Wire.UnknownString), ("regions", new object[] { "us", Wire.UnknownString }), ("region", "eu"))));

        Assert.Empty(response.Failures); // cost-center is not defined in Omni, but its value (and so the whole key) is not known yet
        var attributes = response.Inputs.Fields["attributes"].StructValue.Fields;
        Assert.True(Wire.IsUnknown(attributes["cost-center"]));
        Assert.True(Wire.IsUnknown(attributes["regions"]));
        Assert.Equal("eu", attributes["region"].StringValue);
    }

    [Fact]
    public async Task Check_never_echoes_a_secret_userName_or_an_attribute_value()
    {
        await H.ConfigureAsync();
        var secret = await Check(Wire.Struct(("userName", Wire.Secret("hidden-handle")), ("displayName", "A"), ("attributes", Wire.Map(("level", "classified-level")))));
        var plain = await Check(Wire.Struct(("userName", "visible-handle"), ("displayName", "A")));

        Assert.DoesNotContain(secret.Failures, f => f.Reason.Contains("hidden-handle", StringComparison.Ordinal));
        Assert.DoesNotContain(secret.Failures, f => f.Reason.Contains("classified-level", StringComparison.Ordinal));
        Assert.Contains(secret.Failures, f => f.Property == "userName");
        Assert.Contains(secret.Failures, f => f.Property == "attributes.level" && f.Reason.Contains("Number", StringComparison.Ordinal));
        Assert.Contains("visible-handle", Assert.Single(plain.Failures, f => f.Property == "userName").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_without_configuration_still_checks_shapes()
    {
        var response = await Check(ProviderHarness.UserInputs("bob@example.com", attributes: Wire.Map(("anything", 1.5))));
        Assert.Empty(response.Failures);
        Assert.Equal("1.5", response.Inputs.Fields["attributes"].StructValue.Fields["anything"].StringValue);
    }

    [Fact]
    public async Task A_secret_input_stays_secret_in_checked_inputs()
    {
        var response = await Check(Wire.Struct(("userName", "c@example.com"), ("displayName", Wire.Secret("Carol"))));
        Assert.True(Wire.IsSecret(response.Inputs.Fields["displayName"]));
        Assert.False(Wire.IsSecret(response.Inputs.Fields["userName"]));
    }

    [Fact]
    public async Task Diff_ignores_a_change_of_letter_case_in_userName()
    {
        var diff = await Diff(ProviderHarness.UserInputs("Alice@Example.com"), ProviderHarness.UserInputs("alice@example.com"));
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, diff.Changes);
        Assert.True(diff.HasDetailedDiff);
    }

    [Fact]
    public async Task Diff_updates_in_place_on_a_real_userName_change()
    {
        var diff = await Diff(ProviderHarness.UserInputs("alice@example.com"), ProviderHarness.UserInputs("alicia@example.com"));

        Assert.Equal(DiffResponse.Types.DiffChanges.DiffSome, diff.Changes);
        Assert.Equal(["userName"], diff.Diffs);
        Assert.Empty(diff.Replaces);
        Assert.Equal(PropertyDiff.Types.Kind.Update, diff.DetailedDiff["userName"].Kind);
    }

    [Fact]
    public async Task Diff_compares_attributes_after_normalisation_and_only_for_declared_keys()
    {
        var olds = ProviderHarness.UserInputs("a@example.com", attributes: Wire.Map(("level", "3"), ("region", "eu"), ("department", "sales")));
        var oldInputs = ProviderHarness.UserInputs("a@example.com", attributes: Wire.Map(("level", 3), ("region", "eu")));

        var same = await Diff(olds, ProviderHarness.UserInputs("a@example.com", attributes: Wire.Map(("level", 3), ("region", "eu"))), oldInputs);
        Assert.Equal(DiffResponse.Types.DiffChanges.DiffNone, same.Changes); // 3 vs "3"; department is not declared

        var changed = await Diff(olds, ProviderHarness.UserInputs("a@example.com", attributes: Wire.Map(("level", 4), ("regions", new[] { "us" }))), oldInputs);
        Assert.Equal(["attributes"], changed.Diffs);
        Assert.Equal(PropertyDiff.Types.Kind.Update, changed.DetailedDiff["attributes.level"].Kind);
        Assert.Equal(PropertyDiff.Types.Kind.Add, changed.DetailedDiff["attributes.regions"].Kind);
        Assert.Equal(PropertyDiff.Types.Kind.Delete, changed.DetailedDiff["attributes.region"].Kind); // dropped from the program: cleared
        Assert.False(changed.DetailedDiff.ContainsKey("attributes.department"));
        Assert.Empty(changed.Replaces);
    }

    [Fact]
    public async Task Diff_keeps_the_engines_invariants()
    {
        var diff = await Diff(ProviderHarness.UserInputs("a@example.com", "A", Wire.Map(("region", "eu")), active: true),
            ProviderHarness.UserInputs("b@example.com", "B", Wire.Map(("region", "us"), ("level", 2)), active: false, deletionMode: "deactivate"));

        Assert.True(diff.HasDetailedDiff);
        Assert.Equal(diff.Diffs.Count, diff.Diffs.Distinct().Count());
        Assert.All(diff.Diffs, key => Assert.Contains(diff.DetailedDiff.Keys, path => path == key || path.StartsWith(key + ".", StringComparison.Ordinal)));
        Assert.All(diff.DetailedDiff.Keys, path => Assert.Contains(path.Split('.', '[')[0], diff.Diffs));
        Assert.Equal(["active", "attributes", "deletionMode", "displayName", "userName"], diff.Diffs.Order());
    }

    [Fact]
    public async Task Diff_reports_an_attribute_with_anything_unknown_under_it_as_a_possible_change_whatever_its_key()
    {
        var olds = ProviderHarness.UserInputs("a@example.com", attributes: Wire.Map(("cost-center", "42"), ("regions", new[] { "us" }), ("region", "eu")));
        var news = ProviderHarness.UserInputs("a@example.com", attributes: Wire.Map(
            ("cost-center", Wire.UnknownString), ("regions", new object[] { "us", Wire.UnknownString }), ("region", "eu")));

        var diff = await Diff(olds, news);

        Assert.Equal(["attributes"], diff.Diffs);
        Assert.Equal(["attributes.regions", "attributes[\"cost-center\"]"], diff.DetailedDiff.Keys.Order(StringComparer.Ordinal));
        Assert.All(diff.DetailedDiff.Values, d => Assert.Equal(PropertyDiff.Types.Kind.Update, d.Kind));
    }

    [Fact]
    public async Task Diff_treats_unknown_values_as_changes()
    {
        var diff = await Diff(ProviderHarness.UserInputs("a@example.com", "A"), Wire.Struct(("userName", "a@example.com"), ("displayName", Wire.UnknownString)));
        Assert.Equal(["displayName"], diff.Diffs);
        var email = await Diff(ProviderHarness.UserInputs("a@example.com", "A"), Wire.Struct(("userName", Wire.UnknownString), ("displayName", "A")));
        Assert.Equal(["userName"], email.Diffs);
        Assert.Empty(email.Replaces); // an email change is an update in place
    }
}
