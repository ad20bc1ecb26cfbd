namespace Omni.Client;

/// <summary>Omni's SCIM users as callers use them: an interface so that a caller can wrap it (e.g. to
/// keep a cache of its own consistent with its own writes).</summary>
public interface IOmniUsers
{
    /// <inheritdoc cref="OmniUsers.CreateAsync"/>
    Task<ScimUser> CreateAsync(ScimUserCreate user, CancellationToken ct = default);

    /// <returns>The user, or null when Omni answers 404.</returns>
    Task<ScimUser?> GetAsync(string id, CancellationToken ct = default);

    Task<ScimUser?> FindByUserNameAsync(string userName, CancellationToken ct = default);

    IAsyncEnumerable<ScimUser> ListAsync(string? filter = null, int pageSize = 100, CancellationToken ct = default);

    Task<ScimUser> PatchAsync(string id, ScimUserPatch patch, CancellationToken ct = default);

    /// <summary>Deletes the user (Omni also takes them out of every group); already gone counts as success.</summary>
    Task DeleteAsync(string id, CancellationToken ct = default);
}
