using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Omni.Client.Transport;

internal static class JsonIo
{
    public static byte[] Write<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    /// <summary>Parses a success body; a body that is not the expected JSON becomes an OmniApiException naming the call.</summary>
    public static T Read<T>(OmniResponse response, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(response.Body, typeInfo)
                ?? throw new JsonException("the body is empty or null");
        }
        catch (JsonException e)
        {
            throw new OmniApiException(response.Method, response.Path, response.StatusCode,
                $"the answer is not the JSON expected ({e.Message})", "is BaseUrl pointing at Omni, and not at a login page or proxy?", e);
        }
    }
}
