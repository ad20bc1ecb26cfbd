using System.Net;

namespace Omni.Client.Transport;

/// <summary>Turns a failed answer into the matching exception, with Omni's message and a hint for the reader.</summary>
internal static class OmniErrors
{
    public const string AuthenticationHint =
        "an Organization API key is needed (Settings > API access > Organization keys); personal access tokens are not supported for SCIM";

    public static OmniApiException FromResponse(OmniTransport transport, OmniResponse response, string? conflictName = null, string conflictField = "userName")
    {
        var message = transport.Redact(ErrorBody.ReadMessage(response.Body));
        var (method, path, retries) = (response.Method, response.Path, response.RetriesSpent);
        return response.StatusCode switch
        {
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
            _ when (int)response.StatusCode >= 500 =>
                new OmniApiException(method, path, response.StatusCode, message, $"Omni failed on its side (retried {retries} times); try again later"),
            _ => new OmniApiException(method, path, response.StatusCode, message, null),
        };
    }
}
