using System.Globalization;
using System.Text;

namespace Omni.Codegen.Nodejs;

/// <summary>Pulumi's Node naming rules (pkg/codegen/nodejs gen.go: title, camel, tokenToName) and TypeScript literals.</summary>
internal static class TsNames
{
    /// <summary>"hello" → "Hello".</summary>
    public static string Title(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>"HelloWorld" → "helloWorld", "JSONObject" → "jsonobject" (the leading upper-case run is lowered).</summary>
    public static string Camel(string s)
    {
        var builder = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsLower(s[i]))
            {
                builder.Append(s, i, s.Length - i);
                break;
            }

            builder.Append(char.ToLowerInvariant(s[i]));
        }

        return builder.ToString();
    }

    /// <summary>The member of a token, title-cased: `omni:index:getUser` → GetUser.</summary>
    public static string TokenName(string token) => Title(token.Split(':')[^1]);

    /// <summary>The folder of a module (lower case, '/' separated; "" for the root).</summary>
    public static string ModuleDir(string module) => module.ToLowerInvariant();

    /// <summary>From a module's folder back to the package root: "." for the root, "../.." two levels down.</summary>
    public static string RelativeRoot(string module) =>
        module.Length == 0 ? "." : string.Join('/', ModuleDir(module).Split('/').Select(_ => ".."));

    /// <summary>The import path from one module's folder to another's index (Pulumi imports resources through it).</summary>
    public static string RelativeModule(string from, string to)
    {
        if (from == to)
        {
            return "./index";
        }

        var root = RelativeRoot(from);
        return to.Length == 0 ? root : $"{root}/{ModuleDir(to)}";
    }

    /// <summary>A TypeScript string literal, escaped the way Go's %q would.</summary>
    public static string Quote(string s)
    {
        var builder = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when char.IsControl(c) => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    /// <summary>An enum member name usable as an identifier: "user-admin" → "UserAdmin", "1" → "_1".</summary>
    public static string EnumMemberName(string name)
    {
        var builder = new StringBuilder();
        var upper = true;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        var result = builder.ToString();
        return result.Length == 0 || char.IsDigit(result[0]) ? "_" + result : result;
    }
}
