using System.Text.Encodings.Web;
using System.Text.Json;

namespace Omni.Client.Transport;

internal static class ScimFilter
{
    /// <summary>
    /// <c>attribute eq "value"</c> with the value written as a JSON string literal (RFC 7644 §3.4.2.2): quotes,
    /// backslashes and control characters escaped. The relaxed encoder leaves other characters (+, &amp;, ', é)
    /// as they are, since SCIM servers need not decode \u escapes of ordinary characters.
    /// </summary>
    public static string Equal(string attribute, string value) =>
        $"{attribute} eq \"{JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"";
}
