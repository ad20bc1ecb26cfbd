namespace Omni.Codegen;

/// <summary>Writes generated files (or, with check, only compares them) and removes stale ones from owned folders.</summary>
internal static class GeneratedTree
{
    internal sealed record Result(int Differences, IReadOnlyList<string> Report);

    public static Result Apply(string root, IReadOnlyList<GeneratorOutput> outputs, bool check)
    {
        var report = new List<string>();
        var differences = 0;
        foreach (var output in outputs)
        {
            var wanted = output.Files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
            foreach (var (relative, content) in wanted)
            {
                var full = Path.Combine(root, relative);
                var existing = File.Exists(full) ? File.ReadAllText(full) : null;
                if (existing == content)
                {
                    continue;
                }

                differences++;
                report.Add($"{(check ? "differs" : "wrote")}: {relative}{(existing is null ? " (new)" : "")}");
                if (!check)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    File.WriteAllText(full, content);
                }
            }

            foreach (var folder in output.OwnedFolders)
            {
                var full = Path.Combine(root, folder);
                if (!Directory.Exists(full))
                {
                    continue;
                }

                foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                    if (IsBuildOutput(relative) || wanted.ContainsKey(relative))
                    {
                        continue;
                    }

                    differences++;
                    report.Add($"{(check ? "stale" : "removed")}: {relative}");
                    if (!check)
                    {
                        File.Delete(file);
                    }
                }
            }
        }

        report.Add(differences == 0 ? "generated files are up to date" : $"{differences} generated file(s) {(check ? "differ" : "written")}");
        return new Result(differences, report);
    }

    private static bool IsBuildOutput(string relative) =>
        relative.Split('/').Any(part => part is "bin" or "obj" or "node_modules");
}
