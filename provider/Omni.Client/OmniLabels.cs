using System.Net;
using Omni.Client.Json;
using Omni.Client.Transport;

namespace Omni.Client;

/// <summary>Labels (/api/v1/labels) and labels on documents. A label's name is its id, in any letter case.</summary>
public sealed class OmniLabels
{
    private const string LabelsPath = "v1/labels";
    private readonly OmniTransport _transport;

    internal OmniLabels(OmniTransport transport) => _transport = transport;

    public async Task<IReadOnlyList<Label>> ListAsync(CancellationToken ct = default)
    {
        var response = await V1Request.SendAsync(_transport, HttpMethod.Get, LabelsPath, null, ct).ConfigureAwait(false);
        return JsonIo.Read(response, OmniJsonContext.Default.LabelsWire,
            static wire => wire.Labels?.Select(l => l?.ToModel()).OfType<Label>().ToArray() ?? []);
    }

    /// <returns>The label, or null when Omni answers 404.</returns>
    public async Task<Label?> GetAsync(string name, CancellationToken ct = default)
    {
        OmniUsers.RequireText(name, "name");
        var response = await _transport.SendAsync(HttpMethod.Get, PathOf(name), null, ct).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : Parse(response.IsSuccess ? response : throw V1Request.Failure(_transport, response, name));
    }

    /// <summary>Creates the label; never a duplicate (an unknown outcome is resolved by looking the name up).</summary>
    /// <param name="spec">The label.</param>
    /// <param name="userId">With an organization key, the user to act as (optional).</param>
    /// <param name="ct">Cancels the call.</param>
    public async Task<Label> CreateAsync(LabelSpec spec, string? userId = null, CancellationToken ct = default)
    {
        var body = LabelRules.ToBody(spec);
        return await V1Request.SafeCreateAsync(_transport, LabelsPath + V1Request.Query(("userId", userId)), body, spec.Name,
            lookupCt => GetAsync(spec.Name, lookupCt), Parse, ct).ConfigureAwait(false);
    }

    /// <summary>Changes what <paramref name="update"/> sets; a new name renames the label (and so changes its id).</summary>
    public async Task<Label> UpdateAsync(string name, LabelUpdate update, string? userId = null, CancellationToken ct = default)
    {
        OmniUsers.RequireText(name, "name");
        ArgumentNullException.ThrowIfNull(update);
        var body = update.ToBody();
        var response = await V1Request.SendAsync(_transport, HttpMethod.Put, PathOf(name) + V1Request.Query(("userId", userId)), body, ct,
            (string?)body["name"] ?? name).ConfigureAwait(false);
        return Parse(response);
    }

    /// <returns>False when it was already gone (404). A label still on a document is a 409 (<see cref="OmniConflictException"/>).</returns>
    public async Task<bool> DeleteAsync(string name, string? userId = null, CancellationToken ct = default)
    {
        OmniUsers.RequireText(name, "name");
        var response = await _transport.SendAsync(HttpMethod.Delete, PathOf(name) + V1Request.Query(("userId", userId)), null, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new OmniConflictException(response.Method, response.Path, Transport.ErrorBody.ReadMessage(response.Body),
                "the label is still applied to documents; remove it from them first", name, "name");
        }
        return response.StatusCode != HttpStatusCode.NotFound &&
               (response.IsSuccess ? true : throw V1Request.Failure(_transport, response, name));
    }

    /// <summary>Puts the label on a document (idempotent).</summary>
    public async Task AddToDocumentAsync(string documentIdentifier, string name, CancellationToken ct = default)
    {
        OmniUsers.RequireText(documentIdentifier, "documentIdentifier");
        OmniUsers.RequireText(name, "name");
        await V1Request.SendAsync(_transport, HttpMethod.Put, DocumentLabelPath(documentIdentifier, name), null, ct).ConfigureAwait(false);
    }

    /// <returns>False when the document did not carry the label (404).</returns>
    public Task<bool> RemoveFromDocumentAsync(string documentIdentifier, string name, CancellationToken ct = default)
    {
        OmniUsers.RequireText(documentIdentifier, "documentIdentifier");
        OmniUsers.RequireText(name, "name");
        return V1Request.DoneOrGoneAsync(_transport, HttpMethod.Delete, DocumentLabelPath(documentIdentifier, name), ct, name);
    }

    private static string PathOf(string name) => $"{LabelsPath}/{Uri.EscapeDataString(name)}";

    private static string DocumentLabelPath(string document, string name) =>
        $"v1/documents/{Uri.EscapeDataString(document)}/labels/{Uri.EscapeDataString(name)}";

    private static Label Parse(OmniResponse response) =>
        JsonIo.Read(response, OmniJsonContext.Default.LabelWire, static wire => wire.ToModel() ?? throw new System.Text.Json.JsonException("the label has no name"));
}
