using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Omni.Pulumi.Provider.Generators;

/// <summary>Reads a record's symbols into a <see cref="RecordModel"/>: its [PulumiProperty]
/// properties (inherited ones included, the most derived declaration winning) and their shapes.</summary>
internal static class RecordModelBuilder
{
    private static readonly SymbolDisplayFormat Qualified = SymbolDisplayFormat.FullyQualifiedFormat;

    public static RecordModel? Build(INamedTypeSymbol type, CancellationToken cancellation)
    {
        if (type.TypeKind != TypeKind.Class || type.IsGenericType || type.IsStatic)
        {
            return null;
        }

        var problems = new List<string>();
        var properties = new List<PropertyModel>();
        var seen = new HashSet<string>();
        for (var current = type; current is not null; current = current.BaseType)
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility is not (Accessibility.Public) || !seen.Add(property.Name))
                {
                    continue;
                }

                if (AttributeOf(property) is not { } attribute)
                {
                    continue;
                }

                var name = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? property.Name;
                var converter = attribute.NamedArguments.FirstOrDefault(a => a.Key == "ValueConverter").Value.Value as INamedTypeSymbol;
                var shape = ShapeOf(property.Type, $"{type.Name}.{property.Name}", problems, converter);
                properties.Add(new PropertyModel(
                    name,
                    property.Name,
                    property.ContainingType.ToDisplayString(Qualified),
                    property.Type.ToDisplayString(Qualified),
                    AttributeSource.Of(attribute),
                    shape,
                    SetterOf(property)));
            }
        }

        if (properties.Count == 0)
        {
            return null;
        }

        var creatable = !type.IsAbstract && type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal);
        var typeAttribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == PulumiMetadataGenerator.TypeAttribute);
        return new RecordModel(
            type.ToDisplayString(Qualified),
            creatable,
            typeAttribute is null ? null : AttributeSource.Of(typeAttribute),
            new EquatableArray<PropertyModel>([.. properties.OrderBy(p => p.Name, System.StringComparer.Ordinal)]),
            new EquatableArray<string>([.. problems]));
    }

    /// <summary>The property's own attribute, or the one on the property it overrides (attribute inheritance).</summary>
    private static AttributeData? AttributeOf(IPropertySymbol? property)
    {
        for (; property is not null; property = property.OverriddenProperty)
        {
            var attribute = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == PulumiMetadataGenerator.PropertyAttribute);
            if (attribute is not null)
            {
                return attribute;
            }
        }

        return null;
    }

    private static string SetterOf(IPropertySymbol property)
    {
        for (var p = property; p is not null; p = p.OverriddenProperty)
        {
            if (p.SetMethod is { } setter)
            {
                return setter.IsInitOnly || setter.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal) ? "init" : "set";
            }
        }

        return "none";
    }

    /// <summary>The C# expression of the value's <c>PulumiShape</c>. <paramref name="converter"/> (the property's
    /// <c>ValueConverter</c>) carries the one type the binder does not know, wherever it sits (a map's values, a list's items).</summary>
    private static string ShapeOf(ITypeSymbol type, string where, List<string> problems, INamedTypeSymbol? converter = null)
    {
        const string Shape = "global::Omni.Pulumi.Provider.Protocol.PulumiShape";
        switch (type.SpecialType)
        {
            case SpecialType.System_String: return $"{Shape}.String";
            case SpecialType.System_Boolean: return $"{Shape}.Bool";
            case SpecialType.System_Int32: return $"{Shape}.Int";
            case SpecialType.System_Int64: return $"{Shape}.Long";
            case SpecialType.System_Double: return $"{Shape}.Double";
            case SpecialType.System_Decimal: return $"{Shape}.Decimal";
            case SpecialType.System_Object: return $"{Shape}.Any";
        }

        var display = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Qualified);
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return $"{Shape}.NullableOf(typeof({display}), {ShapeOf(nullable.TypeArguments[0], where, problems, converter)})";
        }

        if (GenericInterface(type, "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>") is { } dictionary
            && dictionary.TypeArguments[0].SpecialType == SpecialType.System_String)
        {
            var value = dictionary.TypeArguments[1];
            var valueDisplay = value.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Qualified);
            return $"{Shape}.DictionaryOf(typeof({display}), {ShapeOf(value, where, problems, converter)}, static () => new global::System.Collections.Generic.Dictionary<string, {valueDisplay}>(global::System.StringComparer.Ordinal))";
        }

        if (GenericInterface(type, "System.Collections.Generic.IReadOnlyList<T>") is { } list)
        {
            var item = list.TypeArguments[0];
            var itemDisplay = item.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Qualified);
            return $"{Shape}.ListOf(typeof({display}), {ShapeOf(item, where, problems, converter)}, static () => new global::System.Collections.Generic.List<{itemDisplay}>())";
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Class } record && HasPulumiProperties(record))
        {
            return $"{Shape}.ObjectOf(typeof({display}))";
        }

        if (converter is not null)
        {
            var converterDisplay = converter.ToDisplayString(Qualified);
            return $"{Shape}.ConvertedOf(typeof({display}), static plain => {converterDisplay}.FromPlain(plain), static value => {converterDisplay}.ToPlain(({display})value))";
        }

        problems.Add($"{where}: the binder cannot carry a {type.ToDisplayString()}; use string, bool, int, long, double, object, IReadOnlyList<T>, IReadOnlyDictionary<string, T> a record with [PulumiProperty] properties, or set the property's ValueConverter.");
        return $"{Shape}.Any";
    }

    private static INamedTypeSymbol? GenericInterface(ITypeSymbol type, string definition)
    {
        if (type is INamedTypeSymbol named && named.IsGenericType && named.OriginalDefinition.ToDisplayString() == definition)
        {
            return named;
        }

        return type.AllInterfaces.FirstOrDefault(i => i.IsGenericType && i.OriginalDefinition.ToDisplayString() == definition);
    }

    private static bool HasPulumiProperties(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers().OfType<IPropertySymbol>().Any(p => AttributeOf(p) is not null))
            {
                return true;
            }
        }

        return false;
    }
}
