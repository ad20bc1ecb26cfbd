using System.Text;
using System.Text.RegularExpressions;

namespace Omni.Roster;

/// <summary>
/// Pulumi resource names for the roster, derived from what Omni holds: lower-case letters, digits
/// and single hyphens, starting with a letter or digit. A name is part of the resource's URN, so
/// it must not change from one export to the next: it depends only on the entry's own email or
/// group name, never on the order Omni lists them in, and the names a roster already uses are kept.
/// </summary>
internal static partial class RosterNames
{
    /// <summary>Why <paramref name="name"/> cannot be a roster name, or null when it can.</summary>
    public static string? Problem(string name) =>
        ValidName().IsMatch(name)
            ? null
            : $"'{name}' is not a usable resource name: use lower-case letters, digits and single hyphens (e.g. alice-martin)";

    /// <summary>alice.martin@example.com → alice-martin.</summary>
    public static string FromEmail(string email)
    {
        var at = email.LastIndexOf('@');
        return Slug(at > 0 ? email[..at] : email, fallback: "user");
    }

    /// <summary>alice@mail.example.com → alice-mail-example-com: used when the local part alone is taken.</summary>
    public static string FromEmailWithDomain(string email) => Slug(email.Replace('@', '-'), fallback: "user");

    /// <summary>Finance Analysts → finance-analysts.</summary>
    public static string FromGroupName(string displayName) => Slug(displayName, fallback: "group");

    /// <summary>Letters without their accents, lower case; anything else becomes one hyphen.</summary>
    public static string Slug(string text, string fallback)
    {
        var builder = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var c in Unaccented(text))
        {
            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(lower);
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return builder.Length == 0 ? fallback : builder.ToString();
    }

    // "Élodie" → "Elodie". The build runs with invariant globalization (no ICU, so no Unicode
    // decomposition), hence a table of the Latin letters with marks that emails and names carry.
    private static IEnumerable<char> Unaccented(string text) =>
        text.SelectMany(c => Folds.TryGetValue(c, out var plain) ? plain : c.ToString());

    private static readonly Dictionary<char, string> Folds = BuildFolds();

    private static Dictionary<char, string> BuildFolds()
    {
        (string Plain, string Marked)[] rows =
        [
            ("a", "àáâãäåāăąǎ"), ("c", "çćĉċč"), ("d", "ďđð"), ("e", "èéêëēĕėęě"), ("g", "ĝğġģ"), ("h", "ĥħ"),
            ("i", "ìíîïĩīĭįı"), ("j", "ĵ"), ("k", "ķ"), ("l", "ĺļľŀł"), ("n", "ñńņňŉ"), ("o", "òóôõöøōŏő"),
            ("r", "ŕŗř"), ("s", "śŝşšș"), ("t", "ţťŧț"), ("u", "ùúûüũūŭůűų"), ("w", "ŵ"), ("y", "ýÿŷ"), ("z", "źżž"),
            ("ae", "æ"), ("oe", "œ"), ("ss", "ß"), ("th", "þ"),
        ];
        var folds = new Dictionary<char, string>();
        foreach (var (plain, marked) in rows)
        {
            foreach (var c in marked)
            {
                folds[c] = plain;
                var upper = char.ToUpperInvariant(c);
                if (upper != c)
                {
                    folds.TryAdd(upper, plain);
                }
            }
        }

        return folds;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ValidName();
}
