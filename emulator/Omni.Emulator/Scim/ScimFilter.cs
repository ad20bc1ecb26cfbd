using System.Text.Json;
using System.Text.RegularExpressions;
using Omni.Emulator.Http;
using Omni.Emulator.Json;

namespace Omni.Emulator.Scim;

/// <summary>The one filter form Omni documents per resource: <c>&lt;attribute&gt; eq "&lt;value&gt;"</c>.</summary>
internal static partial class ScimFilter
{
    /// <summary>
    /// The compared value, unescaped per SCIM (JSON string rules: \" and \\), or null without a filter.
    /// Anything else is a 400 that names the supported form.
    /// </summary>
    public static string? ParseEquals(string? filter, string attribute)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }

        var match = EqualsExpression().Match(filter);
        if (!match.Success
            || !match.Groups["attribute"].Value.Equals(attribute, StringComparison.OrdinalIgnoreCase)
            || !match.Groups["operator"].Value.Equals("eq", StringComparison.OrdinalIgnoreCase))
        {
            throw Unsupported(filter, attribute);
        }

        try
        {
            return JsonSerializer.Deserialize($"\"{match.Groups["value"].Value}\"", EmulatorJson.Context.String)
                ?? throw Unsupported(filter, attribute);
        }
        catch (JsonException)
        {
            throw ApiProblem.BadRequest($"filter: invalid escape sequence in the quoted value of '{filter}'");
        }
    }

    private static ApiProblem Unsupported(string filter, string attribute) => ApiProblem.BadRequest(
        $"filter: unsupported filter '{filter}'; the only supported form is {attribute} eq \"<value>\" " +
        "(a double-quoted value, with \\\" and \\\\ escaped)");

    [GeneratedRegex("""^\s*(?<attribute>[A-Za-z][\w.:-]*)\s+(?<operator>[A-Za-z]+)\s+"(?<value>(?:[^"\\]|\\.)*)"\s*$""",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EqualsExpression();
}
