using Omni.Client.Json;
using Omni.Client.Transport;

namespace Omni.Client;

/// <summary>
/// User-attribute definitions: GET /api/v1/user-attributes, and for custom ones POST, PUT and DELETE
/// /api/v1/user-attributes/{id} (Org Admin). System attributes (omni_*) are read-only.
/// </summary>
public sealed class OmniUserAttributes
{
    private const string AttributesPath = "v1/user-attributes";
    private readonly OmniTransport _transport;

    internal OmniUserAttributes(OmniTransport transport) => _transport = transport;

    public async Task<IReadOnlyList<UserAttributeDefinition>> ListAsync(CancellationToken ct = default)
    {
        var response = await _transport.SendAsync(HttpMethod.Get, AttributesPath, null, ct).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw OmniErrors.FromResponse(_transport, response);
        }
        var wire = JsonIo.Read(response, OmniJsonContext.Default.UserAttributesWire);
        return wire.Records?.Select(r => r?.ToModel()).OfType<UserAttributeDefinition>().ToArray() ?? [];
    }

    /// <returns>The definition with this id, or null (Omni has no GET by id: the list is read).</returns>
    public async Task<UserAttributeDefinition?> GetAsync(string id, CancellationToken ct = default)
    {
        OmniUsers.RequireText(id, "id");
        return (await ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));
    }

    /// <returns>The definition with this reference name (in any letter case), or null.</returns>
    public async Task<UserAttributeDefinition?> FindByNameAsync(string name, CancellationToken ct = default)
    {
        OmniUsers.RequireText(name, "name");
        var all = await ListAsync(ct).ConfigureAwait(false);
        return all.FirstOrDefault(d => d.Name == name) ?? all.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Creates a custom definition; never a duplicate (an unknown outcome is resolved by looking the name up).</summary>
    /// <exception cref="ArgumentException">The name, type or default cannot be stored; the message names the fix.</exception>
    public async Task<UserAttributeDefinition> CreateAsync(UserAttributeSpec spec, CancellationToken ct = default)
    {
        var body = UserAttributeRules.ToBody(spec);
        return await V1Request.SafeCreateAsync(_transport, AttributesPath, body, spec.Name, lookupCt => FindByNameAsync(spec.Name, lookupCt), Parse, ct)
            .ConfigureAwait(false);
    }

    /// <summary>Changes what <paramref name="update"/> sets; the answer is read back from the list, as Omni's write answers are partial.</summary>
    public async Task<UserAttributeDefinition> UpdateAsync(string id, UserAttributeUpdate update, CancellationToken ct = default)
    {
        OmniUsers.RequireText(id, "id");
        ArgumentNullException.ThrowIfNull(update);
        var body = update.ToBody();
        await V1Request.SendAsync(_transport, HttpMethod.Put, PathOf(id), body, ct, (string?)body["name"]).ConfigureAwait(false);
        return await GetAsync(id, ct).ConfigureAwait(false)
            ?? throw new OmniNotFoundException("GET", new Uri(_transport.ApiBase, AttributesPath).AbsolutePath,
                $"user attribute {id} is gone right after it was changed", "it was probably deleted outside this program");
    }

    /// <summary>Deletes a custom definition and with it every user's value.</summary>
    /// <returns>False when it was already gone (404).</returns>
    public Task<bool> DeleteAsync(string id, CancellationToken ct = default)
    {
        OmniUsers.RequireText(id, "id");
        return V1Request.DoneOrGoneAsync(_transport, HttpMethod.Delete, PathOf(id), ct);
    }

    private static string PathOf(string id) => $"{AttributesPath}/{Uri.EscapeDataString(id)}";

    private static UserAttributeDefinition Parse(OmniResponse response) =>
        JsonIo.Read(response, OmniJsonContext.Default.UserAttributeWire,
            static wire => wire.ToModel() ?? throw new System.Text.Json.JsonException("the definition has no name"));
}
