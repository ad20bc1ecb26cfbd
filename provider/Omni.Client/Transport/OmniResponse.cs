using System.Net;

namespace Omni.Client.Transport;

/// <summary>
/// Omni's final answer to one call, after any retries, with its body already read. <see cref="NotProcessed"/>: a 503
/// with Retry-After, Omni's maintenance answer, for which it documents that the request was not processed.
/// </summary>
internal sealed record OmniResponse(string Method, string Path, HttpStatusCode StatusCode, string Body, int RetriesSpent, bool NotProcessed = false)
{
    /// <summary>How many requests were sent for this answer.</summary>
    public int Attempts => RetriesSpent + 1;

    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}
