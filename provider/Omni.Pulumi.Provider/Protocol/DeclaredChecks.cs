using System.Text.RegularExpressions;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>
/// The checks every resource gets from its args record's metadata, before its own Check (if it has
/// one): a declared <see cref="PulumiPropertyAttribute.Default"/> fills an unset input, and string
/// inputs are held to <see cref="PulumiPropertyAttribute.AllowedValues"/> and
/// <see cref="PulumiPropertyAttribute.Pattern"/>. Required inputs are checked by the binder. Unknown
/// values (preview) are not checked; a secret value is never quoted.
/// </summary>
internal static class DeclaredChecks
{
    /// <summary>Applies the defaults to <paramref name="news"/>' value and returns what breaks a rule.</summary>
    public static List<CheckFailure> Apply<T>(Bound<T> news) where T : class
    {
        var failures = new List<CheckFailure>();
        foreach (var property in PulumiProperties.Of(typeof(T)))
        {
            if (news.Unknowns.Any(u => PropertyPath.TopLevel(u) == property.Name))
            {
                continue;
            }

            var value = property.GetValue(news.Value);
            if (value is null)
            {
                if (property.Attribute.Default is { } defaultValue)
                {
                    property.SetValue(news.Value, defaultValue);
                }

                continue;
            }

            if (value is string text && Problem(property.Name, property.Attribute, text, news.SecretProperties.Contains(property.Name)) is { } reason)
            {
                failures.Add(new CheckFailure(property.Name, reason));
            }
        }

        return failures;
    }

    private static string? Problem(string name, PulumiPropertyAttribute rules, string text, bool secret)
    {
        if (rules.AllowedValues is { Length: > 0 } allowed && !allowed.Contains(text, StringComparer.Ordinal))
        {
            var choices = allowed.Length == 1 ? $"\"{allowed[0]}\"" : string.Join(", ", allowed[..^1].Select(v => $"\"{v}\"")) + $" or \"{allowed[^1]}\"";
            return $"'{name}' must be {choices}" + (secret ? "." : $"; got \"{text}\".");
        }

        if (rules.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            return $"'{name}' {rules.PatternMessage ?? $"must match the pattern {pattern}"}"
                + (secret ? "; the (secret) value given does not." : $"; got \"{text}\".");
        }

        return null;
    }
}
