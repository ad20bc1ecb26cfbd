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

    public override string ToString() =>
        $"OmniClientOptions {{ BaseUrl = {BaseUrl}, ApiKey = ***, RequestsPerMinute = {RequestsPerMinute}, MaxRetries = {MaxRetries}, RequestTimeout = {RequestTimeout}, TotalTimeout = {TotalTimeout} }}";
}
