using Omni.Client.Json;
using Omni.Client.Transport;

namespace Omni.Client;

/// <summary>User-attribute definitions (GET /api/v1/user-attributes); read-only, since Omni defines them only in its UI.</summary>
public sealed class OmniUserAttributes
{
    private readonly OmniTransport _transport;

    internal OmniUserAttributes(OmniTransport transport) => _transport = transport;

    public async Task<IReadOnlyList<UserAttributeDefinition>> ListAsync(CancellationToken ct = default)
    {
        var response = await _transport.SendAsync(HttpMethod.Get, "v1/user-attributes", null, ct).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw OmniErrors.FromResponse(_transport, response);
        }
        var wire = JsonIo.Read(response, OmniJsonContext.Default.UserAttributesWire);
        return wire.Records?.Select(r => r?.ToModel()).OfType<UserAttributeDefinition>().ToArray() ?? [];
    }
}
