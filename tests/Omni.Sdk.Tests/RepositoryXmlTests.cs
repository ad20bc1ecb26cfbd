using System.Xml;
using System.Xml.Linq;

namespace Omni.Sdk.Tests;

/// <summary>
/// MSBuild refuses a project file that is not well-formed XML (MSB4024), e.g. a comment holding
/// `--`; the C# SDK and examples are built elsewhere, so every MSBuild file is checked here.
/// </summary>
public sealed class RepositoryXmlTests
{
    private static readonly string[] Skipped = ["bin", "obj", "node_modules", ".git", "out", "TestResults"];

    [Fact]
    public void Every_msbuild_file_and_nuget_config_in_the_repository_is_well_formed_xml()
    {
        var files = MsBuildFiles(RepositoryPaths.Root).ToList();

        var broken = new List<string>();
        foreach (var file in files)
        {
            try
            {
                XDocument.Load(file);
            }
            catch (XmlException e)
            {
                broken.Add($"{Path.GetRelativePath(RepositoryPaths.Root, file)}: {e.Message}");
            }
        }

        Assert.Contains(files, f => f.EndsWith("Pulumi.Omni.csproj", StringComparison.Ordinal));
        Assert.Contains(files, f => Path.GetFileName(f) == "Directory.Build.props");
        Assert.Contains(files, f => Path.GetFileName(f).Equals("nuget.config", StringComparison.OrdinalIgnoreCase));
        Assert.True(broken.Count == 0, "MSBuild cannot read these files:\n  " + string.Join("\n  ", broken));
    }

    [Fact]
    public void A_double_hyphen_in_a_comment_is_what_the_check_catches()
    {
        Assert.Throws<XmlException>(() => XDocument.Parse("<Project><!-- written by gen-sdk --language dotnet --></Project>"));
    }

    private static IEnumerable<string> MsBuildFiles(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(".props", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".targets", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || name.Equals("nuget.config", StringComparison.OrdinalIgnoreCase))
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(directory).Where(d => !Skipped.Contains(Path.GetFileName(d)) && !Path.GetFileName(d).StartsWith('.')))
        {
            foreach (var file in MsBuildFiles(sub))
            {
                yield return file;
            }
        }
    }
}
