using System.Text.Json.Nodes;
using Omni.Codegen;

// Usage: omni-codegen --root <repo> [--check]
//   Reads <repo>/sdk/schema.json and writes every file derived from it. With --check nothing is
//   written: the files that differ from what would be written are listed and the exit code is 1.
var root = Directory.GetCurrentDirectory();
var check = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--root" when i + 1 < args.Length:
            root = Path.GetFullPath(args[++i]);
            break;
        case "--check":
            check = true;
            break;
        default:
            Console.Error.WriteLine($"omni-codegen: unknown argument '{args[i]}'. Usage: omni-codegen --root <repo> [--check]");
            return 2;
    }
}

var schemaPath = Path.Combine(root, "sdk", "schema.json");
var schema = JsonNode.Parse(File.ReadAllText(schemaPath))?.AsObject()
    ?? throw new InvalidDataException($"{schemaPath} is not a JSON object.");

IReadOnlyList<GeneratorOutput> outputs;
try
{
    outputs = Generators.All(schema, root);
}
catch (Exception e) when (e is InvalidDataException or NotSupportedException or FileNotFoundException)
{
    // A schema the generators cannot render: say what and where, without a stack trace.
    Console.Error.WriteLine($"omni-codegen: {e.Message}");
    return 1;
}

var result = GeneratedTree.Apply(root, outputs, check);
foreach (var line in result.Report)
{
    Console.WriteLine(line);
}

return check && result.Differences > 0 ? 1 : 0;
