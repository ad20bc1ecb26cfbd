using System.Text.Json.Nodes;
using Omni.Codegen.Docs;
using Omni.Codegen.Dotnet;
using Omni.Codegen.Schema;

namespace Omni.Codegen;

/// <summary>Every generator, each owning the folders it lists: a file under an owned folder that
/// the generator no longer writes is deleted (or reported by --check).</summary>
internal static class Generators
{
    public static IReadOnlyList<GeneratorOutput> All(JsonObject schema, string root) =>
    [
        DotnetSdkGenerator.Generate(PackageSchema.From(schema)),
        RegistryDocsGenerator.Generate(PackageSchema.From(schema)),
        ReadmeReferenceGenerator.Generate(PackageSchema.From(schema), root),
        new GeneratorOutput("nodejs", [Nodejs.NodejsGenerator.Folder], Nodejs.NodejsGenerator.Generate(schema)),
    ];
}

/// <summary>What one generator writes, and the folders whose whole content it owns.</summary>
internal sealed record GeneratorOutput(string Name, IReadOnlyList<string> OwnedFolders, IReadOnlyList<GeneratedFile> Files);
