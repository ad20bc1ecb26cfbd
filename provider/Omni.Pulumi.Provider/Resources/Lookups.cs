using System.Net;
using Omni.Client;

namespace Omni.Pulumi.Provider.Resources;

/// <summary>
/// The one way to find a group or a user, for the resources' import and the functions alike.
/// A key that may be either an id or a name is tried as an id first (whatever it looks like: Omni
/// does not promise a shape for ids), then as a name.
/// A list answer holds each group's members (Omni leaves them out only when asked with
/// <c>excludedAttributes=members</c>, which these lookups never send), so a group found by name is
/// complete and is not read again.
/// </summary>
internal static class Lookups
{
    public static Task<ScimGroup?> GroupByIdAsync(IOmniGroups omni, string id, CancellationToken cancellationToken) =>
        OrNullWhenNoSuchIdAsync(omni.GetAsync(id, excludeMembers: false, cancellationToken));

    public static Task<ScimGroup?> GroupByNameAsync(IOmniGroups omni, string displayName, CancellationToken cancellationToken) =>
        omni.FindByDisplayNameAsync(displayName, cancellationToken);

    public static async Task<ScimGroup?> GroupByIdOrNameAsync(IOmniGroups omni, string idOrName, CancellationToken cancellationToken) =>
        await GroupByIdAsync(omni, idOrName, cancellationToken).ConfigureAwait(false)
        ?? await GroupByNameAsync(omni, idOrName, cancellationToken).ConfigureAwait(false);

    /// <summary>An embed user is never the answer (Omni lists them apart; should one come back here, it is not picked).</summary>
    public static async Task<ScimUser?> UserByIdAsync(IOmniUsers omni, string id, CancellationToken cancellationToken) =>
        await OrNullWhenNoSuchIdAsync(omni.GetAsync(id, cancellationToken)).ConfigureAwait(false) is { IsEmbedUser: false } user ? user : null;

    public static Task<ScimUser?> UserByNameAsync(IOmniUsers omni, string userName, CancellationToken cancellationToken) =>
        omni.FindByUserNameAsync(userName, cancellationToken);

    /// <summary>
    /// A key with an '@' is a userName: Omni's user ids are UUIDs, which never hold one, so it costs one
    /// request (the filtered list already holds the whole user). Any other key is tried as an id, then as a name.
    /// </summary>
    public static async Task<ScimUser?> UserByIdOrNameAsync(IOmniUsers omni, string idOrUserName, CancellationToken cancellationToken) =>
        idOrUserName.Contains('@', StringComparison.Ordinal)
            ? await UserByNameAsync(omni, idOrUserName, cancellationToken).ConfigureAwait(false)
            : await UserByIdAsync(omni, idOrUserName, cancellationToken).ConfigureAwait(false)
              ?? await UserByNameAsync(omni, idOrUserName, cancellationToken).ConfigureAwait(false);

    /// <summary>404 is "no such id"; so is 400, which Omni may answer for a key that cannot be an id at all.</summary>
    private static async Task<T?> OrNullWhenNoSuchIdAsync<T>(Task<T?> get) where T : class
    {
        try
        {
            return await get.ConfigureAwait(false);
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.BadRequest)
        {
            return null;
        }
    }
}
