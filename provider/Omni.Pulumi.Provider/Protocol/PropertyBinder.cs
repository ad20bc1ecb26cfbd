using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>
/// Binds <see cref="PropertyValue"/>s to records annotated with <c>[PulumiProperty]</c> and back.
/// Secrets are unwrapped (and remembered per top-level property), unknowns are skipped (and their
/// paths remembered), and a value of the wrong type becomes a failure naming its path.
/// </summary>
internal static class PropertyBinder
{
    private static readonly object Skip = new();

    /// <param name="lenientScalars">Accept "60" for a number and "true" for a bool: Pulumi config is
    /// stringly typed, so provider config arrives that way.</param>
    public static Bound<T> Bind<T>(ObjectValue value, bool lenientScalars = false) where T : class, new()
    {
        var context = new BindContext(lenientScalars);
        var result = (T)BindObject(value, typeof(T), "", context, checkRequired: true, static () => new T());
        return new Bound<T>(result, context.Unknowns.ToImmutableHashSet(StringComparer.Ordinal), context.Secrets.ToImmutableHashSet(StringComparer.Ordinal), context.Failures);
    }

    /// <summary>Binds leniently where a value may be absent (olds of a resource that predates a
    /// property): failures are ignored, missing values keep their defaults.</summary>
    public static Bound<T> BindOrDefault<T>(ObjectValue? value) where T : class, new() =>
        value is null ? new Bound<T>(new T(), ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, []) : Bind<T>(value) with { Failures = [] };

    public static ObjectValue Unbind(object record, IReadOnlySet<string>? unknowns = null, IReadOnlySet<string>? secretProperties = null)
    {
        var properties = new List<KeyValuePair<string, PropertyValue>>();
        foreach (var info in PulumiProperties.Of(record.GetType()))
        {
            PropertyValue? value = unknowns?.Contains(info.Name) == true
                ? new UnknownValue(UnknownKindOf(info.Shape))
                : UnbindValue(info.GetValue(record), info.Name, unknowns, info.Shape);
            if (value is null)
            {
                continue;
            }

            var secret = info.Attribute.Secret || secretProperties?.Contains(info.Name) == true;
            properties.Add(KeyValuePair.Create(info.Name, secret ? new SecretValue(value) : value));
        }

        return ObjectValue.From(properties);
    }

    /// <summary>The sentinel of the property's own type, so an unknown list reads as an unknown list.</summary>
    private static UnknownKind UnknownKindOf(PulumiShape shape) => shape.Underlying.Kind switch
    {
        ShapeKind.Bool => UnknownKind.Bool,
        ShapeKind.Int or ShapeKind.Long or ShapeKind.Double or ShapeKind.Decimal => UnknownKind.Number,
        ShapeKind.Dictionary or ShapeKind.Object => UnknownKind.Object,
        ShapeKind.List => UnknownKind.Array,
        _ => UnknownKind.Any,
    };

    /// <summary>A plain .NET value (string, bool, number, list, dictionary, annotated record) as a property value; null stays absent.
    /// <paramref name="shape"/> (the declared shape, when known) carries converted values (a property's <c>ValueConverter</c>) as their plain form.</summary>
    public static PropertyValue? UnbindValue(object? value, string path = "", IReadOnlySet<string>? unknowns = null, PulumiShape? shape = null)
    {
        var declared = shape?.Underlying;
        if (value is not null && declared?.Kind == ShapeKind.Converted)
        {
            return UnbindValue(declared.ToPlain!(value), path, unknowns);
        }

        var element = declared?.Kind is ShapeKind.List or ShapeKind.Dictionary ? declared.Element : null;
        return UnbindPlain(value, path, unknowns, element);
    }

    private static PropertyValue? UnbindPlain(object? value, string path, IReadOnlySet<string>? unknowns, PulumiShape? element) => value switch
    {
        null => null,
        string s => new StringValue(s),
        bool b => new BoolValue(b),
        int i => new NumberValue(i),
        long l => new NumberValue(l),
        double d => new NumberValue(d),
        decimal m => new NumberValue((double)m),
        PropertyValue p => p,
        IDictionary dictionary => UnbindDictionary(dictionary, path, unknowns, element),
        IEnumerable items => new ArrayValue([.. items.Cast<object?>().Select((item, i) => UnbindValue(item, PropertyPath.Index(path, i), unknowns, element) ?? PropertyValue.Null)]),
        _ when PulumiProperties.IsPulumiObject(value.GetType()) => Unbind(value),
        _ => throw new ArgumentException($"Cannot encode a {value.GetType().Name} at '{path}'.", nameof(value)),
    };

