using Omni.Emulator;

if (args.Any(a => a is "--help" or "-h"))
{
    Console.WriteLine($"Usage: {EmulatorOptions.Usage}");
    return 0;
}

EmulatorServer server;
try
{
    server = await EmulatorServer.StartAsync(EmulatorOptions.Parse(args));
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync($"omni-emulator: {exception.Message}");
    return 2;
}
catch (Exception exception) when (exception is IOException or InvalidOperationException)
{
    await Console.Error.WriteLineAsync($"omni-emulator: cannot start: {exception.Message}");
    return 1;
}

await using (server)
{
    Console.WriteLine($"Omni emulator listening on {server.BaseUrl.AbsoluteUri.TrimEnd('/')}");
    Console.WriteLine($"API key: {server.ApiKey}");
    Console.WriteLine($"Data: {server.DataLocation}");
    await server.WaitForShutdownAsync();
}

return 0;
