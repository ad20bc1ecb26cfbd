using Omni.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Protocol;
using Omni.Pulumi.Provider.Resources;
using Omni.Pulumi.Provider.Resources.Groups;
using Omni.Pulumi.Provider.Resources.Users;
using Omni.Pulumi.Provider.Tests.Harness;

namespace Omni.Pulumi.Provider.Tests;

public class PropertyBinderTests
{
    private static ObjectValue Decode(Google.Protobuf.WellKnownTypes.Struct s) => StructCodec.Decode(s);

    [Fact]
    public void Binds_typed_values_and_keeps_defaults_for_absent_ones()
    {
        var bound = PropertyBinder.Bind<UserArgs>(Decode(Wire.Struct(("userName", "a@example.com"), ("displayName", "A"),
            ("attributes", Wire.Map(("level", 3), ("regions", new[] { "us", "eu" }))))));

        Assert.Empty(bound.Failures);
        Assert.Equal("a@example.com", bound.Value.UserName);
        Assert.True(bound.Value.Active);
        Assert.Equal("delete", bound.Value.DeletionMode);
        Assert.Equal(AttributeValue.Of("3"), bound.Value.Attributes!["level"]);
        Assert.Equal(AttributeValue.Of(["us", "eu"]), bound.Value.Attributes["regions"]);
    }

    [Fact]
    public void Attribute_values_are_bound_once_by_their_converter_and_go_back_plain()
    {
        var bound = PropertyBinder.Bind<UserArgs>(Decode(Wire.Struct(("userName", "a@example.com"), ("displayName", "A"),
            ("attributes", Wire.Map(("flag", true), ("cost", 3.5), ("empty", ""), ("none", new string[0]), ("regions", new[] { "us" }))))));

        Assert.Empty(bound.Failures);
        var attributes = bound.Value.Attributes!;
        Assert.True(attributes["flag"]!.IsBoolean);
        Assert.Equal(AttributeValue.Of("3.5"), attributes["cost"]);
        Assert.Null(attributes["empty"]); // "" and [] clear the attribute
        Assert.Null(attributes["none"]);

        var unbound = Assert.IsType<ObjectValue>(PropertyBinder.Unbind(bound.Value)["attributes"]);
        Assert.Equal(new BoolValue(true), unbound["flag"]); // a boolean goes back (and to Omni) as one
        Assert.Equal(new StringValue("3.5"), unbound["cost"]);
        Assert.Equal(PropertyValue.Null, unbound["empty"]);
        Assert.Equal(new ArrayValue([new StringValue("us")]), unbound["regions"]);
    }

