namespace Omni.Client;

/// <summary>Omni's SCIM groups as callers use them: an interface so that a caller can wrap it (e.g. to
/// share reads and forget them on its own writes).</summary>
public interface IOmniGroups
{
    Task<ScimGroup> CreateAsync(string displayName, IEnumerable<string>? memberIds = null, CancellationToken ct = default);

    /// <returns>The group, or null when Omni answers 404.</returns>
    Task<ScimGroup?> GetAsync(string id, bool excludeMembers = false, CancellationToken ct = default);

    Task<ScimGroup?> FindByDisplayNameAsync(string displayName, CancellationToken ct = default);

    IAsyncEnumerable<ScimGroup> ListAsync(string? filter = null, int pageSize = 100, CancellationToken ct = default);

    Task<ScimGroup> AddMembersAsync(string id, IEnumerable<string> userIds, CancellationToken ct = default);

    Task<ScimGroup> RemoveMembersAsync(string id, IEnumerable<string> userIds, CancellationToken ct = default);

    /// <inheritdoc cref="OmniGroups.ReplaceAsync"/>
    Task<ScimGroup> ReplaceAsync(string id, string? displayName, IEnumerable<string>? memberIds, CancellationToken ct = default);

    /// <summary>Deletes the group; already gone counts as success.</summary>
    Task DeleteAsync(string id, CancellationToken ct = default);
}
