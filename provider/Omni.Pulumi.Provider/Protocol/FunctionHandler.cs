using System.Collections.Immutable;
using System.Reflection;
using Omni.Pulumi.Provider.Functions;
using Omni.Pulumi.Provider.Resources;
using Rpc = Pulumirpc;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>A registered function as the gRPC service sees it: wire in, wire out.</summary>
internal interface IFunctionHandler : ITokenHandler
{
    string Description { get; }
    Type ArgsType { get; }
    Type ResultType { get; }

    Task<Rpc.InvokeResponse> InvokeAsync(Rpc.InvokeRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Adapts one <see cref="IProviderFunction{TArgs,TResult}"/> to Invoke: binds <c>args</c> to the
/// typed record (an unexpected or ill-typed arg is a failure naming it), and the typed result to
/// <c>return</c>. Failures travel in <c>InvokeResponse.failures</c>, as the engine expects of a
/// function that was called wrongly or found nothing.
/// </summary>
internal sealed class FunctionHandler<TArgs, TResult>(IProviderFunction<TArgs, TResult> function) : IFunctionHandler
    where TArgs : class, new()
    where TResult : class
{
    private readonly PulumiFunctionAttribute _info = function.GetType().GetCustomAttribute<PulumiFunctionAttribute>()
        ?? throw new InvalidOperationException($"{function.GetType().Name} has no [PulumiFunction] attribute.");

    public string Token => _info.Token;
    public string Description => _info.Description;
    public Type ArgsType => typeof(TArgs);
    public Type ResultType => typeof(TResult);

    public async Task<Rpc.InvokeResponse> InvokeAsync(Rpc.InvokeRequest request, CancellationToken cancellationToken)
    {
        var wire = StructCodec.Decode(request.Args);
        var args = PropertyBinder.Bind<TArgs>(wire);
        var failures = UnexpectedArgs(wire).Concat(args.Failures).ToList();
        if (failures.Count > 0)
        {
            return Failed(failures);
        }

        if (args.Unknowns.Count > 0)
        {
            // Programs wait for their args before invoking, so this is rare: in preview the result is
            // not known either; outside preview there is nothing sensible to read.
            return request.Preview
                ? new Rpc.InvokeResponse { Return = StructCodec.Encode(AllUnknown()) }
                : Failed([.. args.Unknowns.Order(StringComparer.Ordinal).Select(u => new CheckFailure(u, $"'{u}' is not known yet, so {Token} cannot run."))]);
        }

        var result = await function.InvokeAsync(
            new FunctionRequest<TArgs>(args, request.Preview), cancellationToken).ConfigureAwait(false);
        if (result.Failures.Count > 0 || result.Value is null)
        {
            return Failed(result.Failures.Count > 0 ? result.Failures : [new CheckFailure(FirstArgOrToken(), $"{Token} returned nothing; this is a provider bug.")]);
        }

        // What was read with a secret arg is secret too.
        var secrets = args.SecretProperties.Count == 0 ? null : PulumiProperties.Of(typeof(TResult)).Select(p => p.Name).ToImmutableHashSet(StringComparer.Ordinal);
        return new Rpc.InvokeResponse { Return = StructCodec.Encode(PropertyBinder.Unbind(result.Value, secretProperties: secrets)) };
    }

    private IEnumerable<CheckFailure> UnexpectedArgs(ObjectValue wire)
    {
        var known = PulumiProperties.Of(typeof(TArgs)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var expected = known.Count == 0 ? "it takes no args" : "it takes " + string.Join(", ", known.Order(StringComparer.Ordinal).Select(n => $"'{n}'"));
        return wire.Properties.Keys
            .Where(key => !known.Contains(key))
            .Select(key => new CheckFailure(key, $"{Token} has no arg '{key}': {expected}."));
    }

    /// <summary>A failure names a property: the function's first arg, or its token when it takes none.</summary>
    private string FirstArgOrToken() => PulumiProperties.Of(typeof(TArgs)).FirstOrDefault()?.Name ?? Token;

    private static ObjectValue AllUnknown() =>
        ObjectValue.From(PulumiProperties.Of(typeof(TResult)).Select(p => KeyValuePair.Create<string, PropertyValue>(p.Name, new UnknownValue())));

    private static Rpc.InvokeResponse Failed(IEnumerable<CheckFailure> failures)
    {
        var response = new Rpc.InvokeResponse();
        response.Failures.AddRange(failures.Select(f => new Rpc.CheckFailure { Property = f.Property, Reason = f.Reason }));
        return response;
    }
}
