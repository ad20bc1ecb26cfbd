using System.Globalization;
using Omni.Emulator.Http;

namespace Omni.Emulator.Scim;

/// <summary>
/// Names (userName, user and group displayName) with a tab, newline or NUL are refused: they could be stored but never found again
/// through a filter, whose quoted value is a single line.
/// </summary>
internal static class ControlCharacters
{
    public static string Refuse(string value, string field)
    {
        var index = value.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        if (index < 0)
        {
            index = value.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        }

        return index < 0
            ? value
            : throw ApiProblem.BadRequest(string.Create(CultureInfo.InvariantCulture,
                $"{field}: must not contain control characters such as tab or newline (found U+{(int)value[index]:X4} at position {index}); remove them"));
    }
}
