using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit.Abstractions;

namespace Omni.Sdk.Tests;

/// <summary>
/// Each schema function has the class pulumi-dotnet's generator writes for it (codegen gen.go genFunction,
/// testdata output-funcs): InvokeAsync and the two Invoke overloads with the generator's parameters and
/// call, GetXArgs (plain values) and GetXInvokeArgs (Input&lt;T&gt;) with the schema's args, and a
/// GetXResult with the schema's outputs.
/// </summary>
public sealed class FunctionsMatchSchemaTests(SchemaFixture fixture, ITestOutputHelper output) : IClassFixture<SchemaFixture>
{
    [SkippableFact]
    public void Each_function_class_invokes_its_token_with_the_generators_signatures()
    {
        var schema = fixture.SchemaOrSkip();

        var drift = new DriftReport();
        foreach (var function in schema.Functions)
        {
            if (fixture.Sdk.Class(function.ClassName, "Pulumi.Omni") is not { } cls)
            {
                drift.Add($"{function.Token}: no `public static class {function.ClassName}` in Pulumi.Omni");
                continue;
            }

            output.WriteLine($"{function.Token} → {function.ClassName}");
            drift.Expect(cls.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword)), $"{function.ClassName} must be static");
            var methods = cls.Members.OfType<MethodDeclarationSyntax>().ToList();
            drift.ExpectSameNames(ExpectedMethods(function), methods.Select(Signature), $"{function.Token} methods");
            foreach (var method in methods)
            {
                drift.ExpectEqual(SdkMatchesSchemaTests.SummaryOf(function.Description), SdkSources.Summary(method),
                    $"{function.ClassName}.{method.Identifier.Text}({method.ParameterList.Parameters.Count} parameters) doc");
            }
        }

        drift.AssertNone();
    }

    [SkippableFact]
    public void Each_functions_args_classes_have_the_schemas_args_types_and_required_flags()
    {
        var schema = fixture.SchemaOrSkip();

        var drift = new DriftReport();
        foreach (var function in schema.Functions)
        {
            var plain = fixture.Sdk.Class($"{function.ClassName}Args", "Pulumi.Omni");
            var lifted = fixture.Sdk.Class($"{function.ClassName}InvokeArgs", "Pulumi.Omni");
            if (function.Inputs is null)
            {
                drift.Expect(plain is null && lifted is null,
                    $"{function.Token} takes no args, so the generator writes no {function.ClassName}Args or {function.ClassName}InvokeArgs");
                continue;
            }

            CheckArgs(function, plain, $"{function.ClassName}Args", p => GeneratorRules.PlainArgType(schema, p.Spec, p.Required), drift);
            CheckArgs(function, lifted, $"{function.ClassName}InvokeArgs", p => GeneratorRules.InputType(schema, p.Spec, p.Required), drift);
        }

        drift.AssertNone();
    }

    [SkippableFact]
    public void Each_functions_result_class_has_the_schemas_outputs()
    {
        var schema = fixture.SchemaOrSkip();

        var drift = new DriftReport();
        foreach (var function in schema.Functions)
        {
            var name = $"{function.ClassName}Result";
            if (fixture.Sdk.Class(name, "Pulumi.Omni") is not { } result)
            {
                drift.Add($"{function.Token}: no `[OutputType] public sealed class {name}` in Pulumi.Omni");
                continue;
            }

            drift.Expect(SdkSources.HasAttribute(result.AttributeLists, "OutputType"), $"{name} needs [OutputType]");
            var fields = result.Members.OfType<FieldDeclarationSyntax>()
                .Where(f => f.Modifiers.Any(m => m.IsKind(SyntaxKind.ReadOnlyKeyword)))
                .SelectMany(f => f.Declaration.Variables.Select(v => (Name: v.Identifier.Text, Type: f.Declaration.Type.ToString(), Field: f)))
                .ToDictionary(f => f.Name, StringComparer.Ordinal);
            drift.ExpectSameNames(function.Outputs.Properties.Select(p => SchemaNames.Pascal(p.Name)), fields.Keys, $"{name} fields");

            var constructor = result.Members.OfType<ConstructorDeclarationSyntax>().FirstOrDefault(c => SdkSources.HasAttribute(c.AttributeLists, "OutputConstructor"));
            drift.Expect(constructor is not null, $"{name}: no [OutputConstructor] constructor");
            drift.ExpectSameNames(function.Outputs.Properties.Select(p => p.Name),
                constructor?.ParameterList.Parameters.Select(p => p.Identifier.Text) ?? [], $"{name} [OutputConstructor] parameters");

            foreach (var property in function.Outputs.Properties.Where(p => fields.ContainsKey(SchemaNames.Pascal(p.Name))))
            {
                var field = fields[SchemaNames.Pascal(property.Name)];
                drift.ExpectEqual(GeneratorRules.Normalize(GeneratorRules.OutputType(schema, property.Spec, property.Required)),
                    GeneratorRules.Normalize(field.Type), $"{name}.{property.Name} type");
                drift.ExpectEqual(SdkMatchesSchemaTests.SummaryOf(property.Description), SdkSources.Summary(field.Field), $"{name}.{property.Name} doc");
            }
        }

        output.WriteLine($"{schema.Functions.Count} function(s) in the schema");
        drift.AssertNone();
    }

    [SkippableFact]
    public void Every_function_class_in_the_sdk_is_in_the_schema()
    {
        var schema = fixture.SchemaOrSkip();

        var invoked = fixture.Sdk.Classes
            .Where(c => SdkSources.Namespace(c) == "Pulumi.Omni" && c.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword)))
            .Where(c => c.DescendantNodes().OfType<MemberAccessExpressionSyntax>()
                .Any(m => m.Name.Identifier.Text == "InvokeAsync" && m.Expression.ToString().EndsWith("Deployment.Instance", StringComparison.Ordinal)))
            .Select(c => c.Identifier.Text);

        var drift = new DriftReport();
        drift.ExpectSameNames(schema.Functions.Select(f => f.ClassName), invoked, "function classes");
        drift.AssertNone();
    }

    /// <summary>The three methods genFunction writes, as normalised "signature => call" text.</summary>
    private static IEnumerable<string> ExpectedMethods(SchemaFunction function)
    {
        var name = function.ClassName;
        var result = $"{name}Result";
        var (sigil, optional) = function.AllInputsOptional ? ("?", " = null") : ("", "");
        var hasArgs = function.Inputs is { Properties.Count: > 0 };
        var plainArgs = function.Inputs is null ? "" : $"{name}Args{sigil} args{optional}, ";
        var plainRef = function.Inputs is null ? "InvokeArgs.Empty" : $"args ?? new {name}Args()";
        var liftedArgs = hasArgs ? $"{name}InvokeArgs{sigil} args{optional}, " : "";
        var liftedArgsRequired = hasArgs ? $"{name}InvokeArgs args, " : "";
        var liftedRef = hasArgs ? $"args ?? new {name}InvokeArgs()" : "InvokeArgs.Empty";
        var call = $"(\"{function.Token}\", ";
        return new[]
        {
            $"public static Task<{result}> InvokeAsync({plainArgs}InvokeOptions? options = null) => global::Pulumi.Deployment.Instance.InvokeAsync<{result}>{call}{plainRef}, options.WithDefaults());",
            $"public static Output<{result}> Invoke({liftedArgs}InvokeOptions? options = null) => global::Pulumi.Deployment.Instance.Invoke<{result}>{call}{liftedRef}, options.WithDefaults());",
            $"public static Output<{result}> Invoke({liftedArgsRequired}InvokeOutputOptions options) => global::Pulumi.Deployment.Instance.Invoke<{result}>{call}{liftedRef}, options.WithDefaults());",
        }.Select(GeneratorRules.Normalize);
    }

    private static string Signature(MethodDeclarationSyntax method) => GeneratorRules.Normalize(
        $"{method.Modifiers} {method.ReturnType} {method.Identifier.Text}{method.ParameterList} {method.ExpressionBody};");

    private static void CheckArgs(SchemaFunction function, ClassDeclarationSyntax? args, string className, Func<SchemaProperty, string> expectedType, DriftReport drift)
    {
        if (args is null)
        {
            drift.Add($"{function.Token}: no `public sealed class {className} : global::Pulumi.InvokeArgs` in Pulumi.Omni");
            return;
        }

        drift.ExpectEqual("global::Pulumi.InvokeArgs", args.BaseList?.Types.FirstOrDefault()?.ToString(), $"{className} base class");
        drift.Expect(args.ToString().Contains($"public static new {className} Empty => new {className}();", StringComparison.Ordinal),
            $"{className}: no `public static new {className} Empty`");
        var inputs = SdkSources.Inputs(args).ToDictionary(i => i.WireName, StringComparer.Ordinal);
        drift.ExpectSameNames(function.Inputs!.Properties.Select(p => p.Name), inputs.Keys, $"{className} [Input]");
        foreach (var property in function.Inputs.Properties.Where(p => inputs.ContainsKey(p.Name)))
        {
            var sdk = inputs[property.Name];
            var what = $"{className}.{property.Name}";
            drift.ExpectEqual(SchemaNames.Pascal(property.Name), sdk.CSharpName, $"{what} C# name");
            drift.ExpectEqual(GeneratorRules.Normalize(expectedType(property)), GeneratorRules.Normalize(sdk.Type), $"{what} type");
            drift.Expect(sdk.Required == property.Required, $"{what}: required is {property.Required} in the schema but {sdk.Required} in [Input(...)]");
            drift.ExpectEqual(SdkMatchesSchemaTests.SummaryOf(property.Description), sdk.Summary, $"{what} doc");
        }
    }
}
