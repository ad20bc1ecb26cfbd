namespace Omni.Client;

/// <summary>How to reach an Omni organisation and how hard to lean on it.</summary>
public sealed class OmniClientOptions
{
    /// <summary>The organisation's URL, e.g. <c>https://acme.omniapp.co</c>; <c>/api</c> is appended when missing.</summary>
    public required string BaseUrl { get; init; }

    /// <summary>An Organization API key. Never printed: <see cref="ToString"/> masks it.</summary>
    public required string ApiKey { get; init; }

    /// <summary>Requests per minute for every client of this BaseUrl and key in the process; 0 disables the limiter.</summary>
    public int RequestsPerMinute { get; init; } = 60;

    public int MaxRetries { get; init; } = 5;

    /// <summary>Limit for one attempt (waiting for a rate-limit token is not counted).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Limit for a whole call, including the time queued for a client-side rate-limit token, retries and back-off.
    /// A create spends one TotalTimeout on its POSTs and look-ups together. With many calls in parallel the queue
    /// for tokens grows (at 60 a minute, 300 queued calls need 5 minutes): raise it or lower parallelism.
    /// </summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First back-off delay; it doubles per retry (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What is wrong with <paramref name="baseUrl"/> as a BaseUrl, with the fix; null when it is usable.
    /// The one rule for it, for the client and for anyone checking settings before building one: an absolute
    /// https URL without query or fragment; plain http only for a loopback host (a local emulator).</summary>
    public static string? BaseUrlProblem(string? baseUrl)
    {
        const string Example = "e.g. https://acme.omniapp.co (the client's BaseUrl)";
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            return $"BaseUrl is empty: give your Omni organisation's URL, {Example}.";
        }
        var text = baseUrl.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            return $"BaseUrl \"{text}\" has no scheme: write it as https://{text.TrimStart('/')}.";
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"BaseUrl \"{text}\" is not an http(s) URL: {Example}.";
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            return $"BaseUrl \"{text}\" uses http: Omni accepts only https, so write https://{uri.Authority}{uri.AbsolutePath.TrimEnd('/')}. " +
                "Plain http is allowed only for loopback hosts (127.0.0.1, ::1, localhost), such as a local emulator.";
        }
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return $"BaseUrl \"{text}\" has a query or fragment: give only the organisation's URL, {Example}.";
        }
        return null;
    }

    // localhost and every loopback address (127.0.0.0/8, ::1), however written.
    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));

    public override string ToString() =>
        $"OmniClientOptions {{ BaseUrl = {BaseUrl}, ApiKey = ***, RequestsPerMinute = {RequestsPerMinute}, MaxRetries = {MaxRetries}, RequestTimeout = {RequestTimeout}, TotalTimeout = {TotalTimeout} }}";
}
