namespace Omni.Pulumi.Provider.Resources;

/// <summary>
/// What Omni can store in a name or a text value, shared by every resource's Check. Reasons name the property,
/// the rule and the position or length, never the value: it may be secret, and it may be a megabyte long.
/// </summary>
internal static class NameRules
{
    /// <summary>
    /// A name with a control character (tab, newline, NUL, U+007F–U+009F) could be stored but never found again
    /// by a filter, whose quoted value is one line; Omni's emulator refuses the same.
    /// </summary>
    public static string? ControlCharacterProblem(string property, string value, string why)
    {
        var control = value.AsSpan().IndexOfAnyInRange('\0', '\u001f') is var low and >= 0 ? low : value.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        return control < 0
            ? null
            : $"'{property}' must not contain control characters such as a tab, newline or NUL (found U+{(int)value[control]:X4} at position {control}): "
                + $"{why} Remove it.";
    }

    public static string? LengthProblem(string property, string value, int max, string whose) => value.Length <= max
        ? null
        : $"'{property}' must be at most {max} characters ({whose}); it has {value.Length}. Shorten it.";

    /// <summary>NUL ends a string in many of the systems Omni passes values to: it is refused anywhere.</summary>
    public static string? NulProblem(string property, string value)
    {
        var nul = value.IndexOf('\0', StringComparison.Ordinal);
        return nul < 0 ? null : $"'{property}' must not contain a NUL character (U+0000, found at position {nul}). Remove it.";
    }
}
