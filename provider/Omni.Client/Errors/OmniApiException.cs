using System.Net;

namespace Omni.Client;

/// <summary>
/// A call to Omni failed. Carries what a person needs to act on it: the request line, the status, Omni's own
/// message and a hint. Never contains the API key.
/// </summary>
public class OmniApiException : Exception
{
    public OmniApiException(string method, string path, HttpStatusCode? statusCode, string? omniMessage, string? hint, Exception? innerException = null, string? subject = null)
        : base(Compose(method, path, statusCode, omniMessage, hint, subject), innerException)
    {
        Method = method;
        Path = path;
        StatusCode = statusCode;
        OmniMessage = omniMessage;
        Hint = hint;
    }

    public OmniApiException()
        : this("?", "?", null, null, null)
    {
    }

    public OmniApiException(string message)
        : this(message, innerException: null)
    {
    }

    public OmniApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Method = "?";
        Path = "?";
    }

    public string Method { get; }

    /// <summary>The request path without the query string, e.g. <c>/api/scim/v2/users</c>.</summary>
    public string Path { get; }

    /// <summary>The status Omni answered with; null when no answer arrived (timeout, connection failure).</summary>
    public HttpStatusCode? StatusCode { get; }

    public string? OmniMessage { get; }

    public string? Hint { get; }

    private static string Compose(string method, string path, HttpStatusCode? status, string? omniMessage, string? hint, string? subject)
    {
        var text = $"{method} {path} failed";
        if (status is { } code)
        {
            text += $": {(int)code} {ReasonPhrase(code)}";
        }
        if (!string.IsNullOrWhiteSpace(omniMessage))
        {
            text += $": {omniMessage}";
        }
        if (!string.IsNullOrWhiteSpace(subject))
        {
            text += $" ({subject})";
        }
        if (!string.IsNullOrWhiteSpace(hint))
        {
            text += $". Hint: {hint}";
        }
        return text;
    }

    /// <summary>"TooManyRequests" → "Too Many Requests".</summary>
    internal static string ReasonPhrase(HttpStatusCode code)
    {
        var name = code.ToString();
        if (int.TryParse(name, out _))
        {
            return "";
        }
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            // A word starts at an upper-case letter after a lower-case one, so "OK" stays "OK".
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                builder.Append(' ');
            }
            builder.Append(name[i]);
        }
        return builder.ToString();
    }
}

/// <summary>401 or 403: the key is wrong, revoked, or not an Organization key.</summary>
public sealed class OmniAuthenticationException : OmniApiException
{
    public OmniAuthenticationException(string method, string path, HttpStatusCode statusCode, string? omniMessage, string? hint)
        : base(method, path, statusCode, omniMessage, hint)
    {
    }

    /// <summary>Omni rejected the key itself (401, or 403 "Invalid bearer token"), as opposed to the kind of key.</summary>
    public bool KeyRejected { get; init; }
}

/// <summary>409: the userName (or group displayName) is already taken.</summary>
public sealed class OmniConflictException : OmniApiException
{
    public OmniConflictException(string method, string path, string? omniMessage, string? hint, string? userName, string nameField = "userName")
        : base(method, path, HttpStatusCode.Conflict, omniMessage, hint, subject: userName is null ? null : $"{nameField} \"{userName}\"")
    {
        UserName = userName;
    }

    /// <summary>The conflicting userName, or the group's displayName for a group conflict.</summary>
    public string? UserName { get; }
}

/// <summary>429 after every retry was spent.</summary>
public sealed class OmniRateLimitedException : OmniApiException
{
    public OmniRateLimitedException(string method, string path, string? omniMessage, string? hint, int retriesSpent)
        : base(method, path, HttpStatusCode.TooManyRequests, omniMessage, hint)
    {
        RetriesSpent = retriesSpent;
    }

    public int RetriesSpent { get; }
}

/// <summary>404 where a missing resource is an error (e.g. patching a user that is gone).</summary>
public sealed class OmniNotFoundException : OmniApiException
{
    public OmniNotFoundException(string method, string path, string? omniMessage, string? hint)
        : base(method, path, HttpStatusCode.NotFound, omniMessage, hint)
    {
    }
}

/// <summary>No answer arrived: every attempt timed out or lost its connection. <see cref="OmniApiException.StatusCode"/> is null.</summary>
public sealed class OmniTransportException : OmniApiException
{
    public OmniTransportException(string method, string path, string failure, string? hint, int attempts, Exception? innerException)
        : base(method, path, null, failure, hint, innerException)
    {
        Attempts = attempts;
    }

    public int Attempts { get; }

    /// <summary>False only when the request provably never left this machine (connection refused).</summary>
    internal bool MayHaveBeenApplied { get; init; } = true;

    /// <summary>What went wrong on the last attempt, without the attempt count (for a caller that counts across calls).</summary>
    internal string? LastFailure { get; init; }
}
