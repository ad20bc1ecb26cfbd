using Omni.Client;

namespace Omni.Pulumi.Provider.Configuration;

/// <summary>
/// The client's users API, with <see cref="GetRecentAsync"/> answering the Reads of one refresh from
/// one listing of every user (<see cref="RecentListing{T}"/>). Every write through it forgets the
/// user it touched; deleting a user (which takes them out of every group in Omni) also forgets the
/// group listing. <see cref="IOmniUsers.GetAsync"/> always reads Omni, for paths that decide a write or import.
/// </summary>
/// <param name="lifetime">The shared listing runs on it, not on one caller's token.</param>
internal sealed class CachingUsers(IOmniUsers inner, RecentListing<ScimUser> cache, RecentListing<ScimGroup> groups, CancellationToken lifetime) : IOmniUsers
{
    /// <summary>The user, possibly as listed up to <see cref="RecentListing{T}.Lifetime"/> ago and not
    /// written through this process since; null when Omni has no such user (confirmed by a GET).</summary>
    public Task<ScimUser?> GetRecentAsync(string id, CancellationToken ct) =>
        cache.GetAsync(id, () => inner.ListAsync(ct: lifetime), () => inner.GetAsync(id, ct), ct);

    public async Task<ScimUser> CreateAsync(ScimUserCreate user, CancellationToken ct = default)
    {
        var created = await inner.CreateAsync(user, ct).ConfigureAwait(false);
        cache.Invalidate(created.Id); // not in a listing taken before; a Read of it GETs
        return created;
    }

    public Task<ScimUser?> GetAsync(string id, CancellationToken ct = default) => inner.GetAsync(id, ct);

    public Task<ScimUser?> FindByUserNameAsync(string userName, CancellationToken ct = default) => inner.FindByUserNameAsync(userName, ct);

    public IAsyncEnumerable<ScimUser> ListAsync(string? filter = null, int pageSize = 100, CancellationToken ct = default) => inner.ListAsync(filter, pageSize, ct);

    public async Task<ScimUser> PatchAsync(string id, ScimUserPatch patch, CancellationToken ct = default)
    {
        try
        {
            return await inner.PatchAsync(id, patch, ct).ConfigureAwait(false);
        }
        finally
        {
            cache.Invalidate(id);
        }
    }

    public async Task DeleteAsync(string id, CancellationToken ct = default)
    {
        try
        {
            await inner.DeleteAsync(id, ct).ConfigureAwait(false);
        }
        finally
        {
            cache.Invalidate(id);
            groups.Clear();
        }
    }
}
