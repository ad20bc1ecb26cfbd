namespace Omni.Pulumi.Provider.Resources;

/// <summary>
/// Marks a property of an args/state record as a Pulumi property. The schema, the wire binding and
/// the SDK docs are all derived from these attributes, so the record is the single source of truth.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
internal sealed class PulumiPropertyAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>Becomes the SDK doc comment and IntelliSense text.</summary>
    public required string Description { get; init; }

    /// <summary>Required input (in args) or always-present output (in state).</summary>
    public bool Required { get; init; }

    public bool Secret { get; init; }

    /// <summary>An output derived from another property (e.g. <c>members</c> from <c>memberIds</c>): it is
    /// secret whenever that property's input is, so a secret input never comes back in plain text.</summary>
    public string? SecretWith { get; init; }

    /// <summary>A default the provider applies in Check; documented in the schema.</summary>
    public object? Default { get; init; }

    /// <summary>Environment variables read when the property is not set (provider config).</summary>
    public string[]? EnvironmentFallbacks { get; init; }

    /// <summary>Tells SDK docs that a change replaces the resource (our Diff decides).</summary>
    public bool WillReplaceOnChanges { get; init; }
}

/// <summary>Marks a resource implementation with its type token and documentation.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class PulumiResourceAttribute(string token) : Attribute
{
    public string Token { get; } = token;

    public required string Description { get; init; }
}

/// <summary>Marks a record used as a nested object type in the schema.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class PulumiTypeAttribute(string token) : Attribute
{
    public string Token { get; } = token;

    public required string Description { get; init; }
}
