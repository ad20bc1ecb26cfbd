using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using OmniRoster;

namespace Omni.Roster;

/// <summary>
/// Writes a roster in the layout of examples/gitops/users.yaml. A string is written plain only when
/// every YAML reader (the program's YamlDotNet, the demo's `yaml`) reads it back as that same
/// string; anything else is double-quoted (JSON escaping, which YAML's double quotes accept).
/// </summary>
internal static partial class RosterYaml
{
    public static string Write(OmniRoster.Roster roster, string header)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var yaml = new StringBuilder();
        foreach (var line in header.Split('\n'))
        {
            yaml.Append("# ").Append(line).Append('\n');
        }

        if (roster.Attributes is { } attributes)
        {
            yaml.Append(attributes.Count == 0 ? "attributes: []\n" : "attributes:\n");
            foreach (var attribute in attributes)
            {
                yaml.Append("  - name: ").Append(Scalar(attribute.Name)).Append('\n');
                Field(yaml, "id", attribute.Id);
                Field(yaml, "type", attribute.Type);
                Field(yaml, "label", attribute.Label);
                Field(yaml, "multipleValues", attribute.MultipleValues);
                Field(yaml, "description", attribute.Description);
                if (attribute.DefaultValue is { } defaultValue)
                {
                    yaml.Append("    defaultValue: ").Append(Value(defaultValue)).Append('\n');
                }

                yaml.Append('\n');
            }
        }

        yaml.Append(roster.Users.Count == 0 ? "users: []\n" : "users:\n");
        foreach (var user in roster.Users)
        {
            yaml.Append("  - name: ").Append(Scalar(user.Name)).Append('\n');
            Field(yaml, "id", user.Id);
            Field(yaml, "userName", user.UserName);
            Field(yaml, "displayName", user.DisplayName);
            Field(yaml, "active", user.Active);

            if (user.Attributes.Count > 0)
            {
                yaml.Append("    attributes:\n");
                foreach (var (key, value) in user.Attributes)
                {
                    yaml.Append("      ").Append(Scalar(key)).Append(": ").Append(Value(value)).Append('\n');
                }
            }

            yaml.Append('\n');
        }

        yaml.Append(roster.Groups.Count == 0 ? "groups: []\n" : "groups:\n");
        foreach (var group in roster.Groups)
        {
            yaml.Append("  - name: ").Append(Scalar(group.Name)).Append('\n');
            Field(yaml, "id", group.Id);
            Field(yaml, "displayName", group.DisplayName);
            if (group.Members is { } members)
            {
                yaml.Append("    members: [").AppendJoin(", ", members.Select(Scalar)).Append("]\n");
            }

            yaml.Append('\n');
        }

        return yaml.ToString().TrimEnd('\n') + "\n";
    }

    private static void Field(StringBuilder yaml, string key, string? value)
    {
        if (value is not null)
        {
            yaml.Append("    ").Append(key).Append(": ").Append(Scalar(value)).Append('\n');
        }
    }

    private static void Field(StringBuilder yaml, string key, bool? value)
    {
        if (value is { } flag)
        {
            yaml.Append("    ").Append(key).Append(": ").Append(flag ? "true" : "false").Append('\n');
        }
    }

    private static string Value(object? value) => value switch
    {
        null => "null",
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        string text => Scalar(text),
        IEnumerable<object?> list => "[" + string.Join(", ", list.Select(item => Scalar(Convert.ToString(item, CultureInfo.InvariantCulture) ?? ""))) + "]",
        _ => Scalar(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Plain when unambiguous (words, emails, names with single spaces); otherwise double-quoted.</summary>
    public static string Scalar(string text) =>
        SafePlain().IsMatch(text) && !LooksTyped().IsMatch(text)
            ? text
            : JsonSerializer.Serialize(text, Quoting);

    // Starts with a letter or digit, then letters, digits, `@ . _ + -` and single spaces between words:
    // no `: `, ` #`, flow characters, quotes or leading indicators, so no reader can take it apart.
    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}@._+\-]*( [\p{L}\p{N}@._+\-()']+)*$")]
    private static partial Regex SafePlain();

    // What YAML 1.1 or 1.2 readers would turn into a bool, null or number.
    [GeneratedRegex(@"^(?i:y|n|yes|no|on|off|true|false|null|~|\.nan|[-+]?\.inf)$|^[-+]?[0-9][0-9_.:eExXoObB+\-]*$|^0[xob]", RegexOptions.CultureInvariant)]
    private static partial Regex LooksTyped();
}
