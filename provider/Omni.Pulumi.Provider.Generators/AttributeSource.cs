using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Omni.Pulumi.Provider.Generators;

/// <summary>An attribute as the C# expression that rebuilds it: its constructor arguments and every
/// named argument as written, whatever they are (the set of flags is the attribute's to change).</summary>
internal static class AttributeSource
{
    public static string Of(AttributeData attribute)
    {
        var type = attribute.AttributeClass!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var arguments = string.Join(", ", attribute.ConstructorArguments.Select(Constant));
        var named = string.Join(", ", attribute.NamedArguments.Select(a => $"{a.Key} = {Constant(a.Value)}"));
        return named.Length == 0 ? $"new {type}({arguments})" : $"new {type}({arguments}) {{ {named} }}";
    }

    private static string Constant(TypedConstant constant)
    {
        if (constant.IsNull)
        {
            return constant.Type is null ? "null" : $"({constant.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})null";
        }

        switch (constant.Kind)
        {
            case TypedConstantKind.Array:
                var element = ((IArrayTypeSymbol)constant.Type!).ElementType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                return $"new {element}[] {{ {string.Join(", ", constant.Values.Select(Constant))} }}";
            case TypedConstantKind.Type:
                return $"typeof({((ITypeSymbol)constant.Value!).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})";
            case TypedConstantKind.Enum:
                return $"({constant.Type!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})({Primitive(constant.Value!)})";
            default:
                return Primitive(constant.Value!);
        }
    }

    /// <summary>A literal of the constant's own type, so an <c>object</c>-typed argument keeps it (3 stays an int, 3L a long).</summary>
    private static string Primitive(object value) => value switch
    {
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
        ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
        short s => $"(short){s.ToString(CultureInfo.InvariantCulture)}",
        ushort s => $"(ushort){s.ToString(CultureInfo.InvariantCulture)}",
        byte b => $"(byte){b.ToString(CultureInfo.InvariantCulture)}",
        sbyte b => $"(sbyte){b.ToString(CultureInfo.InvariantCulture)}",
        double d => double.IsNaN(d) ? "double.NaN" : double.IsPositiveInfinity(d) ? "double.PositiveInfinity" : double.IsNegativeInfinity(d) ? "double.NegativeInfinity" : d.ToString("R", CultureInfo.InvariantCulture) + "D",
        float f => float.IsNaN(f) ? "float.NaN" : float.IsPositiveInfinity(f) ? "float.PositiveInfinity" : float.IsNegativeInfinity(f) ? "float.NegativeInfinity" : f.ToString("R", CultureInfo.InvariantCulture) + "F",
        _ => throw new System.NotSupportedException($"Attribute argument of type {value.GetType()}"),
    };
}