    [Fact]
    public void An_attribute_value_the_converter_refuses_fails_naming_its_path_without_the_value()
    {
        var bound = PropertyBinder.Bind<UserArgs>(Decode(Wire.Struct(("userName", "a@example.com"), ("displayName", "A"),
            ("attributes", Wire.Map(("team", Wire.Map(("lead", "secret-name"))), ("nested", new object[] { new[] { "a" } }))))));

        var team = Assert.Single(bound.Failures, f => f.Property == "attributes.team");
        Assert.StartsWith("'attributes.team' is an object;", team.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-name", team.Reason, StringComparison.Ordinal);
        Assert.Contains(bound.Failures, f => f.Property == "attributes.nested" && f.Reason.Contains("flat list", StringComparison.Ordinal));
        Assert.False(bound.Value.Attributes!.ContainsKey("team"));
    }

    [Fact]
    public void Wrong_types_and_missing_required_values_fail_naming_the_property()
    {
        var bound = PropertyBinder.Bind<UserArgs>(Decode(Wire.Struct(("displayName", 12), ("active", "yes"))));

        Assert.Contains(bound.Failures, f => f.Property == "userName" && f.Reason.Contains("required", StringComparison.Ordinal));
        Assert.Contains(bound.Failures, f => f.Property == "displayName" && f.Reason.Contains("must be a string", StringComparison.Ordinal));
        Assert.Contains(bound.Failures, f => f.Property == "active" && f.Reason.Contains("boolean", StringComparison.Ordinal));
    }

    [Fact]
    public void Whole_numbers_bind_to_int_and_fractions_fail()
    {
        Assert.Equal(7, PropertyBinder.Bind<ProviderConfig>(Decode(Wire.Struct(("maxRetries", 7.0)))).Value.MaxRetries);
        var fraction = PropertyBinder.Bind<ProviderConfig>(Decode(Wire.Struct(("maxRetries", 7.5))));
        Assert.Equal("maxRetries", Assert.Single(fraction.Failures).Property);
    }

    [Fact]
    public void Config_strings_bind_to_numbers_only_when_lenient()
    {
        Assert.Equal(60, PropertyBinder.Bind<ProviderConfig>(Decode(Wire.Struct(("requestsPerMinute", "60"))), lenientScalars: true).Value.RequestsPerMinute);
        Assert.Single(PropertyBinder.Bind<ProviderConfig>(Decode(Wire.Struct(("requestsPerMinute", "60")))).Failures);
    }

    [Fact]
    public void Secrets_are_unwrapped_and_remembered_per_top_level_property()
    {
        var bound = PropertyBinder.Bind<UserArgs>(Decode(Wire.Struct(("userName", "a@example.com"), ("displayName", Wire.Secret("Hidden")),
            ("attributes", Wire.Map(("region", Wire.Secret("eu")))))));

        Assert.Equal("Hidden", bound.Value.DisplayName);
        Assert.Equal(AttributeValue.Of("eu"), bound.Value.Attributes!["region"]);
        Assert.Equal(["attributes", "displayName"], bound.SecretProperties.Order());

        var unbound = PropertyBinder.Unbind(bound.Value, secretProperties: bound.SecretProperties);
        Assert.IsType<SecretValue>(unbound["displayName"]);
        Assert.IsType<SecretValue>(unbound["attributes"]);
        Assert.IsType<StringValue>(unbound["userName"]);
    }

    [Fact]
    public void Unknowns_are_recorded_by_path_and_come_back_unknown()
    {
        var bound = PropertyBinder.Bind<UserArgs>(Decode(Wire.Struct(("userName", Wire.UnknownString), ("displayName", "A"),
            ("active", Wire.UnknownBool), ("attributes", Wire.Map(("region", Wire.UnknownString), ("level", "3"))))));

        Assert.Empty(bound.Failures);
        Assert.Equal(["active", "attributes.region", "userName"], bound.Unknowns.Order());
        Assert.False(bound.Value.Attributes!.ContainsKey("region"));

        var unbound = PropertyBinder.Unbind(bound.Value, bound.Unknowns);
        Assert.IsType<UnknownValue>(unbound["userName"]);
        Assert.IsType<UnknownValue>(unbound["active"]);
        var attributes = Assert.IsType<ObjectValue>(unbound["attributes"]);
        Assert.IsType<UnknownValue>(attributes["region"]);
        Assert.Equal(new StringValue("3"), attributes["level"]);
    }

    [Fact]
    public void A_wholly_unknown_property_goes_out_as_the_sentinel_of_its_own_type()
    {
        var user = PropertyBinder.Bind<UserArgs>(Decode(Wire.Struct(("userName", Wire.UnknownString), ("displayName", "A"),
            ("active", Wire.UnknownBool), ("attributes", Wire.UnknownString))));
        var group = PropertyBinder.Bind<GroupArgs>(Decode(Wire.Struct(("displayName", "G"), ("memberIds", new object[] { "u-1", Wire.UnknownString }))));

        var users = PropertyBinder.Unbind(user.Value, user.Unknowns);
        var groups = PropertyBinder.Unbind(group.Value, group.Unknowns);

        Assert.Equal(new UnknownValue(UnknownKind.Any), users["userName"]);
        Assert.Equal(new UnknownValue(UnknownKind.Bool), users["active"]);
        Assert.Equal(new UnknownValue(UnknownKind.Object), users["attributes"]);
        Assert.Equal(new UnknownValue(UnknownKind.Array), groups["memberIds"]);
    }

    [Fact]
    public void A_map_entry_with_anything_unknown_inside_is_wholly_unknown_whatever_its_key()
    {
        var bound = PropertyBinder.Bind<UserArgs>(Decode(Wire.Struct(("userName", "a@example.com"), ("displayName", "A"),
            ("attributes", Wire.Map(("cost-center", Wire.UnknownString), ("regions", new object[] { "us", Wire.UnknownString }),
                ("tags", Wire.Secret(new[] { Wire.UnknownString })), ("level", "3"))))));

        Assert.Empty(bound.Failures);
        Assert.Equal(["attributes.regions", "attributes.tags", "attributes[\"cost-center\"]"], bound.Unknowns.Order(StringComparer.Ordinal));
        Assert.Equal(["level"], bound.Value.Attributes!.Keys); // nothing partly known is left to check or send
        Assert.Contains("attributes", bound.SecretProperties);

        var attributes = Assert.IsType<ObjectValue>(PropertyBinder.Unbind(bound.Value, bound.Unknowns)["attributes"]);
        Assert.IsType<UnknownValue>(attributes["cost-center"]);
        Assert.IsType<UnknownValue>(attributes["regions"]);
        Assert.IsType<UnknownValue>(attributes["tags"]);
        Assert.Equal(new StringValue("3"), attributes["level"]);
    }

    [Theory]
    [InlineData("attributes", "attributes.level", "level")]
    [InlineData("attributes", "attributes[\"cost-center\"]", "cost-center")]
    [InlineData("attributes", "attributes[\"say \\\"hi\\\"\"]", "say \"hi\"")]
    [InlineData("", "userName", "userName")]
    [InlineData("", "[\"odd key\"]", "odd key")]
    [InlineData("attributes", "attributes.level.x", null)]
    [InlineData("attributes", "attributes[\"a\"].b", null)]
    [InlineData("attributes", "attributes[0]", null)]
    [InlineData("attributes", "attributesX", null)]
    [InlineData("attributes", "other.level", null)]
    public void Child_keys_are_read_back_the_way_Child_writes_them(string parent, string path, string? key)
    {
        Assert.Equal(key, PropertyPath.TryGetChildKey(parent, path, out var found) ? found : null);
        if (key is not null)
        {
            Assert.Equal(path, PropertyPath.Child(parent, key));
        }
    }

    [Fact]
    public void The_api_key_never_shows_in_the_config_record_text()
    {
        var config = new ProviderConfig { BaseUrl = "https://acme.omniapp.co", ApiKey = "super-secret-key-123" };
        Assert.DoesNotContain("super-secret-key-123", config.ToString(), StringComparison.Ordinal);
    }
}
