using Omni.Emulator.Http;
using Omni.Emulator.V1;

namespace Omni.Emulator.Auth;

/// <summary>
/// What a caller may do on the v1 content endpoints. An organization key acts as the Org Admin who made
/// it; a personal access token acts as its user, a MEMBER (see whoami), who manages only what it owns.
/// </summary>
internal static class CallerRoles
{
    public static bool IsPersonalToken(HttpContext context) => context.Features.Get<Caller>() is { IsPersonalToken: true };

    /// <summary>The user the key acts as: whoami's userId.</summary>
    public static string ActingUserId(HttpContext context) => IsPersonalToken(context)
        ? V1Endpoints.PersonalTokenOwner.UserId
        : V1Endpoints.OrganizationKeyOwner.UserId;

    /// <summary>403 for a personal access token: <paramref name="action"/> needs the Organization Admin role.</summary>
    public static void RequireOrganizationAdmin(HttpContext context, string action)
    {
        if (IsPersonalToken(context))
        {
            throw new ApiProblem(StatusCodes.Status403Forbidden,
                $"Insufficient permissions: {action} requires the Organization Admin role (this personal access token's user is a MEMBER)");
        }
    }

    /// <summary>403 unless the caller is an organization key or owns the content (<paramref name="ownerId"/>).</summary>
    public static void RequireOwnerOrAdmin(HttpContext context, string ownerId, string message)
    {
        if (IsPersonalToken(context) && !string.Equals(ownerId, ActingUserId(context), StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblem(StatusCodes.Status403Forbidden, message);
        }
    }
}
