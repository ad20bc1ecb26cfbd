using System.Net;
using Omni.Client.Json;
using Omni.Client.Transport;

namespace Omni.Client;

/// <summary>
/// Omni's embed users: /api/scim/v2/embed/users. Omni creates them when an embed SSO session names them, so
/// there is no create or update; they never appear under /scim/v2/users.
/// </summary>
public sealed class OmniEmbedUsers
{
    private const string EmbedUsersPath = "scim/v2/embed/users";
    private readonly OmniTransport _transport;

    internal OmniEmbedUsers(OmniTransport transport) => _transport = transport;

    /// <returns>The embed user, or null when Omni answers 404.</returns>
    public async Task<ScimEmbedUser?> GetAsync(string id, CancellationToken ct = default)
    {
        OmniUsers.RequireText(id, "id");
        var response = await _transport.GetObjectAsync(EmbedUserPath(id), "", ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return JsonIo.Read(response.IsSuccess ? response : throw OmniErrors.FromResponse(_transport, response),
            OmniJsonContext.Default.UserWire, static wire => wire.ToEmbedModel());
    }

    /// <summary>Every embed user (or every match of <paramref name="filter"/>, e.g. <c>userName eq "…"</c>), across all pages, each once.</summary>
    public IAsyncEnumerable<ScimEmbedUser> ListAsync(string? filter = null, int pageSize = 100, CancellationToken ct = default) =>
        Pager.ReadAllAsync(_transport, EmbedUsersPath, filter, null, pageSize, OmniJsonContext.Default.ListResponseWireUserWire,
            static wire => wire.ToEmbedModel(), static user => user.Id, ct);

    /// <summary>The embed user with this userName (synthetic, compared case-insensitively), or null.</summary>
    public async Task<ScimEmbedUser?> FindByUserNameAsync(string userName, CancellationToken ct = default)
    {
        OmniUsers.RequireText(userName, "userName");
        await foreach (var user in ListAsync(ScimFilter.Equal("userName", userName), 100, ct).ConfigureAwait(false))
        {
            if (string.Equals(user.UserName, userName, StringComparison.OrdinalIgnoreCase))
            {
                return user;
            }
        }

        return null;
    }

    private static string EmbedUserPath(string id) => $"{EmbedUsersPath}/{Uri.EscapeDataString(id)}";
}
