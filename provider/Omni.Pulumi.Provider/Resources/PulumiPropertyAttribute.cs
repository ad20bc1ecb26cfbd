using System.Reflection;

namespace Omni.Pulumi.Provider.Resources;

/// <summary>
/// Marks a property of an args/state record as a Pulumi property. The schema, the wire binding, the
/// checks and the diff a resource gets without writing them are all derived from these attributes, so
/// the record is the single source of truth. Only named arguments: code generators copy them as written.
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

    /// <summary>The value an input takes when it is not set: applied by the framework's Check and
    /// documented in the schema.</summary>
    public object? Default { get; init; }

    /// <summary>Environment variables read when the property is not set (provider config).</summary>
    public string[]? EnvironmentFallbacks { get; init; }

    /// <summary>A change of this input replaces the resource (the framework's Diff, and the schema's
    /// <c>willReplaceOnChanges</c>).</summary>
    public bool ReplaceOnChanges { get; init; }

    /// <summary>Strings that differ only in letter case are the same value (the framework's Diff).</summary>
    public bool IgnoreCase { get; init; }

    /// <summary>A list whose order means nothing: compared as a set (the framework's Diff).</summary>
    public bool Unordered { get; init; }

    /// <summary>The only values a string input may take (the framework's Check).</summary>
    public string[]? AllowedValues { get; init; }

    /// <summary>A regular expression a string input must match (the framework's Check); say what it
    /// means in <see cref="PatternMessage"/>.</summary>
    public string? Pattern { get; init; }

    /// <summary>The rule behind <see cref="Pattern"/> and its fix, completing "'name' ...", e.g.
    /// "must be the user's email address, e.g. alice@example.com".</summary>
    public string? PatternMessage { get; init; }

    /// <summary>
    /// A static class that carries a value type the binder does not know (e.g. Omni's <c>AttributeValue</c>) as a
    /// plain value (string, number, bool, list, map): <c>public static T? FromPlain(object? plain)</c>, throwing
    /// <see cref="ArgumentException"/> with the fix for a value it cannot take, and <c>public static object? ToPlain(T value)</c>.
    /// It applies to the property's value, or to its items when the property is a list or a map. The schema type is Any.
    /// </summary>
    public Type? ValueConverter { get; init; }
}

/// <summary>Marks a resource implementation with its type token and documentation.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class PulumiResourceAttribute(string token) : Attribute
{
    public string Token { get; } = token;

    public required string Description { get; init; }

    /// <summary>A replacement deletes the old resource before creating the new one (e.g. a unique key
    /// such as a user's email would collide); otherwise the new one is created first.</summary>
    public bool DeleteBeforeReplace { get; init; }

    /// <summary>The attribute of a resource class, the one place its type token is written.</summary>
    public static PulumiResourceAttribute Of(Type resourceType) =>
        resourceType.GetCustomAttribute<PulumiResourceAttribute>()
        ?? throw new InvalidOperationException($"{resourceType.Name} has no [PulumiResource] attribute.");
}

/// <summary>Marks a record used as a nested object type in the schema.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class PulumiTypeAttribute(string token) : Attribute
{
    public string Token { get; } = token;

    public required string Description { get; init; }
}
