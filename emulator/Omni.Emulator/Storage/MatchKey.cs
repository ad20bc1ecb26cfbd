namespace Omni.Emulator.Storage;

/// <summary>
/// The form in which emails and group names are compared: Omni treats them as equal in any letter
/// case, non-ASCII letters included, which SQLite's NOCASE (ASCII only) would miss. Upper-casing
/// with the invariant culture folds the same way as the client's OrdinalIgnoreCase comparison.
/// Stored in a key column with a UNIQUE index, and used for filter matching, so both agree.
/// </summary>
internal static class MatchKey
{
    public static string For(string value) => value.ToUpperInvariant();

    public static string? ForOptional(string? value) => value?.ToUpperInvariant();
}
