using System.Net;

namespace Omni.Client.Transport;

/// <summary>Turns a failed answer into the matching exception, with Omni's message and a hint for the reader.</summary>
internal static class OmniErrors
{
    public const string AuthenticationHint =
        "an Organization API key is needed (Settings > API access > Organization keys); personal access tokens are not supported for SCIM";

    public const string KeyRejectedHint =
        "Omni did not accept the API key: it is mistyped, revoked or belongs to another organisation; "
        + "use a current Organization API key (Settings > API access > Organization keys)";

    /// <summary>
    /// 401, or Omni's 403 "Invalid bearer token" (its answer for a wrong key): the key itself is the problem. Other 403s
    /// (a personal access token on SCIM, too few permissions) are about the kind of key.
    /// </summary>
    private static bool IsKeyRejected(HttpStatusCode status, string? message) =>
        status == HttpStatusCode.Unauthorized
        || (message is not null && (message.Contains("invalid bearer token", StringComparison.OrdinalIgnoreCase)
                                    || message.Contains("invalid api key", StringComparison.OrdinalIgnoreCase)));

    public static OmniApiException FromResponse(OmniTransport transport, OmniResponse response, string? conflictName = null, string conflictField = "userName")
    {
        var message = transport.Redact(ErrorBody.ReadMessage(response.Body));
        var (method, path, retries) = (response.Method, response.Path, response.RetriesSpent);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden when IsKeyRejected(response.StatusCode, message) =>
                new OmniAuthenticationException(method, path, response.StatusCode, message, KeyRejectedHint) { KeyRejected = true },
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new OmniAuthenticationException(method, path, response.StatusCode, message, AuthenticationHint),
            HttpStatusCode.NotFound =>
                new OmniNotFoundException(method, path, message ?? "not found", "it was probably deleted outside this program; read it again to see the current state"),
            HttpStatusCode.Conflict =>
                new OmniConflictException(method, path, message, conflictField == "userName"
                    ? "a user with this userName (or e-mail) already exists in Omni, possibly deactivated or created outside this program; import or adopt it instead of creating it"
                    : $"a group with this {conflictField} already exists in Omni; import or adopt it, or choose another name",
                    conflictName, conflictField),
            HttpStatusCode.TooManyRequests =>
                new OmniRateLimitedException(method, path, message,
                    $"Omni still answered 429 after {retries} retries; lower requestsPerMinute (Omni allows 60 a minute per API key unless raised) or stop other tools sharing this key",
                    retries),
            HttpStatusCode.BadRequest =>
                new OmniApiException(method, path, response.StatusCode, message, "Omni rejected the request; check the fields named in its message"),
            _ when response.NotProcessed =>
                new OmniApiException(method, path, response.StatusCode, message,
                    $"Omni is in a maintenance window (503 with Retry-After) and did not process any of the {response.Attempts} attempt(s); try again later"),
            _ when (int)response.StatusCode >= 500 && method != "GET" =>
                new OmniApiException(method, path, response.StatusCode, message,
                    $"Omni failed on its side to each of {response.Attempts} attempt(s); it may have applied the {method} before failing, so read it back before sending it again"),
            _ when (int)response.StatusCode >= 500 =>
                new OmniApiException(method, path, response.StatusCode, message, $"Omni failed on its side to each of {response.Attempts} attempt(s); try again later"),
            _ => new OmniApiException(method, path, response.StatusCode, message, null),
        };
    }
}
