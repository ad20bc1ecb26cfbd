namespace Omni.Pulumi.Provider.Resources;

/// <summary>What the engine may assume after a failed operation.</summary>
internal enum FailureKind
{
    /// <summary>The inputs are wrong; nothing was sent or changed.</summary>
    InvalidInput,

    /// <summary>Omni refused the request or a precondition failed; nothing changed.</summary>
    NothingChanged,

    /// <summary>The outcome is not known (e.g. a timeout after the request was sent).</summary>
    OutcomeUnknown,
}

/// <summary>A failure a resource reports on purpose, with a message written for the user.</summary>
internal sealed class ProviderFailureException(FailureKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public FailureKind Kind { get; } = kind;
}

/// <summary>
/// The resource exists in Omni (created or adopted) but the operation failed afterwards: the engine
/// must keep <see cref="Id"/> and <see cref="State"/> in its state, or the user would be orphaned.
/// </summary>
internal sealed class ResourceInitFailedException(string id, object state, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Id { get; } = id;

    /// <summary>The outputs known so far, as the resource's state record.</summary>
    public object State { get; } = state;
}
