namespace Omni.Sdk.Tests;

/// <summary>Loads the schema and the SDK once; a missing schema makes each test that needs it skip, saying why.</summary>
public sealed class SchemaFixture
{
    public SchemaFixture()
    {
        if (File.Exists(RepositoryPaths.Schema))
        {
            Schema = PackageSchema.Load(RepositoryPaths.Schema);
        }

        Sdk = SdkSources.Load(RepositoryPaths.DotnetSdk);
    }

    internal PackageSchema? Schema { get; }

    internal SdkSources Sdk { get; }

    /// <summary>The schema; without one the calling [SkippableFact] is reported as skipped, with the reason.</summary>
    internal PackageSchema SchemaOrSkip()
    {
        Skip.If(Schema is null, $"{RepositoryPaths.Schema} does not exist yet (the plugin writes it); nothing to compare the SDK with.");
        return Schema!;
    }
}

/// <summary>Collects every difference so that one failing run lists all of them.</summary>
internal sealed class DriftReport
{
    private readonly List<string> _differences = [];

    public void Add(string difference) => _differences.Add(difference);

    public void Expect(bool condition, string difference)
    {
        if (!condition)
        {
            _differences.Add(difference);
        }
    }

    public void ExpectEqual(string? expected, string? actual, string what)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            _differences.Add($"{what}: schema wants `{expected ?? "(none)"}`, SDK has `{actual ?? "(none)"}`");
        }
    }

    public void ExpectSameNames(IEnumerable<string> schemaNames, IEnumerable<string> sdkNames, string what)
    {
        var expected = schemaNames.ToHashSet(StringComparer.Ordinal);
        var actual = sdkNames.ToHashSet(StringComparer.Ordinal);
        foreach (var missing in expected.Except(actual).Order(StringComparer.Ordinal))
        {
            _differences.Add($"{what}: `{missing}` is in the schema but not in the SDK");
        }

        foreach (var extra in actual.Except(expected).Order(StringComparer.Ordinal))
        {
            _differences.Add($"{what}: `{extra}` is in the SDK but not in the schema");
        }
    }

    public void AssertNone() =>
        Assert.True(_differences.Count == 0,
            $"sdk/dotnet has drifted from sdk/schema.json ({_differences.Count}):\n  " + string.Join("\n  ", _differences));
}
