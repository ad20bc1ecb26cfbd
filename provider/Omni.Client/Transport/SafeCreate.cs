using System.Net;
using Omni.Client.Json;

namespace Omni.Client.Transport;

/// <summary>
/// POST without duplicates. The transport retries a POST only when it cannot have been applied (429, Omni's
/// maintenance 503 with Retry-After, connection refused). When the outcome is unknown (timeout, dropped connection, 5xx), the resource is looked up by its
/// natural key: if it exists it is returned, otherwise the POST is sent again, a bounded number of times.
/// A 409 after such an unknown outcome is most likely our own earlier attempt, so it is resolved by the lookup too.
/// </summary>
internal static class SafeCreate
{
    /// <summary>
    /// One TotalTimeout bounds the whole create (every POST, lookup and back-off), and the POST is sent again at
    /// most MaxRetries times: with MaxRetries = 0 it is sent once.
    /// </summary>
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
        using var budget = transport.NewBudget(cancellationToken);
        var state = new Progress();
        var logPath = new Uri(transport.ApiBase, path).AbsolutePath;
        try
        {
            return await PostWithinAsync(transport, path, body, name, nameField, lookup, parse, budget, state).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (budget.Expired)
        {
            // The deadline passed in a lookup or a back-off; a POST that ran out of time reports itself.
            throw new OmniTransportException(HttpMethod.Post.Method, logPath,
                $"the create did not finish within TotalTimeout ({budget.Total}) after {state.Posts} POST(s)",
                state.OutcomeWasUnknown
                    ? "an earlier POST may have reached Omni: look it up (read it again) before creating it again; raise TotalTimeout if Omni is slow"
                    : "Omni is slow or unreachable; raise TotalTimeout or try again later",
                state.Posts, e)
            {
                MayHaveBeenApplied = state.OutcomeWasUnknown,
            };
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled in a POST, a lookup or a back-off: what counts is what every POST of this create did.
            var inPost = e is OmniCancelledException { Method: "POST" } cancelledPost ? cancelledPost : null;
            throw new OmniCancelledException(HttpMethod.Post.Method, logPath, state.Posts + (inPost?.RequestsSent ?? 0),
                state.OutcomeWasUnknown || (inPost?.MayHaveBeenApplied ?? false), e, cancellationToken);
        }
    }

    private static async Task<T> PostWithinAsync<T>(
        OmniTransport transport,
        string path,
        byte[] body,
        string name,
        string nameField,
        Func<CancellationToken, Task<T?>> lookup,
        Func<OmniResponse, T> parse,
        CallBudget budget,
        Progress state)
        where T : class
    {
        var maxResends = Math.Max(0, transport.Options.MaxRetries);
        var logPath = new Uri(transport.ApiBase, path).AbsolutePath;
        for (var resend = 0; ; resend++)
        {
            OmniResponse? response = null;
            OmniTransportException? noAnswer = null;
            try
            {
                response = await transport.SendAsync(HttpMethod.Post, path, body, budget).ConfigureAwait(false);
                state.Posts += response.Attempts;
            }
            catch (OmniTransportException e) when (e.MayHaveBeenApplied)
            {
                state.Posts += e.Attempts;
                noAnswer = e;
                if (budget.Expired)
                {
                    throw Unanswered(logPath, nameField, state, e);
                }
            }

            if (response is { IsSuccess: true })
            {
                return parse(response);
            }
            // Omni's maintenance answer (503 with Retry-After) was not processed: no lookup is needed.
            var unknown = noAnswer is not null || (RetryRules.IsUncertainStatus(response!.StatusCode) && !response.NotProcessed);
            var conflictAfterUnknown = state.OutcomeWasUnknown && response?.StatusCode == HttpStatusCode.Conflict;
            if (!unknown && !conflictAfterUnknown)
            {
                throw OmniErrors.FromResponse(transport, response! with { RetriesSpent = state.Posts - 1 }, name, nameField);
            }

            state.OutcomeWasUnknown = true;
            var method = HttpMethod.Post.Method;
            OmniLog.OutcomeUnknown(transport.Log, method, logPath,
                noAnswer?.OmniMessage ?? $"{(int)response!.StatusCode} {OmniApiException.ReasonPhrase(response.StatusCode)}", nameField);
            OmniLog.LookingUp(transport.Log, nameField, name);
            var existing = await lookup(budget.Token).ConfigureAwait(false);
            state.Lookups++;
            if (existing is not null)
            {
                OmniLog.FoundAfterUnknownOutcome(transport.Log, method, logPath, nameField);
                return existing;
            }
            if (conflictAfterUnknown || resend >= maxResends)
            {
                throw noAnswer is not null
                    ? Unanswered(logPath, nameField, state, noAnswer)
                    : OmniErrors.FromResponse(transport, response! with { RetriesSpent = state.Posts - 1 }, name, nameField);
            }
            await transport.DelayAsync(RetryRules.Backoff(resend, transport.Options, transport.Random), budget.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Every POST of this create counted, and what the lookups found, not just the last request's view.</summary>
    private static OmniTransportException Unanswered(string logPath, string nameField, Progress state, OmniTransportException last) =>
        new(HttpMethod.Post.Method, logPath,
            $"{state.Posts} POST(s) sent, the last one ended with {last.LastFailure ?? last.OmniMessage}"
            + (state.Lookups > 0 ? $"; the {nameField} was looked up {state.Lookups} time(s) after an unknown outcome and not found" : ""),
            $"the last POST may still have reached Omni: look the {nameField} up (or refresh) before creating it again; {last.Hint}",
            state.Posts, last)
        {
            MayHaveBeenApplied = true,
            LastFailure = last.LastFailure,
        };

    private sealed class Progress
    {
        public int Posts { get; set; }

        public bool OutcomeWasUnknown { get; set; }

        public int Lookups { get; set; }
    }
}
