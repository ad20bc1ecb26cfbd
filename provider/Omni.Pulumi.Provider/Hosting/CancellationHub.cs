namespace Omni.Pulumi.Provider.Hosting;

/// <summary>
/// Cancel from the engine means "stop everything": every call links its token to this one, and
/// once cancelled it stays cancelled (the engine shuts the plugin down next). Idempotent.
/// </summary>
internal sealed class CancellationHub : IDisposable
{
    private readonly CancellationTokenSource _all = new();

    public CancellationTokenSource Link(CancellationToken callToken) => CancellationTokenSource.CreateLinkedTokenSource(callToken, _all.Token);

    public void CancelAll()
    {
        try
        {
            _all.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Shutting down already: nothing left to cancel.
        }
    }

    public void Dispose() => _all.Dispose();
}
