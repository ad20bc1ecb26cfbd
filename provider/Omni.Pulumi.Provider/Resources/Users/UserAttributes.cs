using Omni.Client;

namespace Omni.Pulumi.Provider.Resources.Users;

/// <summary>Attribute values between the program's plain values, Omni's stored form and Omni's
/// attribute definitions.</summary>
internal static class UserAttributes
{
    /// <summary>Omni's own attributes (omni_user_email, ...): read-only over SCIM and never returned.</summary>
    public static bool IsSystemKey(string key) => key.StartsWith("omni_", StringComparison.OrdinalIgnoreCase);

    /// <summary>The declared values of <paramref name="declared"/>'s keys as <paramref name="user"/> holds them; null when nothing is declared.</summary>
    public static IReadOnlyDictionary<string, AttributeValue?>? AsHeld(IReadOnlyDictionary<string, AttributeValue?>? declared, ScimUser user) =>
        declared?.Keys
            .Where(key => user.Attributes.ContainsKey(key))
            .ToDictionary(key => key, key => (AttributeValue?)user.Attributes[key], StringComparer.Ordinal);

    /// <summary>
    /// The inputs a refresh reports for the declared keys. Omni may store a value in another form than it was sent
    /// (<c>true</c> as <c>"yes"</c>); the state keeps the form Omni returned at the last create or update
    /// (<paramref name="lastWritten"/>). A value Omni still holds in that form is unchanged, so the program's own
    /// value is reported back (no drift); any other value is drift and is reported as Omni holds it.
    /// </summary>
    public static IReadOnlyDictionary<string, AttributeValue?>? AsRefreshed(IReadOnlyDictionary<string, AttributeValue?>? declared,
        IReadOnlyDictionary<string, AttributeValue?>? lastWritten, ScimUser user) =>
        declared?.Keys
            .Where(key => user.Attributes.ContainsKey(key))
            .ToDictionary(key => key, key => lastWritten is not null && lastWritten.TryGetValue(key, out var written) && written == user.Attributes[key]
                ? declared[key]
                : user.Attributes[key], StringComparer.Ordinal);

    /// <summary>Whether the program still declares for <paramref name="key"/> what it declared when Omni last
    /// stored it: then Omni's (possibly other) form of that value is no change.</summary>
    public static bool Unchanged(IReadOnlyDictionary<string, AttributeValue?>? oldInputs, string key, AttributeValue? wanted) =>
        oldInputs is not null && oldInputs.TryGetValue(key, out var old) && old == wanted;

    /// <summary>All of the user's attributes but Omni's system ones (import).</summary>
    public static IReadOnlyDictionary<string, AttributeValue?>? AllButSystem(ScimUser user)
    {
        var attributes = user.Attributes.Where(a => !IsSystemKey(a.Key)).ToDictionary(a => a.Key, a => (AttributeValue?)a.Value, StringComparer.Ordinal);
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
