namespace Omni.Pulumi.Provider.Resources;

// What a resource sees of each lifecycle call: typed values, never protobuf and never engine paths.
// Only ICreate is required; the others are optional and found by a type test (`resource as IRead<,>`).
// What a resource leaves out, the framework does from the [PulumiProperty] metadata:
// - no ICheck: required, Default, AllowedValues and Pattern (these run before a resource's own Check too);
// - no IDiff: the declared inputs compared with the old state (ReplaceOnChanges, IgnoreCase, Unordered;
//   an unknown input is a change);
// - no IUpdate: every change replaces;
// - no IRead: refresh keeps the state as it is, and import is refused;
// - no IDelete: deleting forgets the resource.
// The protocol layer (Protocol/ResourceHandler) binds the wire to these and the results back.

/// <summary>The one required operation: make the resource exist (in preview, only say what it would be).</summary>
internal interface ICreate<TArgs, TState>
    where TArgs : class, new()
    where TState : class, new()
{
    Task<CreateResult<TState>> CreateAsync(CreateRequest<TArgs> request, CancellationToken cancellationToken);
}

/// <summary>Checks and normalises inputs beyond the declared rules (e.g. against Omni's definitions).</summary>
internal interface ICheck<TArgs>
    where TArgs : class, new()
{
    Task<CheckResult<TArgs>> CheckAsync(CheckRequest<TArgs> request, CancellationToken cancellationToken);
}

/// <summary>Decides the changes where the declared comparison is not enough; starts from
/// <see cref="DiffRequest{TArgs,TState}.DeclaredChanges"/>.</summary>
internal interface IDiff<TArgs, TState>
    where TArgs : class, new()
    where TState : class, new()
{
    IReadOnlyList<PropertyChange> Diff(DiffRequest<TArgs, TState> request);
}

internal interface IRead<TArgs, TState>
    where TArgs : class, new()
    where TState : class, new()
{
    Task<ReadResult<TArgs, TState>> ReadAsync(ReadRequest<TArgs, TState> request, CancellationToken cancellationToken);
}

internal interface IUpdate<TArgs, TState>
    where TArgs : class, new()
    where TState : class, new()
{
    Task<UpdateResult<TState>> UpdateAsync(UpdateRequest<TArgs, TState> request, CancellationToken cancellationToken);
}

internal interface IDelete<TState>
    where TState : class, new()
{
    Task DeleteAsync(DeleteRequest<TState> request, CancellationToken cancellationToken);
}

internal sealed record CheckRequest<TArgs>(string Urn, Bound<TArgs> News);

internal sealed record CheckResult<TArgs>(TArgs Inputs, IReadOnlyList<CheckFailure> Failures);

/// <param name="DeclaredChanges">What the framework's own diff found (declared inputs against the old state).</param>
internal sealed record DiffRequest<TArgs, TState>(string Id, string Urn, TState Olds, TArgs? OldInputs, Bound<TArgs> News,
    IReadOnlyList<PropertyChange> DeclaredChanges)
{
    /// <summary>The declared changes but those of <paramref name="property"/> (and under it), for a
    /// resource that compares that one property itself.</summary>
    public IEnumerable<PropertyChange> DeclaredChangesExcept<TValue>(System.Linq.Expressions.Expression<Func<TArgs, TValue>> property)
    {
        var name = Property.NameOf(property);
        return DeclaredChanges.Where(c => PropertyPath.TopLevel(c.Path) != name);
    }
}

internal enum ChangeKind { Add, Delete, Update }

/// <summary>One changed property path, e.g. <c>attributes.region</c>.</summary>
internal sealed record PropertyChange(string Path, ChangeKind Kind, bool Replaces = false);

internal sealed record CreateRequest<TArgs>(string Urn, string Name, Bound<TArgs> News, bool Preview);

/// <summary>The new resource. <see cref="UnknownOutputs"/>: top-level outputs not known until it exists
/// (preview), e.g. <c>Property.Names&lt;UserState&gt;(s =&gt; s.Emails, s =&gt; s.Created)</c>.</summary>
internal sealed record CreateResult<TState>(string Id, TState State)
{
    public IReadOnlySet<string> UnknownOutputs { get; init; } = new HashSet<string>();
}

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

/// <param name="Changes">The changes Diff found (the resource's own, or the framework's).</param>
internal sealed record UpdateRequest<TArgs, TState>(string Id, string Urn, TState Olds, TArgs? OldInputs, Bound<TArgs> News, bool Preview,
    IReadOnlyList<PropertyChange> Changes);

/// <summary>The updated resource; <see cref="UnknownOutputs"/> as in <see cref="CreateResult{TState}"/>.</summary>
internal sealed record UpdateResult<TState>(TState State)
{
    public IReadOnlySet<string> UnknownOutputs { get; init; } = new HashSet<string>();
}

internal sealed record DeleteRequest<TState>(string Id, string Urn, TState Olds);
