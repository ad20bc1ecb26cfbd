using System.Globalization;
using System.Net;
using Omni.Client;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Configuration;

/// <summary>Resolves <see cref="ProviderConfig"/> against its environment fallbacks and checks it,
/// with failures that name the key and say how to set it.</summary>
internal sealed class ConfigValidator(EnvironmentVariables environment)
{
    /// <param name="unknowns">Config keys not known yet (preview); they are not checked.</param>
    public IReadOnlyList<CheckFailure> Validate(ProviderConfig config, IReadOnlySet<string> unknowns)
    {
        var failures = new List<CheckFailure>();
        if (!unknowns.Contains("baseUrl"))
        {
            var baseUrl = BaseUrl(config);
            if (string.IsNullOrWhiteSpace(baseUrl))
            {
                failures.Add(new CheckFailure("baseUrl", "The Omni base URL is not set. Set it with `pulumi config set omni:baseUrl https://<your-org>.omniapp.co` "
                    + $"or the {ProviderConfig.BaseUrlEnvironment} environment variable."));
            }
            else if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add(new CheckFailure("baseUrl", $"'{baseUrl}' is not an absolute http(s) URL; use e.g. https://<your-org>.omniapp.co."));
            }
            else if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            {
                failures.Add(new CheckFailure("baseUrl", $"'{baseUrl}' uses plain http; Omni accepts only https (http is allowed for loopback addresses only)."));
            }
        }

        if (!unknowns.Contains("apiKey") && string.IsNullOrWhiteSpace(ApiKey(config)))
        {
            failures.Add(new CheckFailure("apiKey", "The Omni API key is not set. Set an Organization API key with `pulumi config set --secret omni:apiKey <key>` "
                + $"or the {ProviderConfig.ApiKeyEnvironment} environment variable."));
        }

        var requestsPerMinute = RequestsPerMinute(config, failures);
        if (requestsPerMinute < 0)
        {
            failures.Add(new CheckFailure("requestsPerMinute", "'requestsPerMinute' must be 0 (no limit) or more."));
        }

        if (config.MaxRetries is < 0)
        {
            failures.Add(new CheckFailure("maxRetries", "'maxRetries' must be 0 or more."));
        }

        if (config.RequestTimeoutSeconds is <= 0)
        {
            failures.Add(new CheckFailure("requestTimeoutSeconds", "'requestTimeoutSeconds' must be more than 0."));
        }

        return failures;
    }

    /// <summary>The client options; call only after <see cref="Validate"/> found nothing.</summary>
    public OmniClientOptions ToClientOptions(ProviderConfig config) => new()
    {
        BaseUrl = BaseUrl(config)!,
        ApiKey = ApiKey(config)!,
        RequestsPerMinute = RequestsPerMinute(config, []),
        MaxRetries = config.MaxRetries ?? 5,
        RequestTimeout = TimeSpan.FromSeconds(config.RequestTimeoutSeconds ?? 30),
    };

    private string? BaseUrl(ProviderConfig config) => NonEmpty(config.BaseUrl) ?? NonEmpty(environment.Get(ProviderConfig.BaseUrlEnvironment));

    private string? ApiKey(ProviderConfig config) => NonEmpty(config.ApiKey) ?? NonEmpty(environment.Get(ProviderConfig.ApiKeyEnvironment));

    private int RequestsPerMinute(ProviderConfig config, List<CheckFailure> failures)
    {
        if (config.RequestsPerMinute is { } configured)
        {
            return configured;
        }

        var fromEnvironment = NonEmpty(environment.Get(ProviderConfig.RequestsPerMinuteEnvironment));
        if (fromEnvironment is null)
        {
            return 60;
        }

        if (int.TryParse(fromEnvironment, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        failures.Add(new CheckFailure("requestsPerMinute", $"The {ProviderConfig.RequestsPerMinuteEnvironment} environment variable must be a whole number, not '{fromEnvironment}'."));
        return 60;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}

/// <summary>Environment variables, injectable so tests do not touch the process environment.</summary>
internal sealed class EnvironmentVariables(Func<string, string?> read)
{
    public static EnvironmentVariables Process { get; } = new(Environment.GetEnvironmentVariable);

    public string? Get(string name) => read(name);
}
