namespace Omni.Emulator.Admin;

/// <summary>
/// Records every answer to Omni's endpoints, including ones the rate limiter, auth or a fault gave,
/// under "METHOD /route/{id}" (lower-cased, ids replaced by the route's placeholder).
/// </summary>
internal sealed class RequestCountingMiddleware(RequestDelegate next, RequestCounters counters)
{
    private static readonly object DroppedKey = new();

    public static void MarkDropped(HttpContext context) => context.Items[DroppedKey] = true;

    public async Task InvokeAsync(HttpContext context)
    {
        if (AdminEndpoints.IsAdminPath(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var dropped = context.Items.ContainsKey(DroppedKey) || context.RequestAborted.IsCancellationRequested;
            counters.Record($"{context.Request.Method} {RouteOf(context)}", dropped ? null : context.Response.StatusCode);
        }
    }

    private static string RouteOf(HttpContext context)
    {
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "/";
        return ("/" + pattern.Trim('/')).ToLowerInvariant();
    }
}
