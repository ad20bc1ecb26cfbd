using Microsoft.Extensions.Logging;

namespace Omni.Client.Transport;

// Only the method, the path (no query: filters carry e-mail addresses), status, latency and attempt:
// never headers, so never the key.
internal static partial class OmniLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Omni {Method} {Path} answered {StatusCode} in {ElapsedMs} ms (attempt {Attempt})")]
    public static partial void Answered(ILogger logger, string method, string path, int statusCode, long elapsedMs, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Omni {Method} {Path} attempt {Attempt} failed after {ElapsedMs} ms: {Failure}")]
    public static partial void AttemptFailed(ILogger logger, string method, string path, int attempt, long elapsedMs, string failure);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Retrying Omni {Method} {Path} in {DelayMs} ms after {Outcome} (retry {Retry} of {MaxRetries})")]
    public static partial void Retrying(ILogger logger, string method, string path, long delayMs, string outcome, int retry, int maxRetries);

    // Events 4 and 5 name only the key field ("userName"), never its value: a userName is an e-mail address.
    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Outcome of Omni {Method} {Path} is unknown ({Outcome}); looking the {NameField} up before deciding whether to send it again")]
    public static partial void OutcomeUnknown(ILogger logger, string method, string path, string outcome, string nameField);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Omni {Method} {Path}: the {NameField} exists after an attempt with an unknown outcome; returning it instead of creating it again")]
    public static partial void FoundAfterUnknownOutcome(ILogger logger, string method, string path, string nameField);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Looking up {NameField} {Name} after an unknown outcome")]
    public static partial void LookingUp(ILogger logger, string nameField, string name);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Waited {WaitMs} ms for a client-side rate-limit token before Omni {Method} {Path}")]
    public static partial void WaitedForToken(ILogger logger, long waitMs, string method, string path);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Omni GET {Path} answered 404 a moment after this client created it; reading again in {DelayMs} ms")]
    public static partial void NotFoundRightAfterCreate(ILogger logger, string path, long delayMs);
}
