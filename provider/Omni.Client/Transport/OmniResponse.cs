using System.Net;

namespace Omni.Client.Transport;

/// <summary>Omni's final answer to one call, after any retries, with its body already read.</summary>
internal sealed record OmniResponse(string Method, string Path, HttpStatusCode StatusCode, string Body, int RetriesSpent)
{
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}
