using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace Omni.Client.Transport;

/// <summary>Which outcomes are worth another attempt, and how long to wait before it.</summary>
internal static class RetryRules
{
    /// <summary>GET, PUT, PATCH, DELETE: repeating them is harmless, so any transient failure is retried.</summary>
    public static bool ShouldRetryIdempotent(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) =>
        HttpClientResiliencePredicates.IsTransient(outcome) ||
        // An injected HttpClient's own Timeout surfaces as a cancellation the caller did not ask for.
        (outcome.Exception is OperationCanceledException && !cancellationToken.IsCancellationRequested) ||
        outcome.Exception is IOException;

    /// <summary>
    /// POST only when it cannot have been applied: a 429, Omni's maintenance answer (503 with Retry-After: "rejected
    /// requests were not processed"), or a connection that was never made.
    /// </summary>
    public static bool ShouldRetryPost(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests ||
        IsMaintenance(outcome.Result) ||
        (outcome.Exception is { } exception && WasNeverSent(exception));

    /// <summary>503 with Retry-After: Omni is in a maintenance window and did not process the request.</summary>
    public static bool IsMaintenance(HttpResponseMessage? response) =>
        response is { StatusCode: HttpStatusCode.ServiceUnavailable } && response.Headers.RetryAfter is not null;

    /// <summary>
    /// A 500 that repeats is Omni failing on this request, not a passing blip: it is retried at most this many
    /// times, whatever MaxRetries allows (502, 503 and 504 are gateways and maintenance, and keep the full budget).
    /// </summary>
    public const int MaxInternalErrorRetries = 2;

    /// <summary>True when this outcome is the (MaxInternalErrorRetries + 1)-th 500 in a row of one call.</summary>
    public static bool InternalErrorCapReached(Outcome<HttpResponseMessage> outcome, int consecutiveInternalErrors) =>
        outcome.Result?.StatusCode == HttpStatusCode.InternalServerError && consecutiveInternalErrors > MaxInternalErrorRetries;

    /// <summary>Connection refused or the host name did not resolve: the request never left this machine.</summary>
    public static bool WasNeverSent(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound })
            {
                return true;
            }
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The server answered but may or may not have applied the write (gateway errors, its own timeout).</summary>
    public static bool IsUncertainStatus(HttpStatusCode status) =>
        status == HttpStatusCode.RequestTimeout || (int)status >= 500;

    /// <summary>
    /// Retry-After when the answer carries one (seconds or an HTTP date), else exponential back-off with jitter;
    /// for a 429 without Retry-After, never less than <see cref="RateLimitFloor"/>.
    /// </summary>
    public static TimeSpan Delay(int retryIndex, HttpResponseMessage? response, OmniClientOptions options, TimeProvider time, Func<double> random)
    {
        if (RetryAfter(response?.Headers.RetryAfter, time) is { } serverSays)
        {
            return serverSays;
        }
        var backoff = Backoff(retryIndex, options, random);
        return response?.StatusCode == HttpStatusCode.TooManyRequests
            ? TimeSpan.FromTicks(Math.Max(backoff.Ticks, RateLimitFloor(retryIndex, options.MaxRetries).Ticks))
            : backoff;
    }

    /// <summary>
    /// The least wait before retry <paramref name="retryIndex"/> (0-based) after a 429 that did not say when to
    /// come back. Omni counts a 60-second window per key, possibly filled by another tool sharing the key, so the
    /// waits together span the window: 60 s·2^n/(2^M−1) (summing to 60 s over M retries), and at least 5 s each.
    /// </summary>
    public static TimeSpan RateLimitFloor(int retryIndex, int maxRetries)
    {
        var retries = Math.Clamp(maxRetries, 1, 30);
        var window = RateLimiterRegistry.OmniWindow.Ticks;
        // Rounded up, so the shares never add up to a tick short of the window.
        var share = (long)Math.Ceiling(window * Math.Pow(2, Math.Min(retryIndex, 30)) / (Math.Pow(2, retries) - 1));
        return TimeSpan.FromTicks(Math.Max(MinimumRateLimitWait.Ticks, Math.Min(share, window)));
    }

    private static readonly TimeSpan MinimumRateLimitWait = TimeSpan.FromSeconds(5);

    /// <summary>Base·2^n capped at MaxRetryDelay, then "equal jitter": somewhere in [d/2, d], so clients spread out.</summary>
    public static TimeSpan Backoff(int retryIndex, OmniClientOptions options, Func<double> random)
    {
        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retryIndex, 30));
        var capped = Math.Min(exponential, options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (random() * capped / 2));
    }

    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider time)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    public static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => $"{(int)outcome.Result!.StatusCode} {OmniApiException.ReasonPhrase(outcome.Result.StatusCode)}",
        TimeoutRejectedException t => $"no answer within {t.Timeout.TotalSeconds:0.###} s",
        var e => $"{e.GetType().Name}: {e.Message}",
    };
}
