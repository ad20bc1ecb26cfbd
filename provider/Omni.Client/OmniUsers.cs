using System.Net;
using Omni.Client.Json;
using Omni.Client.Transport;

namespace Omni.Client;

/// <summary>Omni's SCIM users: /api/scim/v2/users.</summary>
public sealed class OmniUsers : IOmniUsers
{
    private const string UsersPath = "scim/v2/users";
    private readonly OmniTransport _transport;

    internal OmniUsers(OmniTransport transport) => _transport = transport;

    /// <summary>Creates the user; never creates a duplicate, even when an attempt's outcome is unknown.</summary>
    /// <exception cref="OmniConflictException">The userName is taken by a user this call did not create.</exception>
    public async Task<ScimUser> CreateAsync(ScimUserCreate user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        RequireText(user.UserName, "UserName");
        RequireText(user.DisplayName, "DisplayName");
        var body = JsonIo.Write(
            new UserWriteWire(SchemasFor(user.Attributes), user.UserName, user.DisplayName, NonEmpty(user.Attributes)),
            OmniJsonContext.Default.UserWriteWire);
        var created = await SafeCreate.PostAsync(_transport, UsersPath, body, user.UserName, "userName",
            lookupCt => FindByUserNameAsync(user.UserName, lookupCt), ParseUser, ct).ConfigureAwait(false);
        _transport.RecentlyCreated.Add(UserPath(created.Id));
        return created;
    }

    /// <returns>The user, or null when Omni answers 404.</returns>
    public async Task<ScimUser?> GetAsync(string id, CancellationToken ct = default)
    {
        RequireText(id, "id");
        var response = await _transport.GetObjectAsync(UserPath(id), "", ct).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : ParseUser(Ensure(response));
    }

    /// <summary>Asks Omni with a userName filter, then re-checks case-insensitively (Omni's matching is not documented).
    /// An embed user is never the answer, should Omni ever list one here: its userName is synthetic.</summary>
    public async Task<ScimUser?> FindByUserNameAsync(string userName, CancellationToken ct = default)
    {
        RequireText(userName, "userName");
        await foreach (var user in ListAsync(ScimFilter.Equal("userName", userName), 100, ct).ConfigureAwait(false))
        {
            if (!user.IsEmbedUser && string.Equals(user.UserName, userName, StringComparison.OrdinalIgnoreCase))
            {
                return user;
            }
        }
        return null;
    }

    /// <summary>Every user (or every match of <paramref name="filter"/>), across all pages, each once.</summary>
    public IAsyncEnumerable<ScimUser> ListAsync(string? filter = null, int pageSize = 100, CancellationToken ct = default) =>
        Pager.ReadAllAsync(_transport, UsersPath, filter, null, pageSize, OmniJsonContext.Default.ListResponseWireUserWire,
            static wire => wire.ToModel(), static user => user.Id, ct);

    /// <summary>Applies the patch; Omni may answer 200 with the user or 204, in which case the user is read back.</summary>
    public async Task<ScimUser> PatchAsync(string id, ScimUserPatch patch, CancellationToken ct = default)
    {
        RequireText(id, "id");
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.IsEmpty)
        {
            return await GetAsync(id, ct).ConfigureAwait(false) ?? throw NotFound("PATCH", id);
        }
        var body = JsonIo.Write(patch.ToRequest(), OmniJsonContext.Default.PatchRequestWire);
        var response = Ensure(await _transport.SendAsync(HttpMethod.Patch, UserPath(id), body, ct).ConfigureAwait(false), patch.UserName);
        if (response.StatusCode == HttpStatusCode.NoContent || string.IsNullOrWhiteSpace(response.Body))
        {
            return await GetAsync(id, ct).ConfigureAwait(false) ?? throw NotFound("PATCH", id);
        }
        return ParseUser(response);
    }

    /// <summary>Deletes the user; a 404 means it is already gone and counts as success.</summary>
    public async Task DeleteAsync(string id, CancellationToken ct = default)
    {
        RequireText(id, "id");
        var response = await _transport.SendAsync(HttpMethod.Delete, UserPath(id), null, ct).ConfigureAwait(false);
        _transport.RecentlyCreated.Forget(UserPath(id));
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            Ensure(response);
        }
    }

    private static string UserPath(string id) => $"{UsersPath}/{Uri.EscapeDataString(id)}";

    private static IReadOnlyList<string> SchemasFor(IReadOnlyDictionary<string, AttributeValue>? attributes) =>
        attributes is { Count: > 0 } ? [OmniSchemas.CoreUser, OmniSchemas.UserAttributes] : [OmniSchemas.CoreUser];

    private static IReadOnlyDictionary<string, AttributeValue>? NonEmpty(IReadOnlyDictionary<string, AttributeValue>? attributes) =>
        attributes is { Count: > 0 } ? attributes : null;

    private static ScimUser ParseUser(OmniResponse response) =>
        JsonIo.Read(response, OmniJsonContext.Default.UserWire, static wire => wire.ToModel());

    private OmniResponse Ensure(OmniResponse response, string? userName = null) =>
        response.IsSuccess ? response : throw OmniErrors.FromResponse(_transport, response, userName);

    private OmniNotFoundException NotFound(string method, string id) =>
        new(method, new Uri(_transport.ApiBase, UserPath(id)).AbsolutePath, $"user {id} not found", "it was probably deleted outside this program");

    internal static void RequireText(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} must not be empty.", name);
        }
    }
}
