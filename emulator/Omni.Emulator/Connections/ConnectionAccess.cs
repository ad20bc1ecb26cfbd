using Omni.Emulator.Auth;
using Omni.Emulator.Http;
using Omni.Emulator.ModelRoles;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Connections;

/// <summary>
/// Connection-scoped role checks. An organization key passes; a personal access token's owner holds
/// only the connection's base role, so it passes where that base role reaches the required tier.
/// </summary>
internal static class ConnectionAccess
{
    public const string RestrictedQuerier = "RESTRICTED_QUERIER";

    public static void Require(HttpContext context, StoredConnection connection, string minimumRole)
    {
        if (!CallerAccess.IsPersonalToken(context))
        {
            return;
        }

        var held = RoleCatalog.Base(connection.BaseRole)?.Priority ?? 0;
        if (held < RoleCatalog.Base(minimumRole)!.Priority)
        {
            var name = minimumRole == RestrictedQuerier ? "restricted querier role or higher" : "connection admin role";
            throw new ApiProblem(StatusCodes.Status403Forbidden, $"Permission denied - {name} required");
        }
    }
}
