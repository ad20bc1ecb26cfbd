using System.Collections;

namespace Omni.Pulumi.Provider.Protocol;

internal enum ShapeKind
{
    String,
    Bool,
    Int,
    Long,
    Double,
    Decimal,

    /// <summary>A plain value of any kind (<c>object</c>): string, number, bool, list or map.</summary>
    Any,
    Nullable,
    List,
    Dictionary,

    /// <summary>A record with [PulumiProperty] properties (see <see cref="PulumiProperties.RecordOf"/>).</summary>
    Object,

    /// <summary>A type carried as a plain value by the property's <c>ValueConverter</c> (schema type Any).</summary>
    Converted,
}

/// <summary>
/// What a property's value is, as the binder and the schema need it: its kind, its CLR type, the
/// shape of its items (lists, maps, nullables) and how to create an empty list or map of the right
/// element type. The source generator writes these for every record, so nothing is discovered by
/// reflection at run time (no <c>MakeGenericType</c>, no <c>Activator</c>).
/// </summary>
internal sealed class PulumiShape
{
    private PulumiShape(ShapeKind kind, Type type, PulumiShape? element = null, Func<IList>? createList = null, Func<IDictionary>? createDictionary = null,
        Func<object?, object?>? fromPlain = null, Func<object, object?>? toPlain = null)
    {
        FromPlain = fromPlain;
        ToPlain = toPlain;
        Kind = kind;
        Type = type;
        Element = element;
        CreateList = createList;
        CreateDictionary = createDictionary;
    }

    public ShapeKind Kind { get; }

    public Type Type { get; }

    /// <summary>The item shape of a list, the value shape of a map, the underlying shape of a nullable.</summary>
    public PulumiShape? Element { get; }

    public Func<IList>? CreateList { get; }

    public Func<IDictionary>? CreateDictionary { get; }

    /// <summary>A <see cref="ShapeKind.Converted"/> value from its plain form; throws <see cref="ArgumentException"/> with the fix.</summary>
    public Func<object?, object?>? FromPlain { get; }

    /// <summary>A <see cref="ShapeKind.Converted"/> value's plain form (string, number, bool, list, map).</summary>
    public Func<object, object?>? ToPlain { get; }

    public bool IsValueType => Kind is ShapeKind.Bool or ShapeKind.Int or ShapeKind.Long or ShapeKind.Double or ShapeKind.Decimal;

    public static PulumiShape String { get; } = new(ShapeKind.String, typeof(string));
    public static PulumiShape Bool { get; } = new(ShapeKind.Bool, typeof(bool));
    public static PulumiShape Int { get; } = new(ShapeKind.Int, typeof(int));
    public static PulumiShape Long { get; } = new(ShapeKind.Long, typeof(long));
    public static PulumiShape Double { get; } = new(ShapeKind.Double, typeof(double));
    public static PulumiShape Decimal { get; } = new(ShapeKind.Decimal, typeof(decimal));
    public static PulumiShape Any { get; } = new(ShapeKind.Any, typeof(object));

    /// <summary>An untyped list (<c>IReadOnlyList&lt;object&gt;</c>), as <see cref="Any"/> binds an array.</summary>
    public static PulumiShape AnyList { get; } = ListOf(typeof(IReadOnlyList<object>), Any, static () => new List<object>());

    /// <summary>An untyped map (<c>IReadOnlyDictionary&lt;string, object&gt;</c>), as <see cref="Any"/> binds an object.</summary>
    public static PulumiShape AnyDictionary { get; } = DictionaryOf(typeof(IReadOnlyDictionary<string, object>), Any, static () => new Dictionary<string, object>(StringComparer.Ordinal));

    public static PulumiShape NullableOf(Type type, PulumiShape underlying) => new(ShapeKind.Nullable, type, underlying);

    public static PulumiShape ListOf(Type type, PulumiShape item, Func<IList> create) => new(ShapeKind.List, type, item, createList: create);

    public static PulumiShape DictionaryOf(Type type, PulumiShape value, Func<IDictionary> create) => new(ShapeKind.Dictionary, type, value, createDictionary: create);

    public static PulumiShape ObjectOf(Type type) => new(ShapeKind.Object, type);

    public static PulumiShape ConvertedOf(Type type, Func<object?, object?> fromPlain, Func<object, object?> toPlain) =>
        new(ShapeKind.Converted, type, fromPlain: fromPlain, toPlain: toPlain);

    /// <summary>The shape without a nullable wrapper.</summary>
    public PulumiShape Underlying => Kind == ShapeKind.Nullable ? Element! : this;
}
