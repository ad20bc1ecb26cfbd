using System.Net;
using Omni.Client.Json;

namespace Omni.Client.Transport;

/// <summary>
/// POST without duplicates. The transport retries a POST only when it cannot have been applied (429, connection
/// refused). When the outcome is unknown (timeout, dropped connection, 5xx), the resource is looked up by its
/// natural key: if it exists it is returned, otherwise the POST is sent again, a bounded number of times.
/// A 409 after such an unknown outcome is most likely our own earlier attempt, so it is resolved by the lookup too.
/// </summary>
internal static class SafeCreate
{
    public static async Task<T> PostAsync<T>(
        OmniTransport transport,
        string path,
        byte[] body,
        string name,
        string nameField,
        Func<CancellationToken, Task<T?>> lookup,
        Func<OmniResponse, T> parse,
        CancellationToken cancellationToken)
        where T : class
    {
        var maxResends = Math.Max(1, transport.Options.MaxRetries);
        var outcomeWasUnknown = false;
        for (var resend = 0; ; resend++)
        {
            OmniResponse? response = null;
            OmniTransportException? noAnswer = null;
            try
            {
                response = await transport.SendAsync(HttpMethod.Post, path, body, cancellationToken).ConfigureAwait(false);
            }
            catch (OmniTransportException e) when (e.MayHaveBeenApplied)
            {
                noAnswer = e;
            }

            if (response is { IsSuccess: true })
            {
                return parse(response);
            }
            var unknown = noAnswer is not null || RetryRules.IsUncertainStatus(response!.StatusCode);
            var conflictAfterUnknown = outcomeWasUnknown && response?.StatusCode == HttpStatusCode.Conflict;
            if (!unknown && !conflictAfterUnknown)
            {
                throw OmniErrors.FromResponse(transport, response!, name, nameField);
            }

            outcomeWasUnknown = true;
            var method = HttpMethod.Post.Method;
            var logPath = new Uri(transport.ApiBase, path).AbsolutePath;
            OmniLog.OutcomeUnknown(transport.Log, method, logPath,
                noAnswer?.OmniMessage ?? $"{(int)response!.StatusCode} {OmniApiException.ReasonPhrase(response.StatusCode)}", name);
            var existing = await lookup(cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                OmniLog.FoundAfterUnknownOutcome(transport.Log, method, logPath, name);
                return existing;
            }
            if (conflictAfterUnknown || resend >= maxResends)
            {
                throw (Exception?)noAnswer ?? OmniErrors.FromResponse(transport, response!, name, nameField);
            }
            await transport.DelayAsync(RetryRules.Backoff(resend, transport.Options, transport.Random), cancellationToken).ConfigureAwait(false);
        }
    }
}
