using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Omni.Client.Transport;

internal static class JsonIo
{
    public static byte[] Write<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    /// <summary>Parses a success body; a body that is not the expected JSON becomes an OmniApiException naming the call.</summary>
    public static T Read<T>(OmniResponse response, JsonTypeInfo<T> typeInfo) => Read(response, typeInfo, static wire => wire);

    /// <summary>
    /// Parses a success body and turns it into the public model, both inside one guard: whatever in the body the
    /// client cannot read (bad JSON, a missing id, a number out of range) becomes an OmniApiException with the
    /// method, path and status, never a FormatException or ArgumentException from deep inside.
    /// </summary>
    public static TModel Read<TWire, TModel>(OmniResponse response, JsonTypeInfo<TWire> typeInfo, Func<TWire, TModel> toModel)
    {
        try
        {
            var wire = JsonSerializer.Deserialize(response.Body, typeInfo)
                ?? throw new JsonException("the body is empty or null");
            return toModel(wire);
        }
        catch (JsonException e)
        {
            throw new OmniApiException(response.Method, response.Path, response.StatusCode,
                $"Omni answered with a body the client cannot read: {e.Message.TrimEnd('.')}",
                "check that BaseUrl points at Omni itself, not at a login page or proxy; if it does, Omni's answer lacks data the client needs", e);
        }
    }
}
