using System.Globalization;
using Omni.Emulator.Http;

namespace Omni.Emulator.Auth;

/// <summary>
/// Bearer authentication and the per-key rate limit for everything under /api. SCIM endpoints take
/// organization keys only; /api/v1 endpoints also take personal access tokens.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, Credentials credentials, FixedWindowRateLimiter rateLimiter,
    EmulatorOptions options, Storage.EmulatorDatabase database)
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
            // A bearer token that is no key: 403 "Invalid bearer token" with --wrong-key-status 403 (Omni has been seen
            // to answer so); a missing header is always 401.
            if (options.WrongKeyStatus == StatusCodes.Status403Forbidden && header is not null
                && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                await ErrorResponses.WriteAsync(context, StatusCodes.Status403Forbidden, "Invalid bearer token").ConfigureAwait(false);
                return;
            }

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

        if (!caller.IsPersonalToken && options.KeyOwner is not null
            && await KeyOwnerProblemAsync(context.RequestAborted).ConfigureAwait(false) is { } problem)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status403Forbidden, problem).ConfigureAwait(false);
            return;
        }

        context.Features.Set(caller);
        await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// A key "follows the user who created it" (Omni's docs): with <c>--key-owner</c>, the organization key
    /// stops working once its owner is deleted, deactivated or out of the admin group (which the emulator
    /// takes to be what makes the owner an Org Admin). The lockout the provider's self-lockout checks prevent.
    /// </summary>
    private async Task<string?> KeyOwnerProblemAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Storage.SqliteCommands.Command(connection,
            "SELECT u.active, EXISTS (SELECT 1 FROM group_members m WHERE m.user_id = u.id AND m.group_id = $group) FROM users u WHERE u.id = $id",
            null, ("$id", V1.V1Endpoints.OrganizationKeyOwnerId), ("$group", Storage.IdentitySeed.AdminGroupId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return $"Forbidden: this API key's owner ({options.KeyOwner}) was deleted, so the key no longer works";
        }

        if (!reader.GetBoolean(0))
        {
            return $"Forbidden: this API key's owner ({options.KeyOwner}) is deactivated, so the key no longer works";
        }

        return reader.GetBoolean(1)
            ? null
            : $"Forbidden: this API key's owner ({options.KeyOwner}) is no longer in the admin group '{options.AdminGroup}', so the key lost its rights";
    }
}
