using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Omni.Client.Json;

namespace Omni.Client;

/// <summary>A user-attribute value as Omni stores it: one string, or a list of strings.</summary>
[JsonConverter(typeof(AttributeValueConverter))]
public sealed class AttributeValue : IEquatable<AttributeValue>
{
    private AttributeValue(string? single, IReadOnlyList<string>? many, bool isBoolean = false)
    {
        Single = single;
        Many = many;
        IsBoolean = isBoolean;
    }

    public string? Single { get; }

    public IReadOnlyList<string>? Many { get; }

    public bool IsList => Many is not null;

    /// <summary>
    /// A single value given as a boolean: sent as JSON <c>true</c>/<c>false</c>, as Omni's create-user example does,
    /// with <see cref="Single"/> "true"/"false". Omni may store it in another form ("yes"); equality compares the
    /// text only, so this flag says how the value is sent, never whether two values are equal.
    /// </summary>
    public bool IsBoolean { get; }

    public static AttributeValue Of(bool value) => new(value ? "true" : "false", null, isBoolean: true);

    public static AttributeValue Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new AttributeValue(value, null);
    }

    public static AttributeValue Of(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new AttributeValue(null, values.ToArray());
    }

    /// <summary>
    /// Turns user input into the form Omni gives back, so comparing the two never shows a false difference.
    /// null, "" and empty lists mean "clear" (null); bools become "true"/"false"; numbers become the shortest
    /// invariant decimal ("3", "3.25"); lists become lists of normalised scalars.
    /// </summary>
    /// <exception cref="ArgumentException">The input is an object or another type Omni cannot store.</exception>
    public static AttributeValue? Normalize(object? input) => Normalize(input, null);

    /// <summary>
    /// As <see cref="Normalize(object?)"/>, then shaped the way Omni stores a value of <paramref name="definition"/>:
    /// for a Number attribute, numbers and numeric strings in the shortest invariant decimal ("3.50" → "3.5",
    /// "1e3" → "1000"); for a multi-valued attribute, a single value becomes a list of one; each list item is
    /// normalised the same way. With no definition (unknown attribute), values are kept as given.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The input is of a type Omni cannot store, is not a number for a Number attribute, or is a list for a
    /// single-valued attribute; the message names the attribute and the fix.
    /// </exception>
    public static AttributeValue? Normalize(object? input, UserAttributeDefinition? definition)
    {
        switch (input)
        {
            case null:
                return null;
            case AttributeValue value when definition is null:
                return value.IsList && value.Many!.Count == 0 ? null : value;
            case AttributeValue { IsBoolean: true } flag when definition is { MultipleValues: false } && !IsNumber(definition):
                return flag;
            case AttributeValue value:
                return value.IsList ? NormalizeList(value.Many!, definition) : NormalizeSingle(value.Single, definition);
            case JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return null;
            case JsonElement { ValueKind: JsonValueKind.Array } element:
                return NormalizeList(element.EnumerateArray().Select(e => (object)e).ToList(), definition);
            case string or JsonElement:
                return NormalizeSingle(input, definition);
            case IEnumerable list and not IDictionary:
                return NormalizeList(list, definition);
            default:
                return NormalizeSingle(input, definition);
        }
    }

    private static AttributeValue? NormalizeSingle(object? input, UserAttributeDefinition? definition)
    {
        var single = NormalizeScalar(input, inList: false, definition);
        if (string.IsNullOrEmpty(single))
        {
            return null;
        }
        // Omni stores a single value given for a multi-valued attribute as a list of one.
        return definition is { MultipleValues: true } ? Of([single])
            : input is bool or JsonElement { ValueKind: JsonValueKind.True or JsonValueKind.False } ? Of(single == "true")
            : Of(single);
    }

    private static AttributeValue? NormalizeList(IEnumerable list, UserAttributeDefinition? definition)
    {
        if (definition is { MultipleValues: false })
        {
            throw new ArgumentException(
                $"User attribute '{definition.Name}' takes a single value, but got a list. " +
                "Give one value, or make the attribute multi-valued in Omni (Settings > User attributes).",
                "input");
        }
        var items = new List<string>();
        foreach (var item in list)
        {
            var scalar = NormalizeScalar(item, inList: true, definition);
            if (!string.IsNullOrEmpty(scalar))
            {
                items.Add(scalar);
            }
        }
        return items.Count == 0 ? null : Of(items);
    }

    private static string? NormalizeScalar(object? input, bool inList, UserAttributeDefinition? definition)
    {
        var scalar = NormalizeScalar(input, inList);
        if (definition is null || !IsNumber(definition) || string.IsNullOrEmpty(scalar))
        {
            return scalar;
        }
        if (input is bool or JsonElement { ValueKind: JsonValueKind.True or JsonValueKind.False })
        {
            throw new ArgumentException(
                $"User attribute '{definition.Name}' is a Number attribute and cannot hold the boolean {scalar}; " +
                "give a number such as 42 or \"3.5\".",
                nameof(input));
        }
        return NumberText(scalar, definition);
    }

    private static bool IsNumber(UserAttributeDefinition definition) =>
        string.Equals(definition.Type, NumberType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The type name Omni gives numeric attributes in GET /api/v1/user-attributes.</summary>
    internal const string NumberType = "Number";

    private static string NumberText(string text, UserAttributeDefinition definition)
    {
        // The same parse Omni's "stored as strings" numbers go through: invariant, exponent allowed.
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
        {
            return FormatDecimal(exact);
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var large) && double.IsFinite(large))
        {
            return FormatDouble(large);
        }
        throw new ArgumentException(
            $"User attribute '{definition.Name}' is a Number attribute, but \"{text}\" is not a number. " +
            "Give digits with an optional '.' and exponent, such as 42, 3.5 or 1e3 (no thousands separators or units).",
            "input");
    }

    private static string? NormalizeScalar(object? input, bool inList) => input switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.True } => "true",
        JsonElement { ValueKind: JsonValueKind.False } => "false",
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement { ValueKind: JsonValueKind.Number } e => FormatNumber(e.GetRawText()),
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        decimal m => FormatDecimal(m),
        byte or sbyte or short or ushort or int or uint or long or ulong =>
            ((IFormattable)input).ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException(
            $"An attribute value{(inList ? " list item" : "")} must be a string, number or boolean{(inList ? "" : " or a list of them")}; got {Describe(input)}. " +
            "Omni stores attribute values as strings or lists of strings.",
            nameof(input)),
    };

    private static string Describe(object input) => input switch
    {
        JsonElement e => $"a JSON {e.ValueKind.ToString().ToLowerInvariant()}",
        IDictionary => $"a map ({input.GetType().Name})",
        IEnumerable => "a nested list",
        _ => input.GetType().Name,
    };

    internal static string FormatNumber(string jsonNumber) =>
        decimal.TryParse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
            ? FormatDecimal(m)
            : FormatDouble(double.Parse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture));

    private static string FormatDecimal(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string FormatDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"An attribute value must be a finite number; got {value}.", nameof(value));
        }
        // "R" is the shortest text that round-trips; decimal only when it would otherwise use an exponent.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('E', StringComparison.Ordinal) && Math.Abs(value) < 7.9e28 && Math.Abs(value) > 1e-28
            ? FormatDecimal((decimal)value)
            : text;
    }

    public bool Equals(AttributeValue? other) =>
        other is not null &&
        (IsList
            ? other.IsList && Many!.SequenceEqual(other.Many!, StringComparer.Ordinal)
            : !other.IsList && string.Equals(Single, other.Single, StringComparison.Ordinal));

    public override bool Equals(object? obj) => Equals(obj as AttributeValue);

    public override int GetHashCode()
    {
        if (!IsList)
        {
            return StringComparer.Ordinal.GetHashCode(Single!);
        }
        var hash = new HashCode();
        foreach (var item in Many!)
        {
            hash.Add(item, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }

    public static bool operator ==(AttributeValue? left, AttributeValue? right) => Equals(left, right);

    public static bool operator !=(AttributeValue? left, AttributeValue? right) => !Equals(left, right);

    public override string ToString() => IsList ? "[" + string.Join(", ", Many!) + "]" : Single!;
}
