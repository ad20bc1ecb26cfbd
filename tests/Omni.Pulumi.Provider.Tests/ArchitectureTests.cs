using System.Reflection;
using System.Text.RegularExpressions;
using Omni.Pulumi.Provider.Hosting;
using Omni.Pulumi.Provider.Tests.Harness;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>
/// The layers of docs/architecture.md, enforced: resources and functions never see the protocol, the
/// host or protobuf; the protocol layer never sees the host; the client never speaks of Pulumi. Each
/// rule is checked in the source (a using, a qualified name, a comment) and, where types can show it,
/// in the compiled signatures too.
/// </summary>
public partial class ArchitectureTests
{
    private const string Provider = "provider/Omni.Pulumi.Provider";

    private static readonly string[] EngineNamespaces =
        ["Omni.Pulumi.Provider.Protocol", "Omni.Pulumi.Provider.Hosting", "Grpc", "Google.Protobuf", "Pulumirpc"];

    [Theory]
    [InlineData("Resources")]
    [InlineData("Functions")]
    public void Resources_and_functions_reference_neither_the_protocol_nor_the_host_nor_grpc(string folder)
    {
        var violations = SourceLines($"{Provider}/{folder}", EngineReference()).ToList();

        Assert.True(violations.Count == 0,
            $"{folder}/ must reach the engine only through the contracts in Resources/ (typed values, typed accessors); found:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_protocol_layer_does_not_reference_the_host()
    {
        var violations = SourceLines($"{Provider}/Protocol", HostReference()).ToList();

        Assert.True(violations.Count == 0, "Protocol/ must not depend on Hosting/ (the host composes the protocol, not the reverse); found:\n"
            + string.Join("\n", violations));
    }

    [Fact]
    public void The_client_never_speaks_of_pulumi_providers_or_refresh()
    {
        var violations = SourceLines("provider/Omni.Client", PulumiWord()).ToList();

        Assert.True(violations.Count == 0, "Omni.Client knows nothing of Pulumi: say \"the client's BaseUrl\", \"read it again\", never "
            + "\"provider\", \"refresh\" or \"pulumi\"; found:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Compiled_resource_and_function_types_expose_no_protocol_host_or_grpc_type()
    {
        var violations = new List<string>();
        foreach (var type in typeof(ProviderCatalog).Assembly.GetTypes().Where(t => InNamespace(t, "Omni.Pulumi.Provider.Resources", "Omni.Pulumi.Provider.Functions")))
        {
            violations.AddRange(SignatureTypes(type).Where(t => InNamespace(t, EngineNamespaces)).Select(t => $"{type.FullName} uses {t.FullName}"));
        }

        foreach (var type in typeof(ProviderCatalog).Assembly.GetTypes().Where(t => InNamespace(t, "Omni.Pulumi.Provider.Protocol")))
        {
            violations.AddRange(SignatureTypes(type).Where(t => InNamespace(t, "Omni.Pulumi.Provider.Hosting")).Select(t => $"{type.FullName} uses {t.FullName}"));
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations.Distinct()));
    }

    private static IEnumerable<string> SourceLines(string folder, Regex forbidden)
    {
        var root = Path.Combine(RepositoryPaths.Root, folder);
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (forbidden.Match(lines[i]) is { Success: true } match)
                {
                    yield return $"{Path.GetRelativePath(RepositoryPaths.Root, file)}:{i + 1}: '{match.Value}' in: {lines[i].Trim()}";
                }
            }
        }
    }

    /// <summary>Every type a type's signatures mention: base, interfaces, fields, properties, methods,
    /// constructors, with their generic arguments.</summary>
    private static IEnumerable<Type> SignatureTypes(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var direct = new List<Type?> { type.BaseType };
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(All).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(All).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                direct.Add(info.ReturnType);
            }
        }

        return direct.OfType<Type>().SelectMany(Flatten);
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        yield return type;
        var inner = type.HasElementType ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : [];
        foreach (var part in inner.SelectMany(Flatten))
        {
            yield return part;
        }
    }

    private static bool InNamespace(Type type, params string[] namespaces) =>
        type.Namespace is { } name && namespaces.Any(n => name == n || name.StartsWith(n + ".", StringComparison.Ordinal));

    [GeneratedRegex(@"\b(Omni\.Pulumi\.Provider\.(Protocol|Hosting)|Grpc|Google\.Protobuf|Pulumirpc)\b")]
    private static partial Regex EngineReference();

    [GeneratedRegex(@"\bOmni\.Pulumi\.Provider\.Hosting\b")]
    private static partial Regex HostReference();

    [GeneratedRegex(@"\b(pulumi|providers?|refresh(es|ed|ing)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PulumiWord();
}
