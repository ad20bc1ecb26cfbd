using System.Text.Json.Nodes;
using Omni.Client.Json;

namespace Omni.Client;

/// <summary>
/// Builds one SCIM PatchOp request. Attribute changes go into a single path-less replace, which Omni merges
/// over the user's attributes (a null clears a key): the form Omni's own CLI uses.
/// </summary>
public sealed class ScimUserPatch
{
    private string? _displayName;
    private string? _userName;
    private bool? _active;
    private readonly Dictionary<string, AttributeValue?> _attributes = new(StringComparer.Ordinal);

    public bool IsEmpty => _displayName is null && _userName is null && _active is null && _attributes.Count == 0;

    /// <summary>The new userName when this patch changes it (a 409 then names it).</summary>
    internal string? UserName => _userName;

    /// <summary>
    /// Changes the user's email in place (same id, content and schedules): sent as Omni's documented path-less
    /// replace whose value holds <c>userName</c> and, when set, <c>displayName</c> together. Omni answers 409 when
    /// the address belongs to another user.
    /// </summary>
    public ScimUserPatch SetUserName(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _userName = value;
        return this;
    }

    public ScimUserPatch SetDisplayName(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _displayName = value;
        return this;
    }

    public ScimUserPatch SetActive(bool value)
    {
        _active = value;
        return this;
    }

    public ScimUserPatch SetAttribute(string key, AttributeValue value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        _attributes[key] = value;
        return this;
    }

    public ScimUserPatch ClearAttribute(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _attributes[key] = null;
        return this;
    }

    internal PatchRequestWire ToRequest()
    {
        var operations = new List<PatchOperationWire>();
        if (_userName is not null)
        {
            var names = new JsonObject { ["userName"] = _userName };
            if (_displayName is not null)
            {
                names["displayName"] = _displayName;
            }
            operations.Add(new PatchOperationWire("replace", null, names));
        }
        else if (_displayName is not null)
        {
            operations.Add(new PatchOperationWire("replace", "displayName", JsonValue.Create(_displayName)));
        }
        if (_active is { } active)
        {
            operations.Add(new PatchOperationWire("replace", "active", JsonValue.Create(active)));
        }
        if (_attributes.Count > 0)
        {
            var attributes = new JsonObject();
            foreach (var (key, value) in _attributes)
            {
                attributes[key] = ToNode(value);
            }
            operations.Add(new PatchOperationWire("replace", null, new JsonObject { [OmniSchemas.UserAttributes] = attributes }));
        }
        return new PatchRequestWire(operations);
    }

    private static JsonNode? ToNode(AttributeValue? value) => value switch
    {
        null => null,
        { IsList: true } => new JsonArray(value.Many!.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
        _ => JsonValue.Create(value.Single),
    };

    public override string ToString() => PatchRequestWire.Describe(ToRequest());
}
