using Omni.Client;

namespace Omni.Pulumi.Provider.Configuration;

/// <summary>
/// The client's groups API, with <see cref="GetRecentAsync"/> sharing one GET of a group among the
/// Reads of one refresh (<see cref="GroupReadCache"/>). Every write through it forgets the group it
/// touched (even a failed one, which may have reached Omni), so nobody clears the cache by hand.
/// <see cref="IOmniGroups.GetAsync"/> always reads Omni, for paths that decide a write or import.
/// </summary>
/// <param name="lifetime">Shared GETs run on it, not on one caller's token.</param>
internal sealed class CachingGroups(IOmniGroups inner, GroupReadCache cache, CancellationToken lifetime) : IOmniGroups
{
    /// <summary>The group with its members, possibly as GET up to <see cref="GroupReadCache.Lifetime"/> ago
    /// and not written through this process since; null when Omni has no such group.</summary>
    public Task<ScimGroup?> GetRecentAsync(string id, CancellationToken ct) =>
        cache.GetOrFetch(id, () => inner.GetAsync(id, excludeMembers: false, lifetime)).WaitAsync(ct);

    public async Task<ScimGroup> CreateAsync(string displayName, IEnumerable<string>? memberIds = null, CancellationToken ct = default)
    {
        var group = await inner.CreateAsync(displayName, memberIds, ct).ConfigureAwait(false);
        cache.Invalidate(group.Id); // a Read of the new id may have found nothing (null is kept) moments ago
        return group;
    }

    public Task<ScimGroup?> GetAsync(string id, bool excludeMembers = false, CancellationToken ct = default) => inner.GetAsync(id, excludeMembers, ct);

    public Task<ScimGroup?> FindByDisplayNameAsync(string displayName, CancellationToken ct = default) => inner.FindByDisplayNameAsync(displayName, ct);

    public IAsyncEnumerable<ScimGroup> ListAsync(string? filter = null, int pageSize = 100, CancellationToken ct = default) => inner.ListAsync(filter, pageSize, ct);

    public Task<ScimGroup> AddMembersAsync(string id, IEnumerable<string> userIds, CancellationToken ct = default) =>
        WriteAsync(id, () => inner.AddMembersAsync(id, userIds, ct));

    public Task<ScimGroup> RemoveMembersAsync(string id, IEnumerable<string> userIds, CancellationToken ct = default) =>
        WriteAsync(id, () => inner.RemoveMembersAsync(id, userIds, ct));

    public Task<ScimGroup> ReplaceAsync(string id, string? displayName, IEnumerable<string>? memberIds, CancellationToken ct = default) =>
        WriteAsync(id, () => inner.ReplaceAsync(id, displayName, memberIds, ct));

    public Task DeleteAsync(string id, CancellationToken ct = default) => WriteAsync(id, async () =>
    {
        await inner.DeleteAsync(id, ct).ConfigureAwait(false);
        return true;
    });

    private async Task<T> WriteAsync<T>(string id, Func<Task<T>> write)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            cache.Invalidate(id);
        }
    }
}

/// <summary>The client's users API; deleting a user (which takes them out of every group in Omni) forgets
/// every shared group read.</summary>
internal sealed class GroupForgettingUsers(IOmniUsers inner, GroupReadCache cache) : IOmniUsers
{
    public Task<ScimUser> CreateAsync(ScimUserCreate user, CancellationToken ct = default) => inner.CreateAsync(user, ct);

    public Task<ScimUser?> GetAsync(string id, CancellationToken ct = default) => inner.GetAsync(id, ct);

    public Task<ScimUser?> FindByUserNameAsync(string userName, CancellationToken ct = default) => inner.FindByUserNameAsync(userName, ct);

    public IAsyncEnumerable<ScimUser> ListAsync(string? filter = null, int pageSize = 100, CancellationToken ct = default) => inner.ListAsync(filter, pageSize, ct);

    public Task<ScimUser> PatchAsync(string id, ScimUserPatch patch, CancellationToken ct = default) => inner.PatchAsync(id, patch, ct);

    public async Task DeleteAsync(string id, CancellationToken ct = default)
    {
        try
        {
            await inner.DeleteAsync(id, ct).ConfigureAwait(false);
        }
        finally
        {
            cache.Clear();
        }
    }
}
