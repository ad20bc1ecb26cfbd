using System.Net;
using System.Text.Json.Nodes;
using Omni.Client.Json;
using Omni.Client.Transport;

namespace Omni.Client;

/// <summary>Omni's SCIM groups: /api/scim/v2/groups. Membership changes go through PATCH (Omni's group PUT has been seen to reject valid bodies).</summary>
public sealed class OmniGroups : IOmniGroups
{
    private const string GroupsPath = "scim/v2/groups";
    private readonly OmniTransport _transport;

    internal OmniGroups(OmniTransport transport) => _transport = transport;

    /// <summary>Creates the group; never a duplicate (an unknown outcome is resolved by looking the name up).</summary>
    public async Task<ScimGroup> CreateAsync(string displayName, IEnumerable<string>? memberIds = null, CancellationToken ct = default)
    {
        OmniUsers.RequireText(displayName, "displayName");
        var members = memberIds?.Select(id => new MemberRefWire(id)).ToArray();
        var body = JsonIo.Write(new GroupWriteWire([OmniSchemas.CoreGroup], displayName, members), OmniJsonContext.Default.GroupWriteWire);
        var created = await SafeCreate.PostAsync(_transport, GroupsPath, body, displayName, "displayName",
            lookupCt => FindByDisplayNameAsync(displayName, lookupCt), ParseGroup, ct).ConfigureAwait(false);
        _transport.RecentlyCreated.Add(GroupPath(created.Id));
        return created;
    }

    /// <returns>The group, or null when Omni answers 404.</returns>
    public async Task<ScimGroup?> GetAsync(string id, bool excludeMembers = false, CancellationToken ct = default)
    {
        OmniUsers.RequireText(id, "id");
        var response = await _transport.GetObjectAsync(GroupPath(id), excludeMembers ? "?excludedAttributes=members" : "", ct).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : ParseGroup(Ensure(response));
    }

    public async Task<ScimGroup?> FindByDisplayNameAsync(string displayName, CancellationToken ct = default)
    {
        OmniUsers.RequireText(displayName, "displayName");
        await foreach (var group in ListAsync(ScimFilter.Equal("displayName", displayName), 100, ct).ConfigureAwait(false))
        {
            if (string.Equals(group.DisplayName, displayName, StringComparison.OrdinalIgnoreCase))
            {
                return group;
            }
        }
        return null;
    }

    public IAsyncEnumerable<ScimGroup> ListAsync(string? filter = null, int pageSize = 100, CancellationToken ct = default) =>
        Pager.ReadAllAsync(_transport, GroupsPath, filter, null, pageSize, OmniJsonContext.Default.ListResponseWireGroupWire,
            static wire => wire.ToModel(), static group => group.Id, ct);

    public Task<ScimGroup> AddMembersAsync(string id, IEnumerable<string> userIds, CancellationToken ct = default)
    {
        var members = Members(userIds);
        return members.Count == 0
            ? GetRequiredAsync(id, ct)
            : PatchAsync(id, [new PatchOperationWire("add", "members", members)], null, ct);
    }

    public Task<ScimGroup> RemoveMembersAsync(string id, IEnumerable<string> userIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var operations = userIds.Distinct(StringComparer.Ordinal)
            .Select(userId => new PatchOperationWire("remove", $"members[{ScimFilter.Equal("value", userId)}]", null))
            .ToArray();
        return operations.Length == 0 ? GetRequiredAsync(id, ct) : PatchAsync(id, operations, null, ct);
    }

    /// <summary>Sets the name and/or the whole member list in ONE PATCH (replace displayName, replace members).
    /// SCIM applies a PATCH atomically (RFC 7644 §3.5.2), so either both changes hold or neither does.</summary>
    /// <param name="id">The group's id.</param>
    /// <param name="displayName">The new name, or null to leave it.</param>
    /// <param name="memberIds">Exactly the members the group must hold, or null to leave them.</param>
    /// <param name="ct">Cancels the request.</param>
    public Task<ScimGroup> ReplaceAsync(string id, string? displayName, IEnumerable<string>? memberIds, CancellationToken ct = default)
    {
        var operations = new List<PatchOperationWire>(2);
        if (displayName is not null)
        {
            OmniUsers.RequireText(displayName, "displayName");
            operations.Add(new PatchOperationWire("replace", "displayName", JsonValue.Create(displayName)));
        }
        if (memberIds is not null)
        {
            operations.Add(new PatchOperationWire("replace", "members", Members(memberIds)));
        }
        return operations.Count == 0 ? GetRequiredAsync(id, ct) : PatchAsync(id, operations, displayName, ct);
    }

    /// <summary>Deletes the group; a 404 means it is already gone and counts as success.</summary>
    public async Task DeleteAsync(string id, CancellationToken ct = default)
    {
        OmniUsers.RequireText(id, "id");
        var response = await _transport.SendAsync(HttpMethod.Delete, GroupPath(id), null, ct).ConfigureAwait(false);
        _transport.RecentlyCreated.Forget(GroupPath(id));
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            Ensure(response);
        }
    }

    private async Task<ScimGroup> PatchAsync(string id, IReadOnlyList<PatchOperationWire> operations, string? newName, CancellationToken ct)
    {
        OmniUsers.RequireText(id, "id");
        var body = JsonIo.Write(new PatchRequestWire(operations), OmniJsonContext.Default.PatchRequestWire);
        var response = Ensure(await _transport.SendAsync(HttpMethod.Patch, GroupPath(id), body, ct).ConfigureAwait(false), newName);
        return response.StatusCode == HttpStatusCode.NoContent || string.IsNullOrWhiteSpace(response.Body)
            ? await GetRequiredAsync(id, ct).ConfigureAwait(false)
            : ParseGroup(response);
    }

    private async Task<ScimGroup> GetRequiredAsync(string id, CancellationToken ct) =>
        await GetAsync(id, false, ct).ConfigureAwait(false)
        ?? throw new OmniNotFoundException("GET", new Uri(_transport.ApiBase, GroupPath(id)).AbsolutePath, $"group {id} not found", "it was probably deleted outside this program");

    private static JsonArray Members(IEnumerable<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        return new JsonArray(userIds.Distinct(StringComparer.Ordinal)
            .Select(userId => (JsonNode?)new JsonObject { ["value"] = userId })
            .ToArray());
    }

    private static string GroupPath(string id) => $"{GroupsPath}/{Uri.EscapeDataString(id)}";

    private static ScimGroup ParseGroup(OmniResponse response) =>
        JsonIo.Read(response, OmniJsonContext.Default.GroupWire, static wire => wire.ToModel());

    private OmniResponse Ensure(OmniResponse response, string? displayName = null) =>
        response.IsSuccess ? response : throw OmniErrors.FromResponse(_transport, response, displayName, "displayName");
}
