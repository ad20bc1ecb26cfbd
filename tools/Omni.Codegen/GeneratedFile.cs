namespace Omni.Codegen;

/// <summary>One file a generator writes, by its path relative to the repository's root ('/' separated).</summary>
internal sealed record GeneratedFile(string Path, string Content);
