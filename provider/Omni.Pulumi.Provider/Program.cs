using Omni.Pulumi.Provider.Protocol;
using Omni.Pulumi.Provider;
using Omni.Pulumi.Provider.Configuration;
using Omni.Pulumi.Provider.Hosting;
using Omni.Pulumi.Provider.Schema;

// pulumi-resource-omni: the engine starts it, reads the port from the first stdout line and speaks
// gRPC to it. Nothing may be written to stdout before that line.
CommandLine commandLine;
try
{
    commandLine = CommandLine.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
    return 2;
}

if (commandLine.PrintSchema)
{
    // The schema comes from the resources' and functions' types; the session is never configured here.
    using var rateLimiters = new Omni.Client.RateLimiterRegistry();
    using var session = new OmniSession(new ConfigValidator(EnvironmentVariables.Process), new SecretRedactor(), rateLimiters,
        Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
    var schema = SchemaGenerator.Generate(ProviderCatalog.Resources(session, new SilentLog()), ProviderCatalog.Functions(session));
    if (commandLine.SchemaPath is null)
    {
        await Console.Out.WriteAsync(schema).ConfigureAwait(false);
    }
    else
    {
        await File.WriteAllTextAsync(commandLine.SchemaPath, schema).ConfigureAwait(false);
    }

    return 0;
}

await using var host = await ProviderHost.StartAsync(commandLine.EngineAddress, commandLine.Verbosity, EnvironmentVariables.Process, CancellationToken.None).ConfigureAwait(false);
await Console.Out.WriteAsync($"{host.Port}\n").ConfigureAwait(false);
await Console.Out.FlushAsync().ConfigureAwait(false);
await host.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
return 0;
