using Omni.Emulator.Http;

namespace Omni.Emulator.Admin;

/// <summary>Applies fault rules to Omni's endpoints (never to the admin API).</summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, FaultRules faults, EmulatorOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        if (AdminEndpoints.IsAdminPath(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (faults.Fire(method, path, FaultPhase.Before) is { } before
            && await ActAsync(context, before).ConfigureAwait(false))
        {
            return;
        }

        if (!faults.Any(method, path, FaultPhase.After))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        // Hold the handler's answer back so an "after" fault can still replace it or drop the connection.
        var originalBody = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = originalBody;
        }

        if (faults.Fire(method, path, FaultPhase.After) is { } after && await ActAsync(context, after).ConfigureAwait(false))
        {
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(originalBody, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Waits the rule's latency, then drops or answers; false when the rule only adds latency.</summary>
    private async Task<bool> ActAsync(HttpContext context, FaultRule rule)
    {
        if (rule.LatencyMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(rule.LatencyMs), options.TimeProvider, context.RequestAborted)
                .ConfigureAwait(false);
        }

        if (rule.Drop)
        {
            RequestCountingMiddleware.MarkDropped(context);
            context.Abort();
            return true;
        }

        if (rule.Status is not { } status)
        {
            return false;
        }

        context.Response.Clear();
        if (rule.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await ErrorResponses.WriteAsync(context, status, $"Injected fault (emulator fault rule {rule.Id})").ConfigureAwait(false);
        return true;
    }
}
