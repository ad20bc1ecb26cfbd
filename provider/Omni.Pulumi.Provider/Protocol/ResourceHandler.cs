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
/// Adapts one resource to the wire: decodes Structs, binds them to the typed records, keeps secretness
/// per top-level property (an output whose input was secret stays secret), fills in unknowns for
/// preview, reports partial failures, and does from the records' metadata what the resource leaves out
/// (see Resources/ResourceContracts.cs). Optional operations are found by type tests, once.
/// </summary>
internal sealed class ResourceHandler<TArgs, TState> : IResourceHandler
    where TArgs : class, new()
    where TState : class, new()
{
    private readonly PulumiResourceAttribute _info;
    private readonly ICreate<TArgs, TState> _create;
    private readonly ICheck<TArgs>? _check;
    private readonly IDiff<TArgs, TState>? _diff;
    private readonly IRead<TArgs, TState>? _read;
    private readonly IUpdate<TArgs, TState>? _update;
    private readonly IDelete<TState>? _delete;

    public ResourceHandler(ICreate<TArgs, TState> resource)
    {
        _info = PulumiResourceAttribute.Of(resource.GetType());
        _create = resource;
        _check = resource as ICheck<TArgs>;
        _diff = resource as IDiff<TArgs, TState>;
        _read = resource as IRead<TArgs, TState>;
        _update = resource as IUpdate<TArgs, TState>;
        _delete = resource as IDelete<TState>;
    }

    public string Token => _info.Token;
    public string Description => _info.Description;
    public Type ArgsType => typeof(TArgs);
    public Type StateType => typeof(TState);

    public async Task<Rpc.CheckResponse> CheckAsync(Rpc.CheckRequest request, CancellationToken cancellationToken)
    {
        var news = PropertyBinder.Bind<TArgs>(StructCodec.Decode(request.News));
        if (news.Failures.Count > 0)
        {
            // Type errors first: the typed checks below cannot run on values that did not bind. The inputs
            // sent back are those that bound: a refused value is not echoed (it may be nested deeper than
            // the engine's client parses, or be what the failure is about).
            return CheckResponse(StructCodec.Encode(PropertyBinder.Unbind(news.Value, news.Unknowns, news.SecretProperties)), news.Failures);
        }

        var failures = DeclaredChecks.Apply(news);
        var inputs = news.Value;
        if (_check is not null)
        {
            var result = await _check.CheckAsync(new CheckRequest<TArgs>(request.Urn, news), cancellationToken).ConfigureAwait(false);
            inputs = result.Inputs;
            // A property that broke a declared rule is reported once, by that rule.
            failures.AddRange(result.Failures.Where(f => failures.All(d => d.Property != PropertyPath.TopLevel(f.Property))));
        }

        return CheckResponse(StructCodec.Encode(PropertyBinder.Unbind(inputs, news.Unknowns, news.SecretProperties)), failures);
    }

    public Rpc.DiffResponse Diff(Rpc.DiffRequest request)
    {
        var olds = PropertyBinder.BindOrDefault<TState>(StructCodec.Decode(request.Olds)).Value;
        var oldInputs = request.OldInputs is null ? null : PropertyBinder.BindOrDefault<TArgs>(StructCodec.Decode(request.OldInputs)).Value;
        var news = BindInputs(request.News);
        return DiffEncoder.Encode(Changes(request.Id, request.Urn, olds, oldInputs, news), _info.DeleteBeforeReplace);
    }

    /// <summary>The resource's Diff, or the declared one; without Update every change replaces.</summary>
    private IReadOnlyList<PropertyChange> Changes(string id, string urn, TState olds, TArgs? oldInputs, Bound<TArgs> news)
    {
        var declared = DeclaredDiff.Changes(olds, oldInputs, news, everyChangeReplaces: _update is null);
        var changes = _diff?.Diff(new DiffRequest<TArgs, TState>(id, urn, olds, oldInputs, news, declared)) ?? declared;
        return _update is null ? [.. changes.Select(c => c with { Replaces = true })] : changes;
    }

    public async Task<Rpc.CreateResponse> CreateAsync(Rpc.CreateRequest request, CancellationToken cancellationToken)
    {
        var news = BindInputs(request.Properties);
        var secrets = OutputSecrets(news.SecretProperties);
        CreateResult<TState> result;
        try
        {
            // Older engines leave CreateRequest.name empty; the URN always ends with the name.
            var name = string.IsNullOrEmpty(request.Name) ? Urn.NameOf(request.Urn) : request.Name;
            result = await _create.CreateAsync(new CreateRequest<TArgs>(request.Urn, name, news, request.Preview), cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInitFailedException failure)
        {
            throw new PartialFailureException(failure.Id, PropertyBinder.Unbind(failure.State, secretProperties: secrets), null, failure.Message, failure);
        }

        if (!request.Preview && string.IsNullOrEmpty(result.Id))
        {
            throw new InvalidOperationException($"{Token} Create returned no id; this is a provider bug.");
        }

        IReadOnlySet<string> unknowns = request.Preview ? news.Unknowns.Union(result.UnknownOutputs).ToImmutableHashSet(StringComparer.Ordinal) : ImmutableHashSet<string>.Empty;
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
        if (_read is null)
        {
            return olds is null && oldInputs is null
                ? throw new ProviderFailureException(FailureKind.InvalidInput, $"{Token} cannot be imported: the provider cannot read it from Omni.")
                : new Rpc.ReadResponse { Id = request.Id, Properties = request.Properties, Inputs = request.Inputs };
        }

        var result = await _read.ReadAsync(
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
        if (_update is null)
        {
            // Diff marks every change of such a resource as a replacement, so the engine never asks.
            throw new InvalidOperationException($"{Token} cannot be updated in place (every change replaces it); this is a provider bug.");
        }

        var olds = PropertyBinder.BindOrDefault<TState>(StructCodec.Decode(request.Olds));
        var oldInputs = request.OldInputs is null ? null : PropertyBinder.BindOrDefault<TArgs>(StructCodec.Decode(request.OldInputs)).Value;
        var news = BindInputs(request.News);
        var secrets = OutputSecrets(news.SecretProperties);
        var changes = Changes(request.Id, request.Urn, olds.Value, oldInputs, news);
        UpdateResult<TState> result;
        try
        {
            result = await _update.UpdateAsync(
                new UpdateRequest<TArgs, TState>(request.Id, request.Urn, olds.Value, oldInputs, news, request.Preview, changes), cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInitFailedException failure)
        {
            throw new PartialFailureException(failure.Id, PropertyBinder.Unbind(failure.State, secretProperties: secrets), null, failure.Message, failure);
        }

        IReadOnlySet<string> unknowns = request.Preview ? news.Unknowns.Union(result.UnknownOutputs).ToImmutableHashSet(StringComparer.Ordinal) : ImmutableHashSet<string>.Empty;
        return new Rpc.UpdateResponse { Properties = StructCodec.Encode(PropertyBinder.Unbind(result.State, unknowns, secrets)) };
    }

    public Task DeleteAsync(Rpc.DeleteRequest request, CancellationToken cancellationToken)
    {
        if (_delete is null)
        {
            return Task.CompletedTask; // nothing in Omni to remove: the engine forgets the resource
        }

        var olds = PropertyBinder.BindOrDefault<TState>(StructCodec.Decode(request.Properties)).Value;
        return _delete.DeleteAsync(new DeleteRequest<TState>(request.Id, request.Urn, olds), cancellationToken);
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

    private static Rpc.CheckResponse CheckResponse(Google.Protobuf.WellKnownTypes.Struct inputs, IEnumerable<CheckFailure> failures)
    {
        var response = new Rpc.CheckResponse { Inputs = inputs };
        response.Failures.AddRange(failures.Select(f => new Rpc.CheckFailure { Property = f.Property, Reason = f.Reason }));
        return response;
    }

    /// <summary>Diff/Create/Update get inputs Check accepted; a value that does not bind here means
    /// Check was skipped (e.g. an engine without it), so the same failures are reported as an error.</summary>
    private static Bound<TArgs> BindInputs(Google.Protobuf.WellKnownTypes.Struct wire)
    {
        var bound = PropertyBinder.Bind<TArgs>(StructCodec.Decode(wire));
        if (bound.Failures.Count > 0)
        {
            throw new ProviderFailureException(FailureKind.InvalidInput, string.Join(" ", bound.Failures.Select(f => f.Reason)));
        }

        return bound;
    }
}
