using System.Globalization;

namespace Omni.Emulator.Storage;

internal static class Timestamps
{
    /// <summary>ISO 8601 in UTC with milliseconds, as Omni writes them: 2024-12-03T23:13:14.109Z.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
