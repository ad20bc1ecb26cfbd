namespace Omni.Pulumi.Provider.Schema;

/// <summary>The package-level facts of the schema (everything that is not derived from a record).</summary>
internal static class PackageInfo
{
    public const string Name = "omni";
    public const string DisplayName = "Omni";
    public const string Description = "Manage the users of an Omni analytics organisation (omni.co) through Omni's SCIM 2.0 API.";
    public const string License = "Apache-2.0";
    public const string Repository = "https://github.com/pulumi-resource-omni/pulumi-resource-omni";
    public const string Publisher = "pulumi-resource-omni contributors";

    /// <summary>Where the engine downloads the plugin: the release of the schema's version, where
    /// <c>make dist</c>'s archives (pulumi-resource-omni-v&lt;version&gt;-&lt;os&gt;-&lt;arch&gt;.tar.gz) are
    /// published by .github/workflows/release.yml. The engine substitutes <c>${VERSION}</c> and
    /// appends the archive name.</summary>
    public const string PluginDownloadUrl = Repository + "/releases/download/v${VERSION}";
    public static readonly string[] Keywords = ["pulumi", "omni", "scim", "users", "kind/native", "category/utility"];

    /// <summary>The assembly's informational version without build metadata (Directory.Build.props).</summary>
    public static string Version { get; } = typeof(PackageInfo).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
        .Select(a => a.InformationalVersion.Split('+')[0])
        .FirstOrDefault() ?? "0.0.0";
}
