using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Omni.Sdk.Tests;

/// <summary>A property of an SDK class as written: its wire name, C# type, attribute arguments and doc summary.</summary>
internal sealed record SdkMember(string WireName, string CSharpName, string Type, bool Required, bool Json, string? Summary, string? SetterText);

/// <summary>The SDK's sources under sdk/dotnet, parsed (not compiled: the Pulumi package is not needed).</summary>
internal sealed class SdkSources
{
    private readonly IReadOnlyList<ClassDeclarationSyntax> _classes;

    private SdkSources(IReadOnlyList<SyntaxTree> trees)
    {
        Trees = trees;
        _classes = trees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()).ToList();
    }

    public IReadOnlyList<SyntaxTree> Trees { get; }

    public static SdkSources Load(string directory)
    {
        var separator = Path.DirectorySeparatorChar;
        var trees = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal)
                     && !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: f))
            .ToList();
        return new SdkSources(trees);
    }

    public IEnumerable<ClassDeclarationSyntax> Classes => _classes;

    /// <summary>The class carrying <c>[OmniResourceType("token")]</c>.</summary>
    public ClassDeclarationSyntax? ResourceClass(string token) =>
        _classes.FirstOrDefault(c => AttributeArguments(c.AttributeLists, "OmniResourceType").FirstOrDefault() == token);

    public ClassDeclarationSyntax? Class(string name, string? @namespace = null) =>
        _classes.FirstOrDefault(c => c.Identifier.Text == name && (@namespace is null || Namespace(c) == @namespace));

    public static string Namespace(SyntaxNode node) =>
        node.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString() ?? "";

    /// <summary>Every <c>[Output("x")] public Output&lt;T&gt; X</c> of a resource class.</summary>
    public static IReadOnlyList<SdkMember> Outputs(ClassDeclarationSyntax resource) =>
        resource.Members.OfType<PropertyDeclarationSyntax>()
            .Select(p => (Property: p, Args: AttributeArgumentList(p.AttributeLists, "Output")))
            .Where(x => x.Args is not null)
            .Select(x => new SdkMember(
                Literal(x.Args!.Arguments[0]),
                x.Property.Identifier.Text,
                GenericArgument(x.Property.Type, "Output"),
                Required: false,
                Json: false,
                Summary(x.Property),
                SetterText: null))
            .ToList();

    /// <summary>Every <c>[Input(...)]</c> of an args class; for a backing field, the public property's type, docs and setter.</summary>
    public static IReadOnlyList<SdkMember> Inputs(ClassDeclarationSyntax args)
    {
        var properties = args.Members.OfType<PropertyDeclarationSyntax>().ToDictionary(p => p.Identifier.Text, StringComparer.Ordinal);
        var members = new List<SdkMember>();
        foreach (var member in args.Members)
        {
            var attributes = member switch
            {
                PropertyDeclarationSyntax p => p.AttributeLists,
                FieldDeclarationSyntax f => f.AttributeLists,
                _ => default,
            };
            if (AttributeArgumentList(attributes, "Input") is not { } list)
            {
                continue;
            }

            var wireName = Literal(list.Arguments[0]);
            var property = member as PropertyDeclarationSyntax ?? properties.GetValueOrDefault(SchemaNames.Pascal(wireName));
            members.Add(new SdkMember(
                wireName,
                property?.Identifier.Text ?? "(no public property)",
                property?.Type.ToString() ?? member.ToString(),
                NamedBool(list, "required"),
                NamedBool(list, "json"),
                property is null ? null : Summary(property),
                property?.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.SetAccessorDeclaration))?.ToString()));
        }

        return members;
    }

    /// <summary><c>Name = expr;</c> statements of the class's parameterless constructor: the generator's defaults.</summary>
    public static IReadOnlyDictionary<string, string> ConstructorAssignments(ClassDeclarationSyntax args) =>
        args.Members.OfType<ConstructorDeclarationSyntax>()
            .Where(c => c.ParameterList.Parameters.Count == 0 && c.Body is not null)
            .SelectMany(c => c.Body!.Statements.OfType<ExpressionStatementSyntax>())
            .Select(s => s.Expression)
            .OfType<AssignmentExpressionSyntax>()
            .ToDictionary(a => a.Left.ToString(), a => a.Right.ToString(), StringComparer.Ordinal);

    /// <summary>The strings listed in <c>AdditionalSecretOutputs = { ... }</c> of MakeResourceOptions.</summary>
    public static IReadOnlySet<string> AdditionalSecretOutputs(ClassDeclarationSyntax resource) =>
        resource.DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Where(a => a.Left.ToString() == "AdditionalSecretOutputs")
            .SelectMany(a => a.Right.DescendantNodes().OfType<LiteralExpressionSyntax>())
            .Select(l => l.Token.ValueText)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The first string argument of each <c>: base("token", ...)</c> constructor initializer.</summary>
    public static IReadOnlyList<string> BaseTokens(ClassDeclarationSyntax resource) =>
        resource.Members.OfType<ConstructorDeclarationSyntax>()
            .Select(c => c.Initializer?.ArgumentList.Arguments.FirstOrDefault()?.Expression)
            .OfType<LiteralExpressionSyntax>()
            .Select(l => l.Token.ValueText)
            .ToList();

    public static IEnumerable<string> AttributeArguments(SyntaxList<AttributeListSyntax> lists, string name) =>
        AttributeArgumentList(lists, name)?.Arguments.Select(Literal) ?? [];

    public static bool HasAttribute(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(l => l.Attributes).Any(a => AttributeName(a) == name);

    public static string? Summary(MemberDeclarationSyntax member)
    {
        var doc = member.GetLeadingTrivia()
            .Select(t => t.GetStructure())
            .OfType<DocumentationCommentTriviaSyntax>()
            .SelectMany(d => d.Content.OfType<XmlElementSyntax>())
            .FirstOrDefault(e => e.StartTag.Name.ToString() == "summary");
        if (doc is null)
        {
            return null;
        }

        var text = string.Concat(doc.Content.Select(c => c.ToFullString()));
        var lines = text.Split('\n').Select(l => l.Trim()).Select(l => l.StartsWith("///", StringComparison.Ordinal) ? l[3..].Trim() : l);
        return string.Join(" ", lines.Where(l => l.Length > 0));
    }

    private static AttributeArgumentListSyntax? AttributeArgumentList(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(l => l.Attributes).FirstOrDefault(a => AttributeName(a) == name)?.ArgumentList;

    private static string AttributeName(AttributeSyntax attribute)
    {
        var name = attribute.Name.ToString();
        name = name[(name.LastIndexOf('.') + 1)..];
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }

    private static bool NamedBool(AttributeArgumentListSyntax list, string name) =>
        list.Arguments.Any(a => (a.NameColon?.Name.Identifier.Text ?? a.NameEquals?.Name.Identifier.Text) == name
                                && a.Expression.IsKind(SyntaxKind.TrueLiteralExpression));

    private static string Literal(AttributeArgumentSyntax argument) =>
        argument.Expression is LiteralExpressionSyntax literal ? literal.Token.ValueText : argument.Expression.ToString();

    private static string GenericArgument(TypeSyntax type, string genericName) =>
        type is GenericNameSyntax g && g.Identifier.Text == genericName && g.TypeArgumentList.Arguments.Count == 1
            ? g.TypeArgumentList.Arguments[0].ToString()
            : $"(not {genericName}<T>: {type})";
}
