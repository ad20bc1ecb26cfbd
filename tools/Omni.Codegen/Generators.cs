using System.Text.Json.Nodes;

namespace Omni.Codegen;

/// <summary>Every generator, each owning the folders it lists: a file under an owned folder that
/// the generator no longer writes is deleted (or reported by --check).</summary>
internal static class Generators
{
    public static IReadOnlyList<GeneratorOutput> All(JsonObject schema, string root) =>
    [
        // Filled in by the C# SDK, TypeScript SDK, docs and README generators.
        new GeneratorOutput("nodejs", [Nodejs.NodejsGenerator.Folder], Nodejs.NodejsGenerator.Generate(schema)),
    ];
}

/// <summary>What one generator writes, and the folders whose whole content it owns.</summary>
internal sealed record GeneratorOutput(string Name, IReadOnlyList<string> OwnedFolders, IReadOnlyList<GeneratedFile> Files);
