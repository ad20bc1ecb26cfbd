namespace Omni.Sdk.Tests;

/// <summary>Locates the repository's files from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>sdk/schema.json, or the file named by OMNI_SDK_SCHEMA (to check a candidate schema before it lands).</summary>
    public static string Schema =>
        Environment.GetEnvironmentVariable("OMNI_SDK_SCHEMA") is { Length: > 0 } candidate
            ? Path.GetFullPath(candidate)
            : Path.Combine(Root, "sdk", "schema.json");

    public static string DotnetSdk => Path.Combine(Root, "sdk", "dotnet");

    public static string Readme => Path.Combine(Root, "README.md");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Omni.Pulumi.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Omni.Pulumi.sln was not found above {AppContext.BaseDirectory}; run the tests from inside the repository.");
    }
}
