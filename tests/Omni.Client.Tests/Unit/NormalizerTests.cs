using System.Text.Json;

namespace Omni.Client.Tests.Unit;

public sealed class NormalizerTests
{
    public static TheoryData<object?, string?> Scalars => new()
    {
        { true, "true" },
        { false, "false" },
        { 3, "3" },
        { 3L, "3" },
        { 3.0, "3" },
        { 3.25, "3.25" },
        { 3.50m, "3.5" },
        { 1e20, "100000000000000000000" },
        { -0.125f, "-0.125" },
        { "x", "x" },
        { "  spaced ", "  spaced " },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Scalars_become_the_string_Omni_stores(object? input, string? expected)
    {
        var value = AttributeValue.Normalize(input);

        Assert.NotNull(value);
        Assert.False(value.IsList);
        Assert.Equal(expected, value.Single);
    }

    [Fact]
    public void Lists_become_lists_of_normalised_strings()
    {
        var value = AttributeValue.Normalize(new object?[] { "a", 1, false, 2.5 });

        Assert.Equal(AttributeValue.Of(["a", "1", "false", "2.5"]), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Null_and_empty_text_mean_clear(object? input) => Assert.Null(AttributeValue.Normalize(input));

    [Fact]
    public void An_empty_list_means_clear() => Assert.Null(AttributeValue.Normalize(Array.Empty<object>()));

    [Fact]
    public void Json_elements_are_normalised_like_their_clr_counterparts()
    {
        using var document = JsonDocument.Parse("""{"b":true,"n":3.0,"s":"x","l":["a",1,false],"z":null,"e":[]}""");
        var root = document.RootElement;

        Assert.Equal(AttributeValue.Of("true"), AttributeValue.Normalize(root.GetProperty("b")));
        Assert.Equal(AttributeValue.Of("3"), AttributeValue.Normalize(root.GetProperty("n")));
        Assert.Equal(AttributeValue.Of("x"), AttributeValue.Normalize(root.GetProperty("s")));
        Assert.Equal(AttributeValue.Of(["a", "1", "false"]), AttributeValue.Normalize(root.GetProperty("l")));
        Assert.Null(AttributeValue.Normalize(root.GetProperty("z")));
        Assert.Null(AttributeValue.Normalize(root.GetProperty("e")));
    }

    [Fact]
    public void Objects_are_rejected_with_the_type_named()
    {
        var error = Assert.Throws<ArgumentException>(() => AttributeValue.Normalize(new Dictionary<string, object> { ["a"] = 1 }));
        Assert.Contains("a map", error.Message, StringComparison.Ordinal);

        var other = Assert.Throws<ArgumentException>(() => AttributeValue.Normalize(new Uri("https://x")));
        Assert.Contains("Uri", other.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => AttributeValue.Normalize(new object[] { new[] { "nested" } }));
        Assert.Throws<ArgumentException>(() => AttributeValue.Normalize(double.NaN));
    }

    [Fact]
    public void Equality_is_by_value_and_kind()
    {
        Assert.Equal(AttributeValue.Of("a"), AttributeValue.Of("a"));
        Assert.NotEqual(AttributeValue.Of("a"), AttributeValue.Of(["a"]));
        Assert.Equal(AttributeValue.Of(["a", "b"]).GetHashCode(), AttributeValue.Of(["a", "b"]).GetHashCode());
        Assert.True(AttributeValue.Of("a") == AttributeValue.Normalize("a"));
    }

    private static readonly UserAttributeDefinition Level = new("a1", "level", "Level", "Number", false, null, false);
    private static readonly UserAttributeDefinition Scores = new("a2", "scores", "Scores", "Number", true, null, false);
    private static readonly UserAttributeDefinition Regions = new("a3", "regions", "Regions", "String", true, null, false);
    private static readonly UserAttributeDefinition Region = new("a4", "region", "Region", "String", false, null, false);

    public static TheoryData<string, object?, AttributeValue?> WithDefinitions => new()
    {
        // Number attributes: numeric strings are rewritten the way Omni stores them, like numbers are.
        { "level", "3.50", AttributeValue.Of("3.5") },
        { "level", "1e3", AttributeValue.Of("1000") },
        { "level", "1E3", AttributeValue.Of("1000") },
        { "level", "007", AttributeValue.Of("7") },
        { "level", "+2.0", AttributeValue.Of("2") },
        { "level", "-0.50", AttributeValue.Of("-0.5") },
        { "level", " 42 ", AttributeValue.Of("42") },
        { "level", "0.000", AttributeValue.Of("0") },
        { "level", "1e40", AttributeValue.Of("1E+40") },
        { "level", 1e3, AttributeValue.Of("1000") },
        { "level", 3.50m, AttributeValue.Of("3.5") },
        { "level", 12, AttributeValue.Of("12") },
        { "level", "", null },
        { "level", null, null },
        { "level", AttributeValue.Of("3.50"), AttributeValue.Of("3.5") },
        // Multi-valued: a scalar is a list of one, and each item is normalised like a scalar.
        { "scores", "3.50", AttributeValue.Of(["3.5"]) },
        { "scores", 7, AttributeValue.Of(["7"]) },
        { "scores", new object[] { "1e3", 2.50m, "", 4 }, AttributeValue.Of(["1000", "2.5", "4"]) },
        { "scores", AttributeValue.Of("10.0"), AttributeValue.Of(["10"]) },
        { "scores", Array.Empty<object>(), null },
        { "regions", "us", AttributeValue.Of(["us"]) },
        { "regions", new[] { "us", "eu" }, AttributeValue.Of(["us", "eu"]) },
        { "regions", AttributeValue.Of("us"), AttributeValue.Of(["us"]) },
        // String attributes keep numeric-looking text as typed (Omni does not rewrite them).
        { "region", "3.50", AttributeValue.Of("3.50") },
        { "region", true, AttributeValue.Of("true") },
        // No definition (an attribute Omni does not define): as Normalize(input).
        { "none", "3.50", AttributeValue.Of("3.50") },
        { "none", "us", AttributeValue.Of("us") },
    };

    private static UserAttributeDefinition? Definition(string name) => name switch
    {
        "level" => Level,
        "scores" => Scores,
        "regions" => Regions,
        "region" => Region,
        _ => null,
    };

    [Theory]
    [MemberData(nameof(WithDefinitions))]
    public void With_a_definition_values_take_the_form_Omni_stores(string attribute, object? input, AttributeValue? expected) =>
        Assert.Equal(expected, AttributeValue.Normalize(input, Definition(attribute)));

    [Fact]
    public void Json_input_is_shaped_by_the_definition_too()
    {
        using var document = JsonDocument.Parse("""{"n":"3.50","l":["1e3",2.50],"s":5}""");
        var root = document.RootElement;

        Assert.Equal(AttributeValue.Of("3.5"), AttributeValue.Normalize(root.GetProperty("n"), Level));
        Assert.Equal(AttributeValue.Of(["1000", "2.5"]), AttributeValue.Normalize(root.GetProperty("l"), Scores));
        Assert.Equal(AttributeValue.Of(["5"]), AttributeValue.Normalize(root.GetProperty("s"), Scores));
    }

    public static TheoryData<string, object, string> Refused => new()
    {
        { "level", "abc", "User attribute 'level' is a Number attribute, but \"abc\" is not a number" },
        { "level", "1,000", "\"1,000\" is not a number" },
        { "level", "NaN", "\"NaN\" is not a number" },
        { "level", "1e999", "\"1e999\" is not a number" },
        { "level", true, "User attribute 'level' is a Number attribute and cannot hold the boolean true" },
        { "scores", new object[] { "1", "two" }, "\"two\" is not a number" },
        { "level", new[] { "1" }, "User attribute 'level' takes a single value, but got a list" },
        { "region", new[] { "us", "eu" }, "make the attribute multi-valued" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Values_Omni_would_refuse_are_refused_with_the_attribute_and_the_problem_named(string attribute, object input, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => AttributeValue.Normalize(input, Definition(attribute)));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
