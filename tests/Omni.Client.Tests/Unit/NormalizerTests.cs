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
}
