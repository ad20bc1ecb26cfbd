namespace Omni.Client.Tests.Unit;

public sealed class EndpointTests
{
    private static OmniClient Build(string baseUrl, string apiKey = "k") =>
        new(new OmniClientOptions { BaseUrl = baseUrl, ApiKey = apiKey, RequestsPerMinute = 0 }, rateLimiters: new RateLimiterRegistry());

    [Theory]
    [InlineData("https://acme.omniapp.co", "https://acme.omniapp.co/api/")]
    [InlineData("https://acme.omniapp.co/", "https://acme.omniapp.co/api/")]
    [InlineData("https://acme.omniapp.co/api", "https://acme.omniapp.co/api/")]
    [InlineData("https://acme.omniapp.co/api//", "https://acme.omniapp.co/api/")]
    [InlineData("  https://acme.omniapp.co/API/ ", "https://acme.omniapp.co/API/")]
    [InlineData("http://127.0.0.1:8787", "http://127.0.0.1:8787/api/")]
    [InlineData("http://localhost:9/", "http://localhost:9/api/")]
    [InlineData("http://[::1]:8787/api", "http://[::1]:8787/api/")]
    public void Base_urls_are_normalised_to_the_api_root(string baseUrl, string expected)
    {
        using var client = Build(baseUrl);
        Assert.Equal(expected, client.ApiBase.AbsoluteUri);
    }

    [Theory]
    [InlineData("", "BaseUrl is empty")]
    [InlineData("acme.omniapp.co", "write it as https://acme.omniapp.co")]
    [InlineData("http://acme.omniapp.co", "Omni accepts only https")]
    [InlineData("ftp://acme.omniapp.co", "not an http(s) URL")]
    [InlineData("https://acme.omniapp.co/?x=1", "query")]
    public void Bad_base_urls_are_refused_with_the_fix(string baseUrl, string expected)
    {
        var error = Assert.Throws<OmniConfigurationException>(() => Build(baseUrl));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_malformed_key_is_refused_without_echoing_it()
    {
        Assert.Contains("Organization API key", Assert.Throws<OmniConfigurationException>(() => Build("https://a.omniapp.co", " ")).Message, StringComparison.Ordinal);
        var error = Assert.Throws<OmniConfigurationException>(() => Build("https://a.omniapp.co", "secret-part\nmore"));
        Assert.DoesNotContain("secret-part", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_limits_name_the_field()
    {
        var error = Assert.Throws<OmniConfigurationException>(() =>
            new OmniClient(new OmniClientOptions { BaseUrl = "https://a.omniapp.co", ApiKey = "k", MaxRetries = -1 }, rateLimiters: new RateLimiterRegistry()));
        Assert.StartsWith("MaxRetries", error.Message, StringComparison.Ordinal);
    }
}
