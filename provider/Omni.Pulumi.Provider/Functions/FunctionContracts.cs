using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Functions;

// What a function sees of an Invoke: typed args in, a typed result or failures out, never protobuf.
// The protocol layer (Protocol/FunctionHandler) binds the wire to these and the result back.

/// <summary>Marks a function implementation with its token (<c>omni:index:getUser</c>) and documentation.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class PulumiFunctionAttribute(string token) : Attribute
{
    public string Token { get; } = token;

    public required string Description { get; init; }
}

/// <summary>The args of a function that takes none: the schema then has no <c>inputs</c>.</summary>
internal sealed record NoArgs;

/// <summary><paramref name="Preview"/>: the engine is previewing; functions are reads, so they still read.</summary>
internal sealed record FunctionRequest<TArgs>(Bound<TArgs> Args, bool Preview);

/// <summary>Either a value or the failures that explain, per arg, why there is none.</summary>
internal sealed record FunctionResult<TResult>(TResult? Value, IReadOnlyList<CheckFailure> Failures)
    where TResult : class
{
    public static FunctionResult<TResult> Of(TResult value) => new(value, []);

    public static FunctionResult<TResult> Fail(string arg, string reason) => new(null, [new CheckFailure(arg, reason)]);

    public static FunctionResult<TResult> Fail(IReadOnlyList<CheckFailure> failures) => new(null, failures);
}

/// <summary>One provider function on typed args (<typeparamref name="TArgs"/>) and result
/// (<typeparamref name="TResult"/>); the schema's <c>functions</c> entry is derived from both.</summary>
internal interface IProviderFunction<TArgs, TResult>
    where TArgs : class, new()
    where TResult : class
{
    Task<FunctionResult<TResult>> InvokeAsync(FunctionRequest<TArgs> request, CancellationToken cancellationToken);
}
