using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Protocol;
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
        Assert.Equal(3.0, bound.Value.Attributes!["level"]);
        Assert.Equal(["us", "eu"], Assert.IsType<List<object>>(bound.Value.Attributes["regions"]));
    }

    [Fact]
    public void Wrong_types_and_missing_required_values_fail_naming_the_property()
    {
        var bound = PropertyBinder.Bind<UserArgs>(Decode(Wire.Struct(("displayName", 12), ("active", "yes"))));

        Assert.Contains(bound.Failures, f => f.Path == "userName" && f.Reason.Contains("required", StringComparison.Ordinal));
        Assert.Contains(bound.Failures, f => f.Path == "displayName" && f.Reason.Contains("must be a string", StringComparison.Ordinal));
        Assert.Contains(bound.Failures, f => f.Path == "active" && f.Reason.Contains("boolean", StringComparison.Ordinal));
    }

    [Fact]
    public void Whole_numbers_bind_to_int_and_fractions_fail()
    {
        Assert.Equal(7, PropertyBinder.Bind<ProviderConfig>(Decode(Wire.Struct(("maxRetries", 7.0)))).Value.MaxRetries);
        var fraction = PropertyBinder.Bind<ProviderConfig>(Decode(Wire.Struct(("maxRetries", 7.5))));
        Assert.Equal("maxRetries", Assert.Single(fraction.Failures).Path);
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
        Assert.Equal("eu", bound.Value.Attributes!["region"]);
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
    public void The_api_key_never_shows_in_the_config_record_text()
    {
        var config = new ProviderConfig { BaseUrl = "https://acme.omniapp.co", ApiKey = "super-secret-key-123" };
        Assert.DoesNotContain("super-secret-key-123", config.ToString(), StringComparison.Ordinal);
    }
}
