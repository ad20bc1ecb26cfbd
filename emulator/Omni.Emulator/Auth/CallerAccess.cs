using Omni.Emulator.Http;

namespace Omni.Emulator.Auth;

/// <summary>
/// Role checks of the v1 endpoints. An organization key acts as an Org Admin; a personal access token
/// acts as its owner, who in the emulator is an Organization Member (see whoami) with no model roles of
/// its own, so only the connection's base role applies to it.
/// </summary>
internal static class CallerAccess
{
    public static bool IsPersonalToken(HttpContext context) => context.Features.Get<Caller>() is { IsPersonalToken: true };

    /// <summary>403 in Omni's words ("Permission denied - admin role required") unless the caller is an admin.</summary>
    public static void RequireAdmin(HttpContext context, string role = "admin")
    {
        if (IsPersonalToken(context))
        {
            throw new ApiProblem(StatusCodes.Status403Forbidden, $"Permission denied - {role} role required");
        }
    }
}
