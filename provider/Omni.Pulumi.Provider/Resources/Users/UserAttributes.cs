using Omni.Client;

namespace Omni.Pulumi.Provider.Resources.Users;

/// <summary>Attribute values between the program's plain values, Omni's stored form and Omni's
/// attribute definitions.</summary>
internal static class UserAttributes
{
    /// <summary>Omni's own attributes (omni_user_email, ...): read-only over SCIM and never returned.</summary>
    public static bool IsSystemKey(string key) => key.StartsWith("omni_", StringComparison.OrdinalIgnoreCase);

    /// <summary>An attribute value as Omni stores it, as a plain value for the wire: a string, a list of strings, a boolean as given, or null.</summary>
    public static object? ToPlain(AttributeValue? value) => value switch
    {
        null => null,
        { IsBoolean: true } => value.Single == "true", // kept a boolean, so it is sent as one
        { IsList: true } => value.Many,
        _ => value.Single,
    };

    /// <summary>Normalises leniently (for comparisons): a value that cannot be normalised compares as itself.</summary>
    public static AttributeValue? NormalizeOrNull(object? value)
    {
        try
        {
            return AttributeValue.Normalize(value);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The declared values of <paramref name="declared"/>'s keys as <paramref name="user"/> holds them; null when nothing is declared.</summary>
    public static IReadOnlyDictionary<string, object?>? AsHeld(IReadOnlyDictionary<string, object?>? declared, ScimUser user) =>
        declared?.Keys
            .Where(key => user.Attributes.ContainsKey(key))
            .ToDictionary(key => key, key => ToPlain(user.Attributes[key]), StringComparer.Ordinal);

    /// <summary>
    /// The inputs a refresh reports for the declared keys. Omni may store a value in another form than it was sent
    /// (<c>true</c> as <c>"yes"</c>); the state keeps the form Omni returned at the last create or update
    /// (<paramref name="lastWritten"/>). A value Omni still holds in that form is unchanged, so the program's own
    /// value is reported back (no drift); any other value is drift and is reported as Omni holds it.
    /// </summary>
    public static IReadOnlyDictionary<string, object?>? AsRefreshed(IReadOnlyDictionary<string, object?>? declared,
        IReadOnlyDictionary<string, object?>? lastWritten, ScimUser user) =>
        declared?.Keys
            .Where(key => user.Attributes.ContainsKey(key))
            .ToDictionary(key => key, key => lastWritten is not null && lastWritten.TryGetValue(key, out var written)
                && NormalizeOrNull(written) == user.Attributes[key]
                    ? declared[key]
                    : ToPlain(user.Attributes[key]), StringComparer.Ordinal);

    /// <summary>Whether the program still declares for <paramref name="key"/> what it declared when Omni last
    /// stored it: then Omni's (possibly other) form of that value is no change.</summary>
    public static bool Unchanged(IReadOnlyDictionary<string, object?>? oldInputs, string key, AttributeValue? wanted) =>
        oldInputs is not null && oldInputs.TryGetValue(key, out var old) && NormalizeOrNull(old) == wanted;

    /// <summary>All of the user's attributes but Omni's system ones (import).</summary>
    public static IReadOnlyDictionary<string, object?>? AllButSystem(ScimUser user)
    {
        var attributes = user.Attributes.Where(a => !IsSystemKey(a.Key)).ToDictionary(a => a.Key, a => ToPlain(a.Value), StringComparer.Ordinal);
        return attributes.Count == 0 ? null : attributes;
    }

    /// <summary>Checks one attribute against its definition; returns the reason it is wrong, or null.</summary>
    public static string? CheckAgainst(UserAttributeDefinition definition, AttributeValue? value, string path)
    {
        if (definition.System)
        {
            return $"'{path}' is a system attribute that Omni manages itself; remove it.";
        }

        if (value is null)
        {
            return null;
        }

        if (!definition.MultipleValues && value.IsList)
        {
            return $"'{path}' takes a single value, not a list (the attribute is not multi-valued in Omni).";
        }

        if (string.Equals(definition.Type, "Number", StringComparison.OrdinalIgnoreCase))
        {
            // The value is not echoed: attribute values may come from secrets.
            var notANumber = (value.Many ?? [value.Single!]).Any(v =>
                !double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
            if (notANumber)
            {
                return $"'{path}' is a Number attribute; give a number such as 3 (or a list of numbers if it is multi-valued).";
            }
        }

        return null;
    }
}
