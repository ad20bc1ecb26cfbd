namespace Omni.Client;

/// <summary>
/// The caller cancelled a call. Says what had been sent by then, so that a cancelled write that never left this
/// machine is not reported as one Omni may have applied. It is an <see cref="OperationCanceledException"/>, so code
/// that handles cancellation in general keeps working.
/// </summary>
public sealed class OmniCancelledException : OperationCanceledException
{
    public OmniCancelledException(string method, string path, int requestsSent, bool mayHaveBeenApplied, Exception? innerException, CancellationToken token)
        : base(Compose(method, path, requestsSent, mayHaveBeenApplied), innerException, token)
    {
        Method = method;
        Path = path;
        RequestsSent = requestsSent;
        MayHaveBeenApplied = mayHaveBeenApplied;
    }

    public OmniCancelledException()
        : this("?", "?", 0, false, null, CancellationToken.None)
    {
    }

    public OmniCancelledException(string message)
        : base(message)
    {
        Method = "?";
        Path = "?";
    }

    public OmniCancelledException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Method = "?";
        Path = "?";
    }

    public string Method { get; }

    public string Path { get; }

    /// <summary>Requests of this call that went out on the wire before the cancel (0: Omni saw nothing).</summary>
    public int RequestsSent { get; }

    /// <summary>A write was sent and its outcome is unknown: Omni may have applied it.</summary>
    public bool MayHaveBeenApplied { get; }

    private static string Compose(string method, string path, int sent, bool mayHaveBeenApplied) => (sent, mayHaveBeenApplied) switch
    {
        (0, _) => $"{method} {path} was cancelled before it was sent: Omni received nothing from this call.",
        (_, true) => $"{method} {path} was cancelled after {sent} request(s) had been sent without a certain outcome: Omni may have applied it.",
        _ => $"{method} {path} was cancelled after {sent} request(s), each answered without a change being applied.",
    };
}