    private static ObjectValue UnbindDictionary(IDictionary dictionary, string path, IReadOnlySet<string>? unknowns, PulumiShape? element)
    {
        var entries = new Dictionary<string, PropertyValue>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            var key = (string)entry.Key;
            entries[key] = UnbindValue(entry.Value, PropertyPath.Child(path, key), unknowns, element) ?? PropertyValue.Null;
        }

        // An entry that was unknown on the way in was skipped by Bind; it goes out unknown again,
        // whatever its key looks like (attributes.level or attributes["cost-center"]).
        foreach (var key in PropertyPath.ChildKeys(path, unknowns ?? ImmutableHashSet<string>.Empty))
        {
            entries.TryAdd(key, new UnknownValue());
        }

        return ObjectValue.From(entries);
    }

    /// <param name="create">How to create a record the generator knows nothing of (one without properties, e.g. a function's empty args).</param>
    private static object BindObject(ObjectValue value, Type type, string path, BindContext context, bool checkRequired, Func<object>? create = null)
    {
        var record = PulumiProperties.RecordOf(type);
        var result = record?.Create?.Invoke() ?? create?.Invoke() ?? throw new InvalidOperationException($"{type.Name} has no parameterless constructor to bind ('{path}').");
        foreach (var info in record?.Properties ?? [])
        {
            var propertyPath = PropertyPath.Child(path, info.Name);
            var wire = value[info.Name];
            if (wire is null or NullValue)
            {
                if (checkRequired && info.Attribute.Required)
                {
                    context.Fail(propertyPath, $"'{propertyPath}' is required.");
                }

                continue;
            }

            var bound = BindValue(wire, info.Shape, propertyPath, context);
            if (!ReferenceEquals(bound, Skip))
            {
                info.SetValue(result, bound);
            }
        }

        return result;
    }

    private static object? BindValue(PropertyValue wire, PulumiShape target, string path, BindContext context)
    {
        while (true)
        {
            switch (wire)
            {
                case SecretValue secret:
                    context.Secrets.Add(PropertyPath.TopLevel(path));
                    wire = secret.Value;
                    continue;
                case OutputValue output:
                    if (output.IsSecret)
                    {
                        context.Secrets.Add(PropertyPath.TopLevel(path));
                    }

                    if (output.Value is null)
                    {
                        context.Unknowns.Add(path);
                        return Skip;
                    }

                    wire = output.Value;
                    continue;
                case UnknownValue:
                    context.Unknowns.Add(path);
                    return Skip;
                case ResourceReferenceValue reference:
                    // A reference stands for its id (or URN for a component), as the engine sends it to
                    // providers that do not accept references.
                    if (reference.Id is UnknownValue)
                    {
                        context.Unknowns.Add(path);
                        return Skip;
                    }

                    wire = reference.Id is StringValue { Value.Length: > 0 } id ? id : new StringValue(reference.Urn);
                    continue;
            }

            break;
        }

        if (target.Kind == ShapeKind.Nullable)
        {
            return wire is NullValue ? null : BindValue(wire, target.Element!, path, context);
        }

        if (wire is NullValue)
        {
            return target.IsValueType ? Skip : null;
        }

        switch (target.Kind)
        {
            case ShapeKind.Any:
                return BindAny(wire, path, context);
            case ShapeKind.String:
                return wire is StringValue text ? text.Value : context.Mismatch(path, "a string", wire);
            case ShapeKind.Bool:
                return wire switch
                {
                    BoolValue b => b.Value,
                    StringValue s when context.LenientScalars && bool.TryParse(s.Value, out var parsed) => parsed,
                    _ => context.Mismatch(path, "a boolean (true or false)", wire),
                };
            case ShapeKind.Double:
                return Number(wire, context) is { } number ? number : context.Mismatch(path, "a number", wire);
            case ShapeKind.Int:
                return Number(wire, context) is { } d && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue
                    ? (int)d
                    : context.Mismatch(path, "a whole number", wire);
            case ShapeKind.Long:
                return Number(wire, context) is { } l && l == Math.Floor(l) && l is >= long.MinValue and <= long.MaxValue
                    ? (long)l
                    : context.Mismatch(path, "a whole number", wire);
            case ShapeKind.Decimal:
                return Number(wire, context) is { } m ? (decimal)m : context.Mismatch(path, "a number", wire);
            case ShapeKind.Dictionary:
                return wire is ObjectValue obj ? BindDictionary(obj, target, path, context) : context.Mismatch(path, "an object (a map of names to values)", wire);
            case ShapeKind.List:
                return wire is ArrayValue array ? BindList(array, target, path, context) : context.Mismatch(path, "a list", wire);
            case ShapeKind.Object:
                return wire is ObjectValue record ? BindObject(record, target.Type, path, context, checkRequired: true) : context.Mismatch(path, "an object", wire);
            case ShapeKind.Converted:
                return BindConverted(wire, target, path, context);
            default:
                throw new InvalidOperationException($"The binder cannot bind to {target.Type.Name} ('{path}').");
        }
    }

    private static double? Number(PropertyValue wire, BindContext context) => wire switch
    {
        NumberValue n => n.Value,
        StringValue s when context.LenientScalars && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static object BindDictionary(ObjectValue obj, PulumiShape target, string path, BindContext context)
    {
        var dictionary = target.CreateDictionary!();
        foreach (var (key, item) in obj.Properties)
        {
            var entryPath = PropertyPath.Child(path, key);
            if (item.ContainsUnknowns)
            {
                // A map entry with anything unknown inside (e.g. a list holding one unknown) is
                // wholly unknown: a partly known value would be checked, or sent, as if complete.
                context.Unknowns.Add(entryPath);
                if (item.ContainsSecrets)
                {
                    context.Secrets.Add(PropertyPath.TopLevel(entryPath));
                }

                continue;
            }

            var bound = BindValue(item, target.Element!, entryPath, context);
            if (!ReferenceEquals(bound, Skip))
            {
                dictionary[key] = bound;
            }
        }

        return dictionary;
    }

    private static object BindList(ArrayValue array, PulumiShape target, string path, BindContext context)
    {
        if (array.ContainsUnknowns)
        {
            // Likewise a list with an unknown item: its length and content are not known yet.
            context.Unknowns.Add(path);
            if (array.ContainsSecrets)
            {
                context.Secrets.Add(PropertyPath.TopLevel(path));
            }

            return Skip;
        }

        var list = target.CreateList!();
        for (var i = 0; i < array.Items.Length; i++)
        {
            var bound = BindValue(array.Items[i], target.Element!, PropertyPath.Index(path, i), context);
            list.Add(ReferenceEquals(bound, Skip) ? null : bound);
        }

        return list;
    }

    private static object? BindConverted(PropertyValue wire, PulumiShape target, string path, BindContext context)
    {
        var plain = BindAny(wire, path, context);
        if (ReferenceEquals(plain, Skip))
        {
            return Skip;
        }

        try
        {
            return target.FromPlain!(plain);
        }
        catch (ArgumentException e)
        {
            // The converter's message completes "'path' ..." with the rule and the fix, never the value (it may be a secret).
            context.Fail(path, $"'{path}' {e.Message}");
            return Skip;
        }
    }

    /// <summary>An untyped value as plain .NET: string, double, bool, null, lists and string-keyed dictionaries.</summary>
    private static object? BindAny(PropertyValue wire, string path, BindContext context) => wire switch
    {
        StringValue s => s.Value,
        NumberValue n => n.Value,
        BoolValue b => b.Value,
        ArrayValue a => BindValue(a, PulumiShape.AnyList, path, context),
        ObjectValue o => BindValue(o, PulumiShape.AnyDictionary, path, context),
        _ => context.Mismatch(path, "a plain value (string, number, boolean, list or object)", wire),
    };

    private static string Describe(PropertyValue value) => value switch
    {
        StringValue s => $"the string \"{s.Value}\"",
        NumberValue n => $"the number {n.Value.ToString(CultureInfo.InvariantCulture)}",
        BoolValue b => b.Value ? "true" : "false",
        ArrayValue => "a list",
        ObjectValue => "an object",
        _ => value.GetType().Name,
    };

    private sealed class BindContext(bool lenientScalars)
    {
        public bool LenientScalars { get; } = lenientScalars;
        public HashSet<string> Unknowns { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Secrets { get; } = new(StringComparer.Ordinal);
        public List<CheckFailure> Failures { get; } = [];

        public void Fail(string path, string reason) => Failures.Add(new CheckFailure(path, reason));

        public object Mismatch(string path, string expected, PropertyValue actual)
        {
            // Secret values are never echoed: the failure names the type only.
            Fail(path, $"'{path}' must be {expected}, not {(Secrets.Contains(PropertyPath.TopLevel(path)) ? "a secret value of another type" : Describe(actual))}.");
            return Skip;
        }
    }
}
