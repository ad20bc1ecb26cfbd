using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Omni.Client.Transport;

/// <summary>
/// Errors of the v1 content calls (attribute definitions, folders, permissions, labels): the shared
/// <see cref="OmniErrors"/> mapping, with hints that fit these calls instead of SCIM's.
/// </summary>
internal static class V1Errors
{
    public static OmniApiException FromResponse(OmniTransport transport, OmniResponse response, string? subject = null, string subjectField = "name") =>
        Refine(OmniErrors.FromResponse(transport, response), subject, subjectField);

    /// <summary>Re-hints a 403, 404 or 409 (also one thrown by <see cref="SafeCreate"/>); anything else passes through.</summary>
    public static OmniApiException Refine(OmniApiException error, string? subject = null, string subjectField = "name") => error.StatusCode switch
    {
        HttpStatusCode.Forbidden => new OmniAuthenticationException(error.Method, error.Path, HttpStatusCode.Forbidden, error.OmniMessage,
            "this call needs more than the key's user has: writing user attributes and verified or homepage labels needs an Org Admin " +
            "(an organization API key); changing a folder or document needs EDITOR or MANAGER on it; a personal access token acts as its own user"),
        HttpStatusCode.NotFound => new OmniNotFoundException(error.Method, error.Path, error.OmniMessage ?? "not found",
            "the object (or a user or group named in the request) does not exist: it was probably deleted outside this program; refresh to see the current state"),
        HttpStatusCode.Conflict => new OmniConflictException(error.Method, error.Path, error.OmniMessage,
            $"the {subjectField} is already taken in Omni (names compare in any letter case); import the existing object or choose another {subjectField}",
            subject, subjectField),
        _ => error,
    };

    /// <summary>Sends a JSON body and returns the answer, or throws the refined error.</summary>
    public static async Task<OmniResponse> SendAsync(OmniTransport transport, HttpMethod method, string path, JsonNode? body, CancellationToken ct,
        string? subject = null, string subjectField = "name")
    {
        var response = await transport.SendAsync(method, path, body is null ? null : Utf8(body), ct).ConfigureAwait(false);
        return response.IsSuccess ? response : throw FromResponse(transport, response, subject, subjectField);
    }

    /// <summary>DELETE-style calls: true when done, false when Omni answers 404 (already gone), the refined error otherwise.</summary>
    public static async Task<bool> DoneOrGoneAsync(OmniTransport transport, HttpMethod method, string path, CancellationToken ct, string? subject = null)
    {
        var response = await transport.SendAsync(method, path, null, ct).ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound &&
               (response.IsSuccess ? true : throw FromResponse(transport, response, subject));
    }

    /// <summary><see cref="SafeCreate.PostAsync{T}"/> (never a duplicate), with this family's hints on its errors.</summary>
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

    /// <summary>The body without its null members: fields the caller left unset are not sent.</summary>
    public static JsonObject WithoutNulls(JsonObject body)
    {
        foreach (var unset in body.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            body.Remove(unset);
        }
        return body;
    }

    public static byte[] Utf8(JsonNode body) => Encoding.UTF8.GetBytes(body.ToJsonString());

    public static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
