using System.Text;

namespace Omni.Emulator.Folders;

/// <summary>Path segments: letters, digits and dashes, lower-cased, as Omni keeps them.</summary>
public static class FolderPaths
{
    /// <summary>Segments Omni's own routes use; a folder cannot take them (400), as OpenAPI's "reserved paths".</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal) { "trash", "drafts", "new", "shared", "my" };

    /// <summary>The segment a new folder gets from its name: "Q1 Reports!" → "q1-reports" (a reserved one gets "-folder").</summary>
    public static string SegmentFor(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var segment = builder.ToString().Trim('-');
        if (segment.Length == 0)
        {
            return "folder";
        }

        return Reserved.Contains(segment) ? segment + "-folder" : segment;
    }
}
