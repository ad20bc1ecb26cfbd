using System.Globalization;
using Omni.Emulator.Http;

namespace Omni.Emulator.Scim;

/// <summary>
/// What Omni can store. Omni documents only the group name's 64 characters; the other limits are the
/// emulator's documented choice (emulator/README.md, "Input limits"), and the provider's Check refuses the same.
/// Refusals name the field and the limit, never the value.
/// </summary>
internal static class InputLimits
{
    /// <summary>An email address: at most 254 characters (RFC 5321's path limit less the angle brackets).</summary>
    public const int MaxUserNameLength = 254;

    public const int MaxDisplayNameLength = 255;

    public const int MaxAttributeValueLength = 1024;

    public const int MaxAttributeValues = 1000;

    public static string Length(string value, string field, int max) => value.Length <= max
        ? value
        : throw ApiProblem.BadRequest(string.Create(CultureInfo.InvariantCulture,
            $"{field}: at most {max} characters, received {value.Length}"));

    /// <summary>Attribute values may hold tabs and newlines (a multi-line note), but never NUL, and only so much text.</summary>
    public static string AttributeValue(string value, string field)
    {
        Length(value, $"User attribute '{field}'", MaxAttributeValueLength);
        var nul = value.IndexOf('\0', StringComparison.Ordinal);
        return nul < 0
            ? value
            : throw ApiProblem.BadRequest(string.Create(CultureInfo.InvariantCulture,
                $"User attribute '{field}': must not contain NUL (U+0000, at position {nul})"));
    }
}
