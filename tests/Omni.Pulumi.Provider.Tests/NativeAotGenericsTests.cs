using System.Diagnostics.Tracing;
using System.Text;
using System.Text.Json;
using Grpc.Net.Client;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Hosting;
using Omni.Pulumi.Provider.Tests.Harness;
using Pulumirpc;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>
/// provider/Omni.Pulumi.Provider/NativeAotGenerics.rd.xml names the generic types the container closes while the
/// plugin starts and answers its first call (Logger&lt;T&gt;, OptionsFactory&lt;T&gt;, ...), so that NativeAOT compiles
/// them ahead of time instead of building each at run time. This test watches the container do it (its EventSource
/// reports every call site it builds) and checks the file lists exactly those types; with
/// OMNI_WRITE_NATIVE_GENERICS=1 (`make native-generics`) it rewrites the file instead.
/// </summary>
public class NativeAotGenericsTests
{
    private static string RdXmlPath => Path.Combine(RepositoryPaths.Root, "provider", "Omni.Pulumi.Provider", "NativeAotGenerics.rd.xml");

    [Fact]
    public async Task The_rd_xml_lists_the_generic_types_the_container_closes_at_start_up()
    {
        var closed = await ClosedGenericTypesAsync();
        Assert.Contains(closed, t => t.IsGenericType && t.GetGenericTypeDefinition().Name == "Logger`1"); // the watch works
        var expected = Render(closed);

        if (Environment.GetEnvironmentVariable("OMNI_WRITE_NATIVE_GENERICS") == "1")
        {
            await File.WriteAllTextAsync(RdXmlPath, expected);
        }

        var actual = File.Exists(RdXmlPath) ? (await File.ReadAllTextAsync(RdXmlPath)).ReplaceLineEndings("\n") : "";
        var missing = Lines(expected).Except(Lines(actual)).ToList();
        var extra = Lines(actual).Except(Lines(expected)).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"NativeAotGenerics.rd.xml is out of date (run `make native-generics`).\nmissing:\n{string.Join("\n", missing)}\nno longer built:\n{string.Join("\n", extra)}");
    }

    private static IEnumerable<string> Lines(string xml) => xml.Split('\n').Where(l => l.Contains("<Type ", StringComparison.Ordinal));

    /// <summary>Starts the plugin's host in this process, makes its first call, and returns the closed generic types the
    /// container built call sites for (implementations and the item types of the sequences it injects).</summary>
    private static async Task<IReadOnlyCollection<Type>> ClosedGenericTypesAsync()
    {
        using var listener = new CallSiteListener();
        int providerHash;
        await using (var host = await ProviderHost.StartAsync(null, 0, new EnvironmentVariables(_ => null), CancellationToken.None))
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{host.Port}");
            await new ResourceProvider.ResourceProviderClient(channel).GetPluginInfoAsync(new Google.Protobuf.WellKnownTypes.Empty());
            providerHash = host.Services.GetHashCode();
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var json in listener.CallSites(providerHash))
        {
            using var document = JsonDocument.Parse(json);
            Collect(document.RootElement, names);
        }

        return names.Select(Resolve).ToList();
    }

    private static void Collect(JsonElement element, SortedSet<string> names)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is "implementationType" or "itemType" && property.Value.GetString() is { } name && name.Contains('`', StringComparison.Ordinal))
                {
                    names.Add(name);
                }

                Collect(property.Value, names);
            }
        }
    }

    /// <summary>A type from its full name as the container reports it (Namespace.Generic`1[Namespace.Argument]).</summary>
    private static Type Resolve(string name)
    {
        var open = name.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name, throwOnError: false)).FirstOrDefault(t => t is not null)
                ?? throw new InvalidOperationException($"No loaded assembly defines {name}.");
        }

        var arguments = SplitArguments(name[(open + 1)..^1]).Select(Resolve).ToArray();
        return Resolve(name[..open]).MakeGenericType(arguments);
    }

    private static IEnumerable<string> SplitArguments(string list)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            depth += list[i] switch { '[' => 1, ']' => -1, _ => 0 };
            if (list[i] == ',' && depth == 0)
            {
                yield return list[start..i];
                start = i + 1;
            }
        }

        yield return list[start..];
    }

    /// <summary>The rd.xml: one Type element per closed type, under its generic definition's assembly, sorted.</summary>
    private static string Render(IEnumerable<Type> types)
    {
        var xml = new StringBuilder();
        xml.Append("<!-- Generated by NativeAotGenericsTests (`make native-generics`); do not edit. The generic types the\n")
           .Append("     dependency-injection container closes while the plugin starts and answers its first call, compiled\n")
           .Append("     ahead of time so that NativeAOT does not build them at run time (see Omni.Pulumi.Provider.csproj). -->\n")
           .Append("<Directives xmlns=\"http://schemas.microsoft.com/netfx/2013/01/metadata\">\n  <Application>\n");
        foreach (var assembly in types.GroupBy(t => t.Assembly.GetName().Name!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            xml.Append("    <Assembly Name=\"").Append(assembly.Key).Append("\">\n");
            foreach (var name in assembly.Select(RdXmlName).Distinct().Order(StringComparer.Ordinal))
            {
                xml.Append("      <Type Name=\"").Append(name).Append("\" Dynamic=\"Required All\" />\n");
            }

            xml.Append("    </Assembly>\n");
        }

        return xml.Append("  </Application>\n</Directives>\n").ToString();
    }

    /// <summary>Namespace.Generic`1[[Namespace.Argument, Assembly]]: the definition's name, arguments with their assembly.</summary>
    private static string RdXmlName(Type type) => type.IsGenericType
        ? $"{type.GetGenericTypeDefinition().FullName}[{string.Join(",", type.GetGenericArguments().Select(a => $"[{RdXmlName(a)}, {a.Assembly.GetName().Name}]"))}]"
        : type.FullName!;

    /// <summary>The container's EventSource: the call sites it builds (a long one in several chunks), for every provider in the process.</summary>
    private sealed class CallSiteListener : EventListener
    {
        private readonly Dictionary<(int Provider, string ServiceType), StringBuilder> _partial = [];
        private readonly List<(int Provider, string CallSite)> _built = [];

        public IEnumerable<string> CallSites(int providerHash)
        {
            lock (_built)
            {
                return _built.Where(c => c.Provider == providerHash).Select(c => c.CallSite).ToList();
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Extensions-DependencyInjection")
            {
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName != "CallSiteBuilt" || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
            {
                return;
            }

            object? Field(string name) => names.IndexOf(name) is var i and >= 0 ? payload[i] : throw new InvalidOperationException(
                $"CallSiteBuilt has no '{name}' field (it has {string.Join(", ", names)}).");
            int Number(string name) => Convert.ToInt32(Field(name), System.Globalization.CultureInfo.InvariantCulture);
            var key = (Number("serviceProviderHashCode"), (string)Field("serviceType")!);
            lock (_built)
            {
                if (Number("chunkIndex") == 0)
                {
                    _partial[key] = new StringBuilder();
                }

                _partial[key].Append((string)Field("callSite")!);
                if (Number("chunkIndex") == Number("chunkCount") - 1)
                {
                    _built.Add((key.Item1, _partial[key].ToString()));
                    _partial.Remove(key);
                }
            }
        }
    }
}
