using Omni.Client;

namespace Omni.Pulumi.Provider.Configuration;

/// <summary>
/// The client's groups API, with <see cref="GetRecentAsync"/> answering the Reads of one refresh from
/// one listing of every group with its members (<see cref="RecentListing{T}"/>): N groups and their
/// memberships cost ⌈groups/100⌉ requests, not one GET each. Every write through it forgets the group
/// it touched (even a failed one, which may have reached Omni), so nobody clears the cache by hand.
/// <see cref="IOmniGroups.GetAsync"/> always reads Omni, for paths that decide a write or import.
/// </summary>
/// <param name="lifetime">The shared listing runs on it, not on one caller's token.</param>
internal sealed class CachingGroups(IOmniGroups inner, RecentListing<ScimGroup> cache, CancellationToken lifetime) : IOmniGroups
{
    /// <summary>The group with its members, possibly as listed up to <see cref="RecentListing{T}.Lifetime"/> ago
    /// and not written through this process since; null when Omni has no such group (confirmed by a GET).</summary>
    public Task<ScimGroup?> GetRecentAsync(string id, CancellationToken ct) =>
        cache.GetAsync(id, () => inner.ListAsync(ct: lifetime), () => inner.GetAsync(id, excludeMembers: false, ct), ct);

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
