using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Omni.Pulumi.Provider.Generators;

/// <summary>
/// Emits, at compile time, what the provider used to learn by reflection: for every class or record
/// with <c>[PulumiProperty]</c> properties (its own or inherited), those properties in name order
/// with their attribute, CLR type, getter, setter and a shape of the value (list, map, record...),
/// plus a factory for the record. The binder and the schema generator read only this, so a
/// NativeAOT, trimmed build works without <c>Activator</c>, <c>MakeGenericType</c> or <c>GetProperties</c>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PulumiMetadataGenerator : IIncrementalGenerator
{
    internal const string PropertyAttribute = "Omni.Pulumi.Provider.Resources.PulumiPropertyAttribute";
    internal const string TypeAttribute = "Omni.Pulumi.Provider.Resources.PulumiTypeAttribute";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var records = context.SyntaxProvider.CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax || (node is RecordDeclarationSyntax r && !r.ClassOrStructKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StructKeyword)),
                static (syntax, cancellation) => syntax.SemanticModel.GetDeclaredSymbol(syntax.Node, cancellation) is INamedTypeSymbol type
                    ? RecordModelBuilder.Build(type, cancellation)
                    : null)
            .Where(static model => model is not null)
            .Collect();

        context.RegisterSourceOutput(records, static (output, models) =>
        {
            var unique = models
                .Select(m => m!)
                .GroupBy(m => m.TypeName)
                .Select(g => g.First())
                .OrderBy(m => m.TypeName, System.StringComparer.Ordinal)
                .ToList();
            foreach (var diagnostic in unique.SelectMany(m => m.Problems.Items))
            {
                output.ReportDiagnostic(Diagnostic.Create(UnsupportedType, Location.None, diagnostic));
            }

            output.AddSource("PulumiProperties.g.cs", MetadataWriter.Write(unique));
        });
    }

    internal static readonly DiagnosticDescriptor UnsupportedType = new(
        "OMNIGEN001",
        "Unsupported Pulumi property type",
        "{0}",
        "Omni.Pulumi",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}

/// <summary>What the generator knows of one record: only strings, so the incremental pipeline can
/// compare runs by value and skip the output when nothing changed.</summary>
internal sealed class RecordModel(string typeName, bool creatable, string? typeAttribute, EquatableArray<PropertyModel> properties, EquatableArray<string> problems)
    : System.IEquatable<RecordModel>
{
    public string TypeName { get; } = typeName;
    public bool Creatable { get; } = creatable;
    public string? TypeAttribute { get; } = typeAttribute;
    public EquatableArray<PropertyModel> Properties { get; } = properties;
    public EquatableArray<string> Problems { get; } = problems;

    public bool Equals(RecordModel? other) => other is not null && TypeName == other.TypeName && Creatable == other.Creatable
        && TypeAttribute == other.TypeAttribute && Properties.Equals(other.Properties) && Problems.Equals(other.Problems);

    public override bool Equals(object? obj) => Equals(obj as RecordModel);

    public override int GetHashCode() => TypeName.GetHashCode();
}

/// <param name="DeclaringType">The type that declares the accessor (a base record for an inherited property).</param>
/// <param name="Setter">How the value is stored: "set" (a plain setter), "init" (an init-only
/// setter, reached through an UnsafeAccessor) or "none" (read-only: bound values are dropped).</param>
internal sealed record PropertyModel(string Name, string ClrName, string DeclaringType, string PropertyType, string Attribute, string Shape, string Setter);

internal readonly struct EquatableArray<T>(ImmutableArray<T> items) : System.IEquatable<EquatableArray<T>>
    where T : System.IEquatable<T>
{
    public ImmutableArray<T> Items => items.IsDefault ? ImmutableArray<T>.Empty : items;

    public bool Equals(EquatableArray<T> other) => Items.SequenceEqual(other.Items);

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode() => Items.Length;
}
