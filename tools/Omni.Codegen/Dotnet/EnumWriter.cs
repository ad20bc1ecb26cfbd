using System.Text;
using System.Text.RegularExpressions;
using Omni.Codegen.Schema;

namespace Omni.Codegen.Dotnet;

/// <summary>A module's Enums.cs: string and number enums as Pulumi's [EnumType] structs, integer ones as C# enums.</summary>
internal static partial class EnumWriter
{
    public static string File(DotnetNames names, string module, IReadOnlyList<SchemaEnumType> enums)
    {
        var w = new StringBuilder();
        CSharpText.Header(w, ["System", "System.ComponentModel", "Pulumi"]);
        w.Append("namespace ").Append(names.ModuleNamespace(module)).Append("\n{\n");
        for (var i = 0; i < enums.Count; i++)
        {
            Write(w, enums[i]);
            if (i != enums.Count - 1)
            {
                w.Append('\n');
            }
        }

        w.Append("}\n");
        return w.ToString();
    }

    /// <summary>Pulumi's makeSafeEnumName: a value's member name, a valid identifier.</summary>
    public static string SafeName(SchemaEnumValue value, string enumName)
    {
        var name = value.Name ?? (value.Value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.Value.GetValue<string>() : value.Value.ToJsonString());
        name = name switch
        {
            "*" => "Asterisk",
            "0" => "Zero",
            "1" => "One",
            "2" => "Two",
            "3" => "Three",
            "4" => "Four",
            "5" => "Five",
            "6" => "Six",
            "7" => "Seven",
            "8" => "Eight",
            "9" => "Nine",
            _ => name,
        };
        var identifier = NotIdentifier().Replace(name, "_");
        if (identifier.Length > 0 && char.IsDigit(identifier[0]))
        {
            identifier = "_" + identifier;
        }

        identifier = Underscores().Replace(DotnetNames.UppercaseFirst(identifier), "_");
        if (identifier.Length == 0)
        {
            throw new InvalidDataException($"sdk/schema.json: a value of enum {enumName} has no name that makes an identifier.");
        }

        if (identifier.StartsWith('_'))
        {
            identifier = enumName + identifier;
        }

        return identifier == "Equals" ? "EqualsValue" : identifier;
    }

    private static void Write(StringBuilder w, SchemaEnumType e)
    {
        const string indent = "    ";
        const string inner = "        ";
        var name = DotnetNames.ClassName(e.Token);
        CSharpText.Comment(w, e.Description, indent);
        if (e.ElementType == "integer")
        {
            w.Append(indent).Append("public enum ").Append(name).Append('\n').Append(indent).Append("{\n");
            foreach (var value in e.Values)
            {
                CSharpText.Comment(w, value.Description, inner);
                CSharpText.Obsolete(w, value.DeprecationMessage, inner);
                w.Append(inner).Append(SafeName(value, name)).Append(" = ").Append(value.Value.ToJsonString()).Append(",\n");
            }

            w.Append(indent).Append("}\n");
            return;
        }

        var isString = e.ElementType == "string";
        var underlying = isString ? "string" : e.ElementType == "number" ? "double" : throw new NotSupportedException(
            $"sdk/schema.json: enum {e.Token} is of type {e.ElementType}; only string, number and integer enums are supported.");
        w.Append(indent).Append("[EnumType]\n");
        w.Append(indent).Append($"public readonly struct {name} : IEquatable<{name}>\n").Append(indent).Append("{\n");
        w.Append(inner).Append($"private readonly {underlying} _value;\n\n");
        w.Append(inner).Append($"private {name}({underlying} value)\n").Append(inner).Append("{\n");
        w.Append(inner).Append("    _value = value").Append(isString ? " ?? throw new ArgumentNullException(nameof(value))" : "").Append(";\n");
        w.Append(inner).Append("}\n\n");
        foreach (var value in e.Values)
        {
            CSharpText.Comment(w, value.Description, inner);
            CSharpText.Obsolete(w, value.DeprecationMessage, inner);
            var literal = isString ? CSharpText.Quote(value.Value.GetValue<string>()) : value.Value.ToJsonString();
            w.Append(inner).Append($"public static {name} {SafeName(value, name)} {{ get; }} = new {name}({literal});\n");
        }

        w.Append('\n');
        w.Append(inner).Append($"public static bool operator ==({name} left, {name} right) => left.Equals(right);\n");
        w.Append(inner).Append($"public static bool operator !=({name} left, {name} right) => !left.Equals(right);\n\n");
        w.Append(inner).Append($"public static explicit operator {underlying}({name} value) => value._value;\n\n");
        w.Append(inner).Append("[EditorBrowsable(EditorBrowsableState.Never)]\n");
        w.Append(inner).Append($"public override bool Equals(object? obj) => obj is {name} other && Equals(other);\n");
        w.Append(inner).Append($"public bool Equals({name} other) => ")
            .Append(isString ? "string.Equals(_value, other._value, StringComparison.Ordinal)" : "_value == other._value").Append(";\n\n");
        w.Append(inner).Append("[EditorBrowsable(EditorBrowsableState.Never)]\n");
        w.Append(inner).Append("public override int GetHashCode() => _value").Append(isString ? "?.GetHashCode() ?? 0" : ".GetHashCode()").Append(";\n\n");
        w.Append(inner).Append("public override string ToString() => _value").Append(isString ? "" : ".ToString()").Append(";\n");
        w.Append(indent).Append("}\n");
    }

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NotIdentifier();

    [GeneratedRegex("_+")]
    private static partial Regex Underscores();
}
