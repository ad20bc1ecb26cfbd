using System.Collections.Immutable;
using System.Reflection;
using Omni.Pulumi.Provider.Resources;
using Rpc = Pulumirpc;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>A registered resource type as the gRPC service sees it: wire in, wire out.</summary>
internal interface IResourceHandler : ITokenHandler
{
    string Description { get; }
    Type ArgsType { get; }
    Type StateType { get; }

    Task<Rpc.CheckResponse> CheckAsync(Rpc.CheckRequest request, CancellationToken cancellationToken);
    Rpc.DiffResponse Diff(Rpc.DiffRequest request);
    Task<Rpc.CreateResponse> CreateAsync(Rpc.CreateRequest request, CancellationToken cancellationToken);
    Task<Rpc.ReadResponse> ReadAsync(Rpc.ReadRequest request, CancellationToken cancellationToken);
    Task<Rpc.UpdateResponse> UpdateAsync(Rpc.UpdateRequest request, CancellationToken cancellationToken);
    Task DeleteAsync(Rpc.DeleteRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Adapts one <see cref="ICustomResource{TArgs,TState}"/> to the wire: decodes Structs, binds them to
/// the typed records, keeps secretness per top-level property (an output whose input was secret
/// stays secret), fills in unknowns for preview, and reports partial failures.
/// </summary>
internal sealed class ResourceHandler<TArgs, TState>(ICustomResource<TArgs, TState> resource) : IResourceHandler
    where TArgs : class, new()
    where TState : class, new()
{
    private readonly PulumiResourceAttribute _info = resource.GetType().GetCustomAttribute<PulumiResourceAttribute>()
        ?? throw new InvalidOperationException($"{resource.GetType().Name} has no [PulumiResource] attribute.");

    public string Token => _info.Token;
    public string Description => _info.Description;
    public Type ArgsType => typeof(TArgs);
    public Type StateType => typeof(TState);

    public async Task<Rpc.CheckResponse> CheckAsync(Rpc.CheckRequest request, CancellationToken cancellationToken)
    {
        var news = PropertyBinder.Bind<TArgs>(StructCodec.Decode(request.News));
        if (news.Failures.Count > 0)
        {
            // Type errors first: the typed checks below cannot run on values that did not bind.
            var typeErrors = new Rpc.CheckResponse { Inputs = request.News };
            typeErrors.Failures.AddRange(news.Failures.Select(f => new Rpc.CheckFailure { Property = f.Path, Reason = f.Reason }));
            return typeErrors;
        }

        var result = await resource.CheckAsync(new CheckRequest<TArgs>(request.Urn, Typed(news)), cancellationToken).ConfigureAwait(false);
        var response = new Rpc.CheckResponse
        {
            Inputs = StructCodec.Encode(PropertyBinder.Unbind(result.Inputs, news.Unknowns, news.SecretProperties)),
        };
        response.Failures.AddRange(result.Failures.Select(f => new Rpc.CheckFailure { Property = f.Property, Reason = f.Reason }));
        return response;
    }

    public Rpc.DiffResponse Diff(Rpc.DiffRequest request)
    {
        var olds = PropertyBinder.BindOrDefault<TState>(StructCodec.Decode(request.Olds)).Value;
        var oldInputs = request.OldInputs is null ? null : PropertyBinder.BindOrDefault<TArgs>(StructCodec.Decode(request.OldInputs)).Value;
        var news = PropertyBinder.Bind<TArgs>(StructCodec.Decode(request.News));
        ThrowOnBindFailures(news);
        var diff = resource.Diff(new DiffRequest<TArgs, TState>(request.Id, request.Urn, olds, oldInputs, Typed(news)));
        return DiffEncoder.Encode(diff);
    }

    public async Task<Rpc.CreateResponse> CreateAsync(Rpc.CreateRequest request, CancellationToken cancellationToken)
    {
        var news = PropertyBinder.Bind<TArgs>(StructCodec.Decode(request.Properties));
        ThrowOnBindFailures(news);
        var secrets = OutputSecrets(news.SecretProperties);
        CreateResult<TState> result;
        try
        {
            // Older engines leave CreateRequest.name empty; the URN always ends with the name.
            var name = string.IsNullOrEmpty(request.Name) ? Urn.NameOf(request.Urn) : request.Name;
            result = await resource.CreateAsync(new CreateRequest<TArgs>(request.Urn, name, Typed(news), request.Preview), cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInitFailedException failure)
        {
            throw new PartialFailureException(failure.Id, PropertyBinder.Unbind(failure.State, secretProperties: secrets), null, failure.Message, failure);
        }

        if (!request.Preview && string.IsNullOrEmpty(result.Id))
        {
            throw new InvalidOperationException($"{Token} Create returned no id; this is a provider bug.");
        }

        var unknowns = request.Preview ? news.Unknowns.Union(result.UnknownOutputs) : ImmutableHashSet<string>.Empty;
        return new Rpc.CreateResponse
        {
            Id = request.Preview ? "" : result.Id,
            Properties = StructCodec.Encode(PropertyBinder.Unbind(result.State, unknowns, secrets)),
        };
    }

    public async Task<Rpc.ReadResponse> ReadAsync(Rpc.ReadRequest request, CancellationToken cancellationToken)
    {
        // `pulumi import` sends properties as an empty Struct (not absent) and inputs unset or empty:
        // an empty Struct means "nothing known", so both forms reach the resource as null (import).
        var olds = IsEmpty(request.Properties) ? null : PropertyBinder.BindOrDefault<TState>(StructCodec.Decode(request.Properties));
        var oldInputs = IsEmpty(request.Inputs) ? null : PropertyBinder.BindOrDefault<TArgs>(StructCodec.Decode(request.Inputs));
        var result = await resource.ReadAsync(
            new ReadRequest<TArgs, TState>(request.Id, request.Urn, olds?.Value, oldInputs?.Value), cancellationToken).ConfigureAwait(false);

        var response = new Rpc.ReadResponse { Id = result.Id };
        if (result.State is not null)
        {
            response.Properties = StructCodec.Encode(PropertyBinder.Unbind(result.State, secretProperties: OutputSecrets(olds?.SecretProperties)));
        }

        if (result.Inputs is not null)
        {
            response.Inputs = StructCodec.Encode(PropertyBinder.Unbind(result.Inputs, secretProperties: oldInputs?.SecretProperties));
        }

        return response;
    }

    public async Task<Rpc.UpdateResponse> UpdateAsync(Rpc.UpdateRequest request, CancellationToken cancellationToken)
    {
        var olds = PropertyBinder.BindOrDefault<TState>(StructCodec.Decode(request.Olds));
        var oldInputs = request.OldInputs is null ? null : PropertyBinder.BindOrDefault<TArgs>(StructCodec.Decode(request.OldInputs)).Value;
        var news = PropertyBinder.Bind<TArgs>(StructCodec.Decode(request.News));
        ThrowOnBindFailures(news);
        var secrets = OutputSecrets(news.SecretProperties);
        UpdateResult<TState> result;
        try
        {
            result = await resource.UpdateAsync(
                new UpdateRequest<TArgs, TState>(request.Id, request.Urn, olds.Value, oldInputs, Typed(news), request.Preview), cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInitFailedException failure)
        {
            throw new PartialFailureException(failure.Id, PropertyBinder.Unbind(failure.State, secretProperties: secrets), null, failure.Message, failure);
        }

        var unknowns = request.Preview ? news.Unknowns.Union(result.UnknownOutputs) : ImmutableHashSet<string>.Empty;
        return new Rpc.UpdateResponse { Properties = StructCodec.Encode(PropertyBinder.Unbind(result.State, unknowns, secrets)) };
    }

    public Task DeleteAsync(Rpc.DeleteRequest request, CancellationToken cancellationToken)
    {
        var olds = PropertyBinder.BindOrDefault<TState>(StructCodec.Decode(request.Properties)).Value;
        return resource.DeleteAsync(new DeleteRequest<TState>(request.Id, request.Urn, olds), cancellationToken);
    }

    /// <summary>The outputs to mark secret: those whose input was secret, and those derived from one
    /// (<see cref="PulumiPropertyAttribute.SecretWith"/>).</summary>
    private static IReadOnlySet<string>? OutputSecrets(IReadOnlySet<string>? secretInputs) =>
        secretInputs is null or { Count: 0 }
            ? secretInputs
            : secretInputs.Union(DerivedOutputs.Where(d => secretInputs.Contains(d.From)).Select(d => d.Name)).ToImmutableHashSet(StringComparer.Ordinal);

    private static readonly IReadOnlyList<(string Name, string From)> DerivedOutputs =
        [.. PulumiProperties.Of(typeof(TState)).Where(p => p.Attribute.SecretWith is not null).Select(p => (p.Name, p.Attribute.SecretWith!))];

    private static bool IsEmpty(Google.Protobuf.WellKnownTypes.Struct? wire) => wire is null || wire.Fields.Count == 0;

    private static Typed<TArgs> Typed(Bound<TArgs> bound) => new(bound.Value, bound.Unknowns, bound.SecretProperties);

    /// <summary>Diff/Create/Update get inputs Check accepted; a value that does not bind here means
    /// Check was skipped (e.g. an engine without it), so the same failures are reported as an error.</summary>
    private static void ThrowOnBindFailures(Bound<TArgs> bound)
    {
        if (bound.Failures.Count > 0)
        {
            throw new ProviderFailureException(FailureKind.InvalidInput, string.Join(" ", bound.Failures.Select(f => f.Reason)));
        }
    }
}
