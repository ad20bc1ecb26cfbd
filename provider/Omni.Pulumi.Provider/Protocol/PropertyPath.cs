using System.Globalization;
using System.Text.RegularExpressions;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>Property paths the way the engine writes them: <c>attributes.level</c>, <c>groups[0]</c>,
/// <c>attributes["odd key"]</c>.</summary>
internal static partial class PropertyPath
{
    public static string Child(string parent, string key)
    {
        if (SimpleKey().IsMatch(key))
        {
            return parent.Length == 0 ? key : $"{parent}.{key}";
        }

        return $"{parent}[\"{key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";
    }

    public static string Index(string parent, int index) => $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>The top-level property a path starts with (what DiffResponse.diffs lists).</summary>
    public static string TopLevel(string path)
    {
        var end = path.IndexOfAny(['.', '[']);
        return end < 0 ? path : path[..end];
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SimpleKey();
}
