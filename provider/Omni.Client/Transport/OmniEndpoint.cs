namespace Omni.Client.Transport;

/// <summary>Checks the options and turns BaseUrl into the API root every path is resolved against.</summary>
internal static class OmniEndpoint
{
    /// <summary>"https://acme.omniapp.co" or ".../api/" → "https://acme.omniapp.co/api/".</summary>
    public static Uri NormalizeBaseUrl(string? baseUrl)
    {
        if (OmniClientOptions.BaseUrlProblem(baseUrl) is { } problem)
        {
            throw new OmniConfigurationException(problem);
        }
        var uri = new Uri(baseUrl!.Trim(), UriKind.Absolute);
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
                "as the client's ApiKey.");
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
