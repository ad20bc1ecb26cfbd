namespace Omni.Client.Transport;

internal static class ScimFilter
{
    /// <summary><c>attribute eq "value"</c> with the value written as a JSON string literal (RFC 7644 §3.4.2.2).</summary>
    public static string Equal(string attribute, string value) =>
        $"{attribute} eq \"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
