using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Omni.Pulumi.Provider.Resources;

/// <summary>Property paths the way the engine writes them: <c>attributes.level</c>, <c>groups[0]</c>,
/// <c>attributes["odd key"]</c>. Built and taken apart only here (resources reach it through the typed
/// accessors of <see cref="Bound{T}"/>), so the protocol layer and the resources agree.</summary>
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

    /// <summary>The key when <paramref name="path"/> is exactly a direct child of <paramref name="parent"/>
    /// as <see cref="Child"/> writes it (not a grandchild, not a list index).</summary>
    public static bool TryGetChildKey(string parent, string path, [NotNullWhen(true)] out string? key)
    {
        key = null;
        if (!path.StartsWith(parent, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path.AsSpan(parent.Length);
        if (rest.StartsWith("[\"", StringComparison.Ordinal))
        {
            return TryReadQuoted(rest[2..], out key);
        }

        if (parent.Length > 0)
        {
            if (!rest.StartsWith(".", StringComparison.Ordinal))
            {
                return false;
            }

            rest = rest[1..];
        }

        if (SimpleKey().IsMatch(rest))
        {
            key = rest.ToString();
            return true;
        }

        return false;
    }

    /// <summary>The keys of the direct children of <paramref name="parent"/> among <paramref name="paths"/>.</summary>
    public static IEnumerable<string> ChildKeys(string parent, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (TryGetChildKey(parent, path, out var key))
            {
                yield return key;
            }
        }
    }

    // Reads `key"]` (after the opening `["`), undoing Child's escapes; nothing may follow the `"]`.
    private static bool TryReadQuoted(ReadOnlySpan<char> text, [NotNullWhen(true)] out string? key)
    {
        key = null;
        var builder = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\' when i + 1 < text.Length:
                    builder.Append(text[++i]);
                    break;
                case '"':
                    if (text[(i + 1)..] is not "]")
                    {
                        return false;
                    }

                    key = builder.ToString();
                    return true;
                default:
                    builder.Append(text[i]);
                    break;
            }
        }

        return false;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SimpleKey();
}
