namespace Omni.Client.Transport;

/// <summary>
/// TotalTimeout for one logical call: every request, rate-limit wait, retry and back-off inside it draws from
/// the same deadline. A create (POST, lookups, resends) shares one budget, so TotalTimeout bounds all of it.
/// </summary>
internal sealed class CallBudget : IDisposable
{
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _linked;

    public CallBudget(TimeSpan totalTimeout, TimeProvider time, CancellationToken callerToken)
    {
        Total = totalTimeout;
        CallerToken = callerToken;
        _deadline = new CancellationTokenSource(totalTimeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _deadline.Token);
    }

    public TimeSpan Total { get; }

    /// <summary>The caller's own token: when it is cancelled, the caller gets an OperationCanceledException.</summary>
    public CancellationToken CallerToken { get; }

    /// <summary>
    /// Cancelled only when the deadline passes: a write already on the wire is awaited under it (and its attempt
    /// timeout) even after the caller cancels, so its answer is not lost.
    /// </summary>
    public CancellationToken DeadlineToken => _deadline.Token;

    /// <summary>Cancelled when the caller cancels or the deadline passes.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>The deadline passed and the caller did not cancel: the failure is a timeout, reported as such.</summary>
    public bool Expired => _deadline.IsCancellationRequested && !CallerToken.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _deadline.Dispose();
    }
}
