using System.Globalization;

namespace Omni.Pulumi.Provider.Resources;

/// <summary>Omni's timestamps in the one form every output uses (UTC, milliseconds, like Omni's own
/// JSON), so a user or group read by a resource and by a function never differ.</summary>
internal static class OmniTimestamps
{
    public static string? Format(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
