namespace Omni.Client.Transport;

/// <summary>Checks the options and turns BaseUrl into the API root every path is resolved against.</summary>
internal static class OmniEndpoint
{
    /// <summary>"https://acme.omniapp.co" or ".../api/" → "https://acme.omniapp.co/api/".</summary>
    public static Uri NormalizeBaseUrl(string? baseUrl)
    {
        const string Example = "e.g. https://acme.omniapp.co (set the provider's baseUrl or OMNI_BASE_URL)";
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            throw new OmniConfigurationException($"BaseUrl is empty: give your Omni organisation's URL, {Example}.");
        }
        var text = baseUrl.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            throw new OmniConfigurationException($"BaseUrl \"{text}\" has no scheme: write it as https://{text.TrimStart('/')}.");
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new OmniConfigurationException($"BaseUrl \"{text}\" is not an http(s) URL: {Example}.");
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw new OmniConfigurationException(
                $"BaseUrl \"{text}\" uses http: Omni accepts only https, so write https://{uri.Authority}{uri.AbsolutePath.TrimEnd('/')}. " +
                "Plain http is allowed only for loopback hosts (127.0.0.1, ::1, localhost), such as a local emulator.");
        }
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new OmniConfigurationException($"BaseUrl \"{text}\" has a query or fragment: give only the organisation's URL, {Example}.");
        }
        var path = uri.AbsolutePath.TrimEnd('/');
        if (!path.EndsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            path += "/api";
        }
        return new Uri($"{uri.Scheme}://{uri.Authority}{path}/");
    }

    public static void Validate(OmniClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new OmniConfigurationException(
                "ApiKey is empty: give an Organization API key (Omni: Settings > API access > Organization keys), " +
                "through the provider's apiKey or OMNI_API_KEY.");
        }
        if (options.ApiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            // The key itself is never echoed, only what is wrong with it.
            throw new OmniConfigurationException("ApiKey contains whitespace or control characters: copy the key again without spaces or line breaks.");
        }
        Require(options.RequestsPerMinute >= 0, "RequestsPerMinute", $"must be 0 (no client-side limit) or more; got {options.RequestsPerMinute}");
        Require(options.MaxRetries >= 0, "MaxRetries", $"must be 0 or more; got {options.MaxRetries}");
        Require(options.RequestTimeout > TimeSpan.Zero, "RequestTimeout", $"must be positive; got {options.RequestTimeout}");
        Require(options.TotalTimeout >= options.RequestTimeout, "TotalTimeout", $"must be at least RequestTimeout ({options.RequestTimeout}); got {options.TotalTimeout}");
        Require(options.RetryBaseDelay >= TimeSpan.Zero, "RetryBaseDelay", $"must not be negative; got {options.RetryBaseDelay}");
        Require(options.MaxRetryDelay >= options.RetryBaseDelay, "MaxRetryDelay", $"must be at least RetryBaseDelay; got {options.MaxRetryDelay}");
    }

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new OmniConfigurationException($"{field} {problem}.");
        }
    }
}
