using System.Net;
using System.Text.Json.Nodes;
using Omni.Client.Json;

namespace Omni.Client.Transport;

/// <summary>
/// One /api/v1 call through the shared transport (rate budget, retries, timeouts): a JSON object body
/// out, Omni's answer back, a failure turned into the exception that names method, path, status and
/// Omni's message. Bodies (which may hold credentials) are never part of any message or log line.
/// </summary>
internal static class V1Request
{
    public static async Task<OmniResponse> SendAsync(OmniTransport transport, HttpMethod method, string path, JsonObject? body,
        CancellationToken ct)
    {
        var response = await SendRawAsync(transport, method, path, body, ct).ConfigureAwait(false);
        return response.IsSuccess ? response : throw Failure(transport, response);
    }

    /// <summary>As <see cref="SendAsync"/>, but a 404 (or a 410, for what Omni has already deleted) answers null.</summary>
    public static async Task<OmniResponse?> SendOrGoneAsync(OmniTransport transport, HttpMethod method, string path, JsonObject? body,
        CancellationToken ct)
    {
        var response = await SendRawAsync(transport, method, path, body, ct).ConfigureAwait(false);
        return response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone ? null
            : response.IsSuccess ? response
            : throw Failure(transport, response);
    }

    public static OmniApiException Failure(OmniTransport transport, OmniResponse response) =>
        response.StatusCode == HttpStatusCode.Conflict
            ? new OmniConflictException(response.Method, response.Path, transport.Redact(ErrorBody.ReadMessage(response.Body)),
                "it already exists in Omni; read it (or import it) instead of creating it again", null, "id")
            : OmniErrors.FromResponse(transport, response);

    /// <summary>"v1/models/{0}/git" with each id escaped; an empty id is refused before any request.</summary>
    public static string Path(string format, params string[] ids)
    {
        foreach (var id in ids)
        {
            OmniUsers.RequireText(id, "id");
        }

        return string.Format(System.Globalization.CultureInfo.InvariantCulture, format, [.. ids.Select(Uri.EscapeDataString)]);
    }

    /// <summary>"?a=1&amp;b=2" from the pairs whose value is not null; "" when none is.</summary>
    public static string Query(params (string Name, string? Value)[] parameters)
    {
        var pairs = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }

    private static Task<OmniResponse> SendRawAsync(OmniTransport transport, HttpMethod method, string path, JsonObject? body, CancellationToken ct) =>
        transport.SendAsync(method, path, body is null ? null : JsonIo.Write(body, OmniJsonContext.Default.JsonObject), ct);
}
