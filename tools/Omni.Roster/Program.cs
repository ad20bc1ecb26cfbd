using Omni.Roster;

// omni-roster export --out users.yaml [--import-file import.json] [--include-inactive]
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops the export cleanly (nothing is written); a second one kills it.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};

return await ExportCommand.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error,
    isTerminal: !Console.IsErrorRedirected, cancel.Token);
