namespace Omni.Pulumi.Provider.Hosting;

/// <summary>
/// The plugin's own log on stderr (stdout belongs to the port line), one line per entry in the console
/// logger's single-line form ("warn: Category[event] message"), which the engine shows with -v and
/// `--logtostderr`. The console logger does the same with a queue, a thread and a dozen option types
/// built by the container at start-up: a measurable part of the plugin's start (make bench, plugin-start)
/// for a log that is a few lines a run. Levels are filtered by the logger factory's rules.
/// </summary>
internal sealed class StandardErrorLoggerProvider(TextWriter output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName);

    public void Dispose()
    {
        // The writer is the process's stderr, not ours to close.
    }

    private sealed class Logger(TextWriter output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            var line = exception is null
                ? $"{Label(logLevel)}: {category}[{eventId.Id}] {message}"
                : $"{Label(logLevel)}: {category}[{eventId.Id}] {message} {exception.ToString().ReplaceLineEndings(" ")}";
            // Console.Error is synchronized; a line is written whole even when RPCs log at once.
            output.WriteLine(line);
        }

        private static string Label(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
