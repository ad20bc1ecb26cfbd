using System.Globalization;

namespace Omni.Roster;

/// <summary>What `omni-roster export` was asked to do. <see cref="ToString"/> never shows the key.</summary>
internal sealed record ExportOptions
{
    public const string Usage =
        "usage: omni-roster export --out users.yaml [--import-file import.json] [--include-inactive] [--definitions]\n" +
        "                          [--base-url URL] [--api-key KEY] [--name EMAIL|GROUP=NAME]...\n" +
        "                          [--requests-per-minute N] [--max-retries N]\n" +
        "  --definitions also writes the custom attribute definitions (`attributes:`, each with its id), so the\n" +
        "  roster manages them from then on; without it they stay with Omni's UI.\n" +
        "  --base-url and --api-key default to OMNI_BASE_URL and OMNI_API_KEY (the provider's variables);\n" +
        "  prefer the variable for the key: a command line is visible to other users of this machine.";

    public required string OutPath { get; init; }
    public string? ImportFilePath { get; init; }
    public bool IncludeInactive { get; init; }

    /// <summary>Write the custom attribute definitions as the roster's `attributes:` list (then managed by the roster).</summary>
    public bool Definitions { get; init; }

    public required string BaseUrl { get; init; }
    public required string ApiKey { get; init; }

    /// <summary>Names chosen by hand: a user's email or a group's displayName → its resource name.</summary>
    public IReadOnlyDictionary<string, string> ChosenNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Omni's budget per key; the export never sends more than this (0 turns the limiter off).</summary>
    public int RequestsPerMinute { get; init; } = 60;

    public int MaxRetries { get; init; } = 5;

    public override string ToString() =>
        $"ExportOptions {{ OutPath = {OutPath}, ImportFilePath = {ImportFilePath}, IncludeInactive = {IncludeInactive}, Definitions = {Definitions}, BaseUrl = {BaseUrl}, ApiKey = ***, RequestsPerMinute = {RequestsPerMinute}, MaxRetries = {MaxRetries} }}";

    /// <summary>Reads `export …` and the environment; every problem is a <see cref="UsageException"/> naming the flag and the fix.</summary>
    public static ExportOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            throw new UsageException("omni-roster: the command is missing.", showUsage: true);
        }

        if (args[0] != "export")
        {
            throw new UsageException($"omni-roster: unknown command '{args[0]}'; the one command is `export`.", showUsage: true);
        }

        string? outPath = null, importFile = null, baseUrl = null, apiKey = null;
        var includeInactive = false;
        var definitions = false;
        var requestsPerMinute = 60;
        var maxRetries = 5;
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < args.Count; i++)
        {
            var flag = args[i];
            switch (flag)
            {
                case "--out": outPath = Value(args, ref i); break;
                case "--import-file": importFile = Value(args, ref i); break;
                case "--include-inactive": includeInactive = true; break;
                case "--definitions": definitions = true; break;
                case "--base-url": baseUrl = Value(args, ref i); break;
                case "--api-key": apiKey = Value(args, ref i); break;
                case "--requests-per-minute": requestsPerMinute = Count(flag, Value(args, ref i)); break;
                case "--max-retries": maxRetries = Count(flag, Value(args, ref i)); break;
                case "--name": AddName(names, Value(args, ref i)); break;
                case "-h" or "--help": throw new UsageException("omni-roster export: options", showUsage: true);
                default: throw new UsageException($"omni-roster export: unknown option '{flag}'.", showUsage: true);
            }
        }

        if (outPath is null)
        {
            throw new UsageException("omni-roster export: --out is required: the roster file to write, e.g. --out users.yaml.", showUsage: true);
        }

        if (importFile is not null && Path.GetFullPath(importFile) == Path.GetFullPath(outPath))
        {
            throw new UsageException("omni-roster export: --import-file and --out name the same file; give the import file its own name, e.g. import.json.");
        }

        baseUrl ??= NonEmpty(environment("OMNI_BASE_URL"));
        apiKey ??= NonEmpty(environment("OMNI_API_KEY"));
        if (baseUrl is null)
        {
            throw new UsageException("omni-roster export: no Omni URL: pass --base-url https://<org>.omniapp.co or set OMNI_BASE_URL.");
        }

        if (apiKey is null)
        {
            throw new UsageException("omni-roster export: no API key: set OMNI_API_KEY to an Organization API key (or pass --api-key).");
        }

        return new ExportOptions
        {
            OutPath = outPath,
            ImportFilePath = importFile,
            IncludeInactive = includeInactive,
            Definitions = definitions,
            BaseUrl = baseUrl,
            ApiKey = apiKey,
            ChosenNames = names,
            RequestsPerMinute = requestsPerMinute,
            MaxRetries = maxRetries,
        };
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        var flag = args[i];
        if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]) || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException($"omni-roster export: {flag} needs a value.", showUsage: true);
        }

        return args[++i];
    }

    private static int Count(string flag, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"omni-roster export: {flag} must be a whole number of 0 or more, got '{text}'.");

    /// <summary>`--name alice@example.com=alice-m` or `--name "Finance Analysts=finance"`: the last '=' separates (names hold none).</summary>
    private static void AddName(Dictionary<string, string> names, string text)
    {
        var at = text.LastIndexOf('=');
        var key = at > 0 ? text[..at].Trim() : "";
        var name = at > 0 ? text[(at + 1)..].Trim() : "";
        if (key.Length == 0 || name.Length == 0)
        {
            throw new UsageException($"omni-roster export: --name takes EMAIL=NAME or GROUP=NAME (e.g. --name alice@example.com=alice-martin), got '{text}'.");
        }

        if (RosterNames.Problem(name) is { } problem)
        {
            throw new UsageException($"omni-roster export: --name {text}: {problem}.");
        }

        if (!names.TryAdd(key, name))
        {
            throw new UsageException($"omni-roster export: --name is given twice for '{key}'; keep one.");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>The command line is wrong; the message says which flag and how to fix it. Exit code 2.</summary>
internal sealed class UsageException(string message, bool showUsage = false) : Exception(message)
{
    public bool ShowUsage { get; } = showUsage;
}
