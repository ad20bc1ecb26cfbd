using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Omni.Client.Transport;

/// <summary>
/// One /api/v1 call through the shared transport (rate budget, retries, timeouts): a JSON body out, Omni's
/// answer back, a failure turned into the exception that names method, path, status and Omni's message, with
/// hints that fit the v1 families instead of SCIM's. Bodies (which may hold credentials) are never part of
/// any message or log line.
/// </summary>
internal static class V1Request
{
    /// <summary>
    /// Sends a JSON body (or none) and returns the answer, or throws the v1 error; <c>subject</c> names what a 409
    /// is about (e.g. a label's name) and <c>subjectField</c> the field it is the value of.
    /// </summary>
    public static async Task<OmniResponse> SendAsync(OmniTransport transport, HttpMethod method, string path, JsonNode? body,
        CancellationToken ct, string? subject = null, string subjectField = "name")
    {
        var response = await SendRawAsync(transport, method, path, body, ct).ConfigureAwait(false);
        return response.IsSuccess ? response : throw Failure(transport, response, subject, subjectField);
    }

    /// <summary>As <see cref="SendAsync"/>, but a 404 (or a 410, for what Omni has already deleted) answers null.</summary>
    public static async Task<OmniResponse?> SendOrGoneAsync(OmniTransport transport, HttpMethod method, string path, JsonNode? body,
        CancellationToken ct, string? subject = null)
    {
        var response = await SendRawAsync(transport, method, path, body, ct).ConfigureAwait(false);
        return response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone ? null
            : response.IsSuccess ? response
            : throw Failure(transport, response, subject);
    }

    /// <summary>DELETE-style calls: true when done, false when Omni answers 404/410 (already gone), the v1 error otherwise.</summary>
    public static async Task<bool> DoneOrGoneAsync(OmniTransport transport, HttpMethod method, string path, CancellationToken ct, string? subject = null) =>
        await SendOrGoneAsync(transport, method, path, null, ct, subject).ConfigureAwait(false) is not null;

    /// <summary><see cref="SafeCreate.PostAsync{T}"/> (never a duplicate), with the v1 hints on its errors.</summary>
    public static async Task<T> SafeCreateAsync<T>(OmniTransport transport, string path, JsonNode body, string name,
        Func<CancellationToken, Task<T?>> lookup, Func<OmniResponse, T> parse, CancellationToken ct)
        where T : class
    {
        try
        {
            return await SafeCreate.PostAsync(transport, path, Utf8(body), name, "name", lookup, parse, ct).ConfigureAwait(false);
        }
        catch (OmniApiException e) when (e.StatusCode is not null)
        {
            throw Refine(e, name);
        }
    }

    /// <summary>The exception for a failed v1 answer: the shared mapping, re-hinted for these families.</summary>
    public static OmniApiException Failure(OmniTransport transport, OmniResponse response, string? subject = null, string subjectField = "name") =>
        Refine(OmniErrors.FromResponse(transport, response), subject, subjectField);

    /// <summary>Re-hints a 403, 404 or 409 (also one thrown by <see cref="SafeCreate"/>); anything else passes through.</summary>
    public static OmniApiException Refine(OmniApiException error, string? subject = null, string subjectField = "name") => error.StatusCode switch
    {
        HttpStatusCode.Forbidden => new OmniAuthenticationException(error.Method, error.Path, HttpStatusCode.Forbidden, error.OmniMessage,
            "this call needs more than the key's user has: writing user attributes, connections and models, and verified or homepage labels, " +
            "needs an Org Admin (an organization API key); model roles need an admin of the model's connection; changing a folder or document " +
            "needs EDITOR or MANAGER on it; a personal access token acts as its own user"),
        HttpStatusCode.NotFound => new OmniNotFoundException(error.Method, error.Path, error.OmniMessage ?? "not found",
            "the object (or a user, group, model or connection named in the request) does not exist: it was probably deleted outside this program; " +
            "read it again to see the current state"),
        HttpStatusCode.Conflict => new OmniConflictException(error.Method, error.Path, error.OmniMessage,
            subject is null
                ? "it already exists in Omni; read it (or import it) instead of creating it again"
                : $"the {subjectField} is already taken in Omni (names compare in any letter case); import the existing object or choose another {subjectField}",
            subject, subjectField),
        _ => error,
    };

    /// <summary>The body without its null members: fields the caller left unset are not sent.</summary>
    public static JsonObject WithoutNulls(JsonObject body)
    {
        foreach (var unset in body.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            body.Remove(unset);
        }
        return body;
    }

    /// <summary>"v1/models/{0}/git" with each id escaped; an empty id is refused before any request.</summary>
    public static string Path(string format, params string[] ids)
    {
        foreach (var id in ids)
        {
            OmniUsers.RequireText(id, "id");
        }

        return string.Format(CultureInfo.InvariantCulture, format, [.. ids.Select(Uri.EscapeDataString)]);
    }

    /// <summary>"?a=1&amp;b=2" from the pairs whose value is not null; "" when none is.</summary>
    public static string Query(params (string Name, string? Value)[] parameters)
    {
        var pairs = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }

    private static byte[] Utf8(JsonNode body) => Encoding.UTF8.GetBytes(body.ToJsonString());

    private static Task<OmniResponse> SendRawAsync(OmniTransport transport, HttpMethod method, string path, JsonNode? body, CancellationToken ct) =>
        transport.SendAsync(method, path, body is null ? null : Utf8(body), ct);
}
