using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Omni.Sdk.Tests;

/// <summary>
/// What `dotnet pack sdk/dotnet` puts in Pulumi.Omni.&lt;version&gt;.nupkg, checked on the generated project
/// (the pack itself needs the Pulumi NuGet package, which this machine cannot fetch): the metadata a NuGet
/// user expects, a symbols package, pulumi-plugin.json in the package, and a version and pluginDownloadURL
/// that lead the engine to the archives `make dist` writes (scripts/dist.sh) under the release's tag.
/// </summary>
public sealed partial class NuGetPackageTests
{
    private static XDocument Project() => XDocument.Load(Path.Combine(RepositoryPaths.DotnetSdk, "Pulumi.Omni.csproj"));

    private static JsonNode SchemaRoot() => JsonNode.Parse(File.ReadAllText(RepositoryPaths.Schema))
        ?? throw new InvalidOperationException($"{RepositoryPaths.Schema} is empty");

    private static string? Property(XDocument project, string name) =>
        project.Descendants(name).Select(e => e.Value.Trim()).SingleOrDefault();

    /// <summary>The files packed into the package, by their Include, with their PackagePath.</summary>
    private static Dictionary<string, string> Packed(XDocument project) =>
        project.Descendants("None")
            .Where(e => string.Equals((string?)e.Attribute("Pack"), "true", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string?)e.Attribute("PackagePath") ?? "", StringComparer.Ordinal);

    [Fact]
    public void The_package_carries_the_metadata_a_NuGet_user_expects()
    {
        var project = Project();
        var schema = SchemaRoot();
        var missing = new List<string>();
        void Expect(string name, string? expected)
        {
            var actual = Property(project, name);
            if (string.IsNullOrWhiteSpace(actual) || (expected is not null && actual != expected))
            {
                missing.Add($"<{name}> is '{actual}', expected {(expected is null ? "a value" : $"'{expected}'")}");
            }
        }

        Expect("PackageLicenseExpression", (string?)schema["license"]);
        Expect("RepositoryUrl", (string?)schema["repository"]);
        Expect("RepositoryType", "git");
        Expect("PublishRepositoryUrl", "true");
        Expect("PackageProjectUrl", null);
        Expect("Authors", (string?)schema["publisher"]);
        Expect("Description", null);
        Expect("PackageReadmeFile", "README.md");
        Expect("IncludeSymbols", "true");
        Expect("SymbolPackageFormat", "snupkg");
        Expect("DebugType", "portable");
        Expect("Version", (string?)schema["version"]);

        var tags = (Property(project, "PackageTags") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        foreach (var keyword in (schema["keywords"] as JsonArray ?? []).Select(k => (string)k!).Where(k => !k.Contains('/', StringComparison.Ordinal)))
        {
            if (!tags.Contains(keyword, StringComparer.Ordinal))
            {
                missing.Add($"<PackageTags> lacks the schema keyword '{keyword}'");
            }
        }

        var packed = Packed(project);
        if (packed.GetValueOrDefault("README.md") != "/")
        {
            missing.Add("README.md is not packed at the package root (PackagePath=\"/\"), where <PackageReadmeFile> looks for it");
        }

        Assert.True(missing.Count == 0, "sdk/dotnet/Pulumi.Omni.csproj (tools/Omni.Codegen/Dotnet/PackageFiles.cs): " + string.Join("; ", missing));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.DotnetSdk, "README.md")), "sdk/dotnet/README.md is missing; the package names it as its readme");
    }

    [Fact]
    public void The_package_holds_pulumi_plugin_json_naming_this_plugin_its_version_and_download_server()
    {
        var project = Project();
        var schema = SchemaRoot();
        var packed = Packed(project);
        Assert.True(packed.TryGetValue("pulumi-plugin.json", out var packagePath),
            "Pulumi.Omni.csproj must pack pulumi-plugin.json: the .NET language host reads it from the package to know which plugin to install");
        Assert.Equal("content", packagePath);
        Assert.Contains(project.Descendants("EmbeddedResource"), e => (string?)e.Attribute("Include") == "pulumi-plugin.json");

        var plugin = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.DotnetSdk, "pulumi-plugin.json")))!;
        Assert.True(plugin["resource"]?.GetValue<bool>(), "pulumi-plugin.json: \"resource\" must be true");
        Assert.Equal((string?)schema["name"], (string?)plugin["name"]);
        Assert.Equal((string?)schema["version"], (string?)plugin["version"]);
        Assert.Equal((string?)schema["pluginDownloadURL"], (string?)plugin["server"]);
    }

    [Fact]
    public void Version_and_pluginDownloadURL_lead_to_the_archives_make_dist_writes()
    {
        var schema = SchemaRoot();
        var name = (string)schema["name"]!;
        var version = (string)schema["version"]!;

        // make dist and the release workflow take the version from Directory.Build.props.
        var props = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"));
        Assert.Equal(version, props.Descendants("Version").Single().Value.Trim());
        Assert.Equal(version, File.ReadAllText(Path.Combine(RepositoryPaths.DotnetSdk, "version.txt")).Trim());

        // scripts/dist.sh names each archive; the engine downloads <server>/pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz.
        var dist = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "scripts", "dist.sh"));
        var archive = ArchiveName().Match(dist);
        Assert.True(archive.Success, "scripts/dist.sh no longer names its archives archive=pulumi-resource-omni-v$version-$platform.tar.gz");
        Assert.Equal($"pulumi-resource-{name}-v$version-$platform.tar.gz", archive.Groups["name"].Value);
        foreach (var platform in new[] { "linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64" })
        {
            Assert.Contains(platform, dist, StringComparison.Ordinal);
        }

        // The release workflow publishes the archives under the tag v<version>; ${VERSION} is what the engine fills in.
        var server = (string)schema["pluginDownloadURL"]!;
        Assert.EndsWith("/releases/download/v${VERSION}", server, StringComparison.Ordinal);
        Assert.StartsWith((string)schema["repository"]! + "/", server, StringComparison.Ordinal);
        var release = File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".github", "workflows", "release.yml"));
        Assert.Contains("tags: [\"v*.*.*\"]", release, StringComparison.Ordinal);
        Assert.Contains("dist/*.tar.gz", release, StringComparison.Ordinal);
        Assert.Contains("dist/*.nupkg", release, StringComparison.Ordinal);
        Assert.Contains("dist/*.snupkg", release, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"archive=(?<name>pulumi-resource-[^\s""]+\.tar\.gz)")]
    private static partial Regex ArchiveName();
}
