using OmniExample;
using OmniRoster;
using Pulumi;

namespace Omni.Examples.Tests;

public sealed class TeamStack : Stack
{
    public TeamStack() => Exports = Team.Define();

    public Dictionary<string, object?> Exports { get; }
}

public sealed class RosterStack : Stack
{
    public RosterStack() => Exports = RosterProgram.Define(Roster.Load(RosterFile));

    public static string RosterFile
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "examples", "gitops", "users.yaml");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("examples/gitops/users.yaml not found above " + AppContext.BaseDirectory);
        }
    }

    public Dictionary<string, object?> Exports { get; }
}
