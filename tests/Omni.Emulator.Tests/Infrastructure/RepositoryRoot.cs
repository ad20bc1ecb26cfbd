namespace Omni.Emulator.Tests.Infrastructure;

internal static class RepositoryRoot
{
    /// <summary>The folder holding Omni.Pulumi.sln, found by walking up from the test binaries.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Omni.Pulumi.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Omni.Pulumi.sln above {AppContext.BaseDirectory}.");
    }
}
