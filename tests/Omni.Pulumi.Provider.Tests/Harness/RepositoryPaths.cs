namespace Omni.Pulumi.Provider.Tests.Harness;

/// <summary>Finds the repository root (the folder with Omni.Pulumi.sln) from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Schema => Path.Combine(Root, "sdk", "schema.json");

    /// <summary>Pulumi's package metaschema lives beside the repository, in ../shared (absent elsewhere).</summary>
    public static string MetaSchema => Path.GetFullPath(Path.Combine(Root, "..", "shared", "pulumi", "package-metaschema.json"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Omni.Pulumi.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Omni.Pulumi.sln above {AppContext.BaseDirectory}.");
    }
}
