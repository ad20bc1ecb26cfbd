using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Omni.Client.Tests.Support;

internal static class TestClients
{
    public const string ApiKey = "omni_org_SECRET-KEY-1234567890";

    public static OmniClientOptions Options(int maxRetries = 5, TimeSpan? requestTimeout = null, TimeSpan? totalTimeout = null) => new()
    {
        BaseUrl = "https://acme.omniapp.co",
        ApiKey = ApiKey,
        RequestsPerMinute = 0, // the token bucket runs on real time; these tests run on a fake clock
        MaxRetries = maxRetries,
        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30),
        TotalTimeout = totalTimeout ?? TimeSpan.FromMinutes(5),
    };

    /// <summary>A client over the scripted handler; jitter pinned to its upper bound so delays are exact.</summary>
    public static OmniClient Create(ScriptedHandler handler, FakeTimeProvider time, OmniClientOptions? options = null, ILoggerFactory? logs = null, double jitter = 1.0) =>
        new(handler.CreateClient(), options ?? Options(), logs, time, new RateLimiterRegistry(), () => jitter);

    public static string UserJson(string id = "u-1", string userName = "alice@example.com", string displayName = "Alice") =>
        $$"""{"id":"{{id}}","userName":"{{userName}}","displayName":"{{displayName}}","active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}""";

    public static string ListJson(int total, int startIndex, params string[] users) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":{{total}},"startIndex":{{startIndex}},"itemsPerPage":{{users.Length}},"Resources":[{{string.Join(",", users)}}]}""";
}

/// <summary>Keeps every formatted log line so tests can check what was (and was not) logged.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    public List<string> Lines { get; } = [];

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(Lines);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(List<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
            {
                lines.Add($"{logLevel}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
