using System.Globalization;
using Omni.Emulator.Http;

namespace Omni.Emulator.Auth;

/// <summary>
/// Bearer authentication and the per-key rate limit for everything under /api. SCIM endpoints take
/// organization keys only; /api/v1 endpoints also take personal access tokens.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, Credentials credentials, FixedWindowRateLimiter rateLimiter,
    EmulatorOptions options)
{
    private const string BearerPrefix = "Bearer ";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        string? header = context.Request.Headers.Authorization;
        var caller = header is not null && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? credentials.Identify(header[BearerPrefix.Length..].Trim())
            : null;
        if (caller is null)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized,
                "Unauthorized: Missing or invalid API key").ConfigureAwait(false);
            return;
        }

        if (caller.IsPersonalToken && context.Request.Path.StartsWithSegments("/api/scim", StringComparison.OrdinalIgnoreCase))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status403Forbidden,
                "Personal Access Tokens (PATs) are not supported for this endpoint").ConfigureAwait(false);
            return;
        }

        if (!rateLimiter.TryAcquire(caller.KeyId, out var retryAfter))
        {
            if (options.RetryAfter)
            {
                context.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            await ErrorResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests").ConfigureAwait(false);
            return;
        }

        context.Features.Set(caller);
        await next(context).ConfigureAwait(false);
    }
}
