using Omni.Client;

namespace Omni.Roster;

/// <summary>Reads what the roster needs from Omni, through the client's shared rate budget and retries.</summary>
internal sealed class OrganisationReader(OmniClient client, ExportProgress progress)
{
    /// <summary>Omni's default page; at 60 requests a minute, 1,000 users cost ten requests.</summary>
    public const int PageSize = 100;

    public async Task<OrganisationSnapshot> ReadAsync(CancellationToken ct)
    {
        var whoAmI = await client.WhoAmIAsync(ct).ConfigureAwait(false);
        if (!whoAmI.IsOrganizationKey)
        {
            throw new ExportException(
                $"The API key is a personal access token (key scope '{whoAmI.KeyScope}'{(whoAmI.Email is null ? "" : $", {whoAmI.Email}")}), "
                + "but Omni's SCIM API, which lists users and groups, accepts only an Organization API key. "
                + "Fix: create one in Omni (Settings > API keys > Organization keys) and set OMNI_API_KEY to it.");
        }

        var definitions = await client.UserAttributes.ListAsync(ct).ConfigureAwait(false);
        var users = await ReadAllAsync("users", client.Users.ListAsync(pageSize: PageSize, ct: ct), ct).ConfigureAwait(false);
        var groups = await ReadAllAsync("groups", client.Groups.ListAsync(pageSize: PageSize, ct: ct), ct).ConfigureAwait(false);
        return new OrganisationSnapshot(users, groups, definitions);
    }

    private async Task<List<T>> ReadAllAsync<T>(string what, IAsyncEnumerable<T> items, CancellationToken ct)
    {
        progress.Start(what);
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(ct).ConfigureAwait(false))
        {
            list.Add(item);
            progress.Read();
        }

        progress.Done();
        return list;
    }
}
