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
    private AttributeValue(string? single, IReadOnlyList<string>? many)
    {
        Single = single;
        Many = many;
    }

    public string? Single { get; }

    public IReadOnlyList<string>? Many { get; }

    public bool IsList => Many is not null;

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
    public static AttributeValue? Normalize(object? input)
    {
        switch (input)
        {
            case null:
                return null;
            case AttributeValue value:
                return value.IsList && value.Many!.Count == 0 ? null : value;
            case JsonElement element:
                return NormalizeJson(element);
            case string text:
                return text.Length == 0 ? null : Of(text);
            case IEnumerable list and not IDictionary:
                var items = new List<string>();
                foreach (var item in list)
                {
                    var scalar = NormalizeScalar(item, inList: true);
                    if (!string.IsNullOrEmpty(scalar))
                    {
                        items.Add(scalar);
                    }
                }
                return items.Count == 0 ? null : Of(items);
            default:
                var single = NormalizeScalar(input, inList: false);
                return string.IsNullOrEmpty(single) ? null : Of(single);
        }
    }

    private static AttributeValue? NormalizeJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Array => Normalize(element.EnumerateArray().Select(e => (object)e).ToList()),
        _ => Normalize(NormalizeScalar(element, inList: false)),
    };

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
