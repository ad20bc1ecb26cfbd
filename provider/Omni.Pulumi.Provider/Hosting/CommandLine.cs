using System.Globalization;

namespace Omni.Pulumi.Provider.Hosting;

/// <summary>
/// The plugin's arguments as the engine passes them: <c>[--logtostderr] [-v=N] [--tracing X]
/// [engineAddress]</c>. No engine address means attach mode (the address comes from Handshake or
/// Attach). <c>--print-schema [path]</c> writes the package schema instead of serving.
/// </summary>
internal sealed record CommandLine(string? EngineAddress, int Verbosity, bool PrintSchema, string? SchemaPath)
{
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string? engineAddress = null;
        var verbosity = 0;
        var printSchema = false;
        string? schemaPath = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--logtostderr" or "--logflow")
            {
                continue;
            }

            if (arg is "--tracing")
            {
                i++; // the tracing endpoint; tracing is not supported, the value is skipped
                continue;
            }

            if (arg.StartsWith("--tracing=", StringComparison.Ordinal))
            {
                continue;
            }

            if (arg.StartsWith("-v=", StringComparison.Ordinal) || arg.StartsWith("--v=", StringComparison.Ordinal))
            {
                var value = arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..];
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out verbosity))
                {
                    throw new ArgumentException($"'{arg}': the verbosity must be a whole number, e.g. -v=9.");
                }

                continue;
            }

            if (arg is "--print-schema")
            {
                printSchema = true;
                if (i + 1 < args.Count && !args[i + 1].StartsWith('-'))
                {
                    schemaPath = args[++i];
                }

                continue;
            }

            if (arg.StartsWith('-'))
            {
                throw new ArgumentException($"Unknown option '{arg}'. Usage: pulumi-resource-omni [--logtostderr] [-v=N] [--tracing X] [engineAddress]");
            }

            if (engineAddress is not null)
            {
                throw new ArgumentException($"Only one engine address is accepted; got '{engineAddress}' and '{arg}'.");
            }

            engineAddress = arg;
        }

        return new CommandLine(engineAddress, verbosity, printSchema, schemaPath);
    }
}
