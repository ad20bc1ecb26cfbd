namespace Omni.Pulumi.Provider.Resources;

// What a resource sees of each lifecycle call: typed values, never protobuf. The protocol layer
// (Protocol/ResourceHandler) binds the wire to these and the results back.

/// <summary>Typed values with the paths that are not known yet (only in preview) and the top-level
/// properties whose input was secret (their values must never be echoed in a message).</summary>
internal sealed record Typed<T>(T Value, IReadOnlySet<string> Unknowns, IReadOnlySet<string> SecretProperties)
{
    public bool IsUnknown(string path) => Unknowns.Contains(path);

    public bool IsSecret(string property) => SecretProperties.Contains(property);

    public bool HasUnknownUnder(string path) => Unknowns.Any(u =>
        u == path || u.StartsWith(path + ".", StringComparison.Ordinal) || u.StartsWith(path + "[", StringComparison.Ordinal));
}

internal sealed record CheckFailure(string Property, string Reason);

internal sealed record CheckRequest<TArgs>(string Urn, Typed<TArgs> News);

internal sealed record CheckResult<TArgs>(TArgs Inputs, IReadOnlyList<CheckFailure> Failures);

internal sealed record DiffRequest<TArgs, TState>(string Id, string Urn, TState Olds, TArgs? OldInputs, Typed<TArgs> News);

internal enum ChangeKind { Add, Delete, Update }

/// <summary>One changed property path, e.g. <c>attributes.region</c>.</summary>
internal sealed record PropertyChange(string Path, ChangeKind Kind, bool Replaces = false);

internal sealed record DiffResult(IReadOnlyList<PropertyChange> Changes, bool DeleteBeforeReplace)
{
    public static readonly DiffResult None = new([], false);
}

internal sealed record CreateRequest<TArgs>(string Urn, string Name, Typed<TArgs> News, bool Preview);

/// <summary><paramref name="UnknownOutputs"/>: top-level outputs not known until the resource exists (preview).</summary>
internal sealed record CreateResult<TState>(string Id, TState State, IReadOnlySet<string> UnknownOutputs);

/// <summary>Olds and OldInputs are null on import, where only the id is known (the protocol layer
/// maps the engine's empty Structs to null, so an import is never mistaken for a refresh).</summary>
internal sealed record ReadRequest<TArgs, TState>(string Id, string Urn, TState? Olds, TArgs? OldInputs)
    where TArgs : class where TState : class
{
    public bool IsImport => Olds is null && OldInputs is null;
}

/// <summary>An empty id means the resource no longer exists.</summary>
internal sealed record ReadResult<TArgs, TState>(string Id, TState? State, TArgs? Inputs)
    where TArgs : class where TState : class
{
    public static ReadResult<TArgs, TState> Gone { get; } = new("", null, null);
}

internal sealed record UpdateRequest<TArgs, TState>(string Id, string Urn, TState Olds, TArgs? OldInputs, Typed<TArgs> News, bool Preview);

internal sealed record UpdateResult<TState>(TState State, IReadOnlySet<string> UnknownOutputs);

internal sealed record DeleteRequest<TState>(string Id, string Urn, TState Olds);

/// <summary>One custom resource's lifecycle on typed inputs (<typeparamref name="TArgs"/>) and
/// outputs (<typeparamref name="TState"/>); the schema is derived from both.</summary>
internal interface ICustomResource<TArgs, TState>
    where TArgs : class, new()
    where TState : class, new()
{
    Task<CheckResult<TArgs>> CheckAsync(CheckRequest<TArgs> request, CancellationToken cancellationToken);

    DiffResult Diff(DiffRequest<TArgs, TState> request);

    Task<CreateResult<TState>> CreateAsync(CreateRequest<TArgs> request, CancellationToken cancellationToken);

    Task<ReadResult<TArgs, TState>> ReadAsync(ReadRequest<TArgs, TState> request, CancellationToken cancellationToken);

    Task<UpdateResult<TState>> UpdateAsync(UpdateRequest<TArgs, TState> request, CancellationToken cancellationToken);

    Task DeleteAsync(DeleteRequest<TState> request, CancellationToken cancellationToken);
}
