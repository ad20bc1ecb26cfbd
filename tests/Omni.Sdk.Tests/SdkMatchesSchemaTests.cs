using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace Omni.Sdk.Tests;

/// <summary>
/// sdk/dotnet must say exactly what sdk/schema.json says: same resources, property names, C# types,
/// required and secret flags, defaults, config keys and doc comments, in the generator's shape.
/// </summary>
public sealed class SdkMatchesSchemaTests(SchemaFixture fixture, ITestOutputHelper output) : IClassFixture<SchemaFixture>
{
    [Fact]
    public void Sdk_sources_parse_without_syntax_errors()
    {
        Assert.NotEmpty(fixture.Sdk.Trees);
        var errors = fixture.Sdk.Trees
            .SelectMany(t => t.GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [SkippableFact]
    public void Each_resource_and_the_provider_has_the_schemas_outputs()
    {
        var schema = fixture.SchemaOrSkip();

        var drift = new DriftReport();
        foreach (var resource in schema.Resources.Append(schema.Provider))
        {
            if (fixture.Sdk.ResourceClass(resource.Token) is not { } cls)
            {
                drift.Add($"{resource.Token}: no class with [OmniResourceType(\"{resource.Token}\")]");
                continue;
            }

            output.WriteLine($"{resource.Token} → {cls.Identifier.Text}");
            drift.ExpectEqual(resource.ClassName, cls.Identifier.Text, $"{resource.Token} class name");
            var baseType = cls.BaseList?.Types.FirstOrDefault()?.ToString();
            drift.ExpectEqual(resource.IsProvider ? "global::Pulumi.ProviderResource" : "global::Pulumi.CustomResource", baseType, $"{resource.Token} base class");
            var expectedBaseToken = resource.IsProvider ? schema.Name : resource.Token;
            foreach (var token in SdkSources.BaseTokens(cls))
            {
                drift.ExpectEqual(expectedBaseToken, token, $"{resource.Token} base(...) type token");
            }

            drift.ExpectEqual(
                SummaryOf(resource.IsProvider ? ProviderDescription(schema.Name, resource.Description) : resource.Description),
                SdkSources.Summary(cls),
                $"{resource.Token} class doc");

            var outputs = SdkSources.Outputs(cls).ToDictionary(o => o.WireName, StringComparer.Ordinal);
            drift.ExpectSameNames(resource.Outputs.Properties.Select(p => p.Name), outputs.Keys, $"{resource.Token} [Output]");
            foreach (var property in resource.Outputs.Properties)
            {
                if (!outputs.TryGetValue(property.Name, out var sdk))
                {
                    continue;
                }

                var expected = resource.IsProvider && !GeneratorRules.IsPrimitive(property.Spec)
                    ? (property.Required ? "string" : "string?")
                    : GeneratorRules.OutputType(schema, property.Spec, property.Required);
                drift.ExpectEqual(GeneratorRules.Normalize(expected), GeneratorRules.Normalize(sdk.Type), $"{resource.Token}.{property.Name} Output<T>");
                drift.ExpectEqual(SchemaNames.Pascal(property.Name), sdk.CSharpName, $"{resource.Token}.{property.Name} C# name");
                drift.ExpectEqual(SummaryOf(property.Description), sdk.Summary, $"{resource.Token}.{property.Name} doc");
            }

            drift.ExpectSameNames(
                resource.Outputs.Properties.Where(p => p.Secret).Select(p => p.Name),
                SdkSources.AdditionalSecretOutputs(cls),
                $"{resource.Token} AdditionalSecretOutputs");
        }

        drift.AssertNone();
    }

    [SkippableFact]
    public void Each_args_class_has_the_schemas_inputs_required_flags_and_defaults()
    {
        var schema = fixture.SchemaOrSkip();

        var drift = new DriftReport();
        foreach (var resource in schema.Resources.Append(schema.Provider))
        {
            CheckArgs(schema, resource, resource.Inputs, $"{resource.ClassName}Args", drift);
            if (resource.StateInputs is { } state)
            {
                CheckArgs(schema, resource, state, $"{resource.ClassName}State", drift);
            }
            else
            {
                drift.Expect(fixture.Sdk.Class($"{resource.ClassName}State") is null,
                    $"{resource.Token}: the schema has no stateInputs, so the generator writes no {resource.ClassName}State");
            }
        }

        drift.AssertNone();
    }

    [SkippableFact]
    public void Secret_inputs_are_wrapped_in_a_secret_output()
    {
        var schema = fixture.SchemaOrSkip();

        var drift = new DriftReport();
        var checkedAny = false;
        foreach (var resource in schema.Resources.Append(schema.Provider))
        {
            if (fixture.Sdk.Class($"{resource.ClassName}Args", "Pulumi.Omni") is not { } args)
            {
                continue;
            }

            var inputs = SdkSources.Inputs(args).ToDictionary(i => i.WireName, StringComparer.Ordinal);
            foreach (var property in resource.Inputs.Properties.Where(p => inputs.ContainsKey(p.Name)))
            {
                var setter = inputs[property.Name].SetterText ?? "";
                var wrapped = setter.Contains("Output.CreateSecret(", StringComparison.Ordinal);
                checkedAny |= property.Secret;
                drift.Expect(wrapped == property.Secret, property.Secret
                    ? $"{resource.Token}.{property.Name} is secret in the schema but its setter does not wrap it with Output.CreateSecret"
                    : $"{resource.Token}.{property.Name} is not secret in the schema but its setter makes it secret");
            }
        }

        output.WriteLine(checkedAny ? "secret inputs checked" : "the schema declares no secret inputs");
        drift.AssertNone();
    }

    [SkippableFact]
    public void Output_types_match_the_schemas_object_types()
    {
        var schema = fixture.SchemaOrSkip();

        var drift = new DriftReport();
        var sdkOutputTypes = fixture.Sdk.Classes
            .Where(c => SdkSources.HasAttribute(c.AttributeLists, "OutputType") && SdkSources.Namespace(c) == "Pulumi.Omni.Outputs")
            .ToDictionary(c => c.Identifier.Text, StringComparer.Ordinal);
        drift.ExpectSameNames(schema.Types.Select(t => SchemaNames.ClassName(t.Token)), sdkOutputTypes.Keys, "[OutputType] classes in Pulumi.Omni.Outputs");

        foreach (var type in schema.Types)
        {
            if (!sdkOutputTypes.TryGetValue(SchemaNames.ClassName(type.Token), out var cls))
            {
                continue;
            }

            var fields = cls.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.FieldDeclarationSyntax>()
                .Where(f => f.Modifiers.Any(m => m.IsKind(SyntaxKind.ReadOnlyKeyword)))
                .SelectMany(f => f.Declaration.Variables.Select(v => (Name: v.Identifier.Text, Type: f.Declaration.Type.ToString(), Field: f)))
                .ToDictionary(f => f.Name, StringComparer.Ordinal);
            drift.ExpectSameNames(type.Properties.Select(p => SchemaNames.Pascal(p.Name)), fields.Keys, $"{type.Token} fields");

            var constructor = cls.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax>()
                .FirstOrDefault(c => SdkSources.HasAttribute(c.AttributeLists, "OutputConstructor"));
            drift.Expect(constructor is not null, $"{type.Token}: no [OutputConstructor] constructor");
            drift.ExpectSameNames(
                type.Properties.Select(p => p.Name),
                constructor?.ParameterList.Parameters.Select(p => p.Identifier.Text) ?? [],
                $"{type.Token} [OutputConstructor] parameters");

            foreach (var property in type.Properties.Where(p => fields.ContainsKey(SchemaNames.Pascal(p.Name))))
            {
                var field = fields[SchemaNames.Pascal(property.Name)];
                // Output types refer to each other as Outputs.X too (pulumi-dotnet codegen testdata output-funcs/Outputs/SsisEnvironmentResponse.cs).
                var expected = GeneratorRules.OutputType(schema, property.Spec, property.Required);
                drift.ExpectEqual(GeneratorRules.Normalize(expected), GeneratorRules.Normalize(field.Type), $"{type.Token}.{property.Name} field type");
                drift.ExpectEqual(SummaryOf(property.Description), SdkSources.Summary(field.Field), $"{type.Token}.{property.Name} doc");
            }
        }

        drift.AssertNone();
    }

    [SkippableFact]
    public void Config_class_reads_every_config_variable_with_its_default()
    {
        var schema = fixture.SchemaOrSkip();

        var drift = new DriftReport();
        var config = fixture.Sdk.Class("Config", "Pulumi.Omni");
        if (schema.Config.Properties.Count == 0)
        {
            drift.Expect(config is null, "the schema has no config variables, so the generator writes no Config class");
            drift.AssertNone();
            return;
        }

        if (config is null)
        {
            drift.Add("sdk/dotnet/Config/Config.cs: no `public static class Config` in namespace Pulumi.Omni");
            drift.AssertNone();
            return;
        }

        var source = config.ToString();
        drift.Expect(source.Contains($"new global::Pulumi.Config(\"{schema.Name}\")", StringComparison.Ordinal),
            $"Config must read the \"{schema.Name}\" namespace");
        var holders = config.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.FieldDeclarationSyntax>()
            .SelectMany(f => f.Declaration.Variables)
            .Where(v => v.Identifier.Text.StartsWith('_') && v.Identifier.Text != "__config")
            .ToDictionary(v => v.Identifier.Text[1..], v => v.Initializer?.Value.ToString() ?? "", StringComparer.Ordinal);
        var properties = config.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax>()
            .ToDictionary(p => p.Identifier.Text, StringComparer.Ordinal);

        drift.ExpectSameNames(schema.Config.Properties.Select(p => p.Name), holders.Keys, "config keys (__Value holders)");
        drift.ExpectSameNames(schema.Config.Properties.Select(p => SchemaNames.Pascal(p.Name)), properties.Keys, "config properties");
        foreach (var variable in schema.Config.Properties.Where(v => holders.ContainsKey(v.Name)))
        {
            var (type, getter) = GeneratorRules.ConfigProperty(schema, variable.Spec);
            var initializer = $"__config.{getter}(\"{variable.Name}\")";
            if (GeneratorRules.DefaultExpression(variable) is { } dv)
            {
                initializer += " ?? " + dv;
            }

            drift.ExpectEqual(
                GeneratorRules.Normalize($"new __Value<{type}>(() => {initializer})"),
                GeneratorRules.Normalize(holders[variable.Name]),
                $"config {variable.Name} holder");
            if (properties.TryGetValue(SchemaNames.Pascal(variable.Name), out var property))
            {
                drift.ExpectEqual(GeneratorRules.Normalize(type), GeneratorRules.Normalize(property.Type.ToString()), $"config {variable.Name} type");
                drift.ExpectEqual(SummaryOf(variable.Description), SdkSources.Summary(property), $"config {variable.Name} doc");
            }
        }

        drift.AssertNone();
    }

    [SkippableFact]
    public void Plugin_metadata_and_version_match_the_schema()
    {
        var schema = fixture.SchemaOrSkip();

        var drift = new DriftReport();
        var version = (string?)schema.Root["version"];
        var plugin = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.DotnetSdk, "pulumi-plugin.json")))!;
        drift.Expect(plugin["resource"]?.GetValue<bool>() == true, "pulumi-plugin.json: \"resource\" must be true");
        drift.ExpectEqual(schema.Name, (string?)plugin["name"], "pulumi-plugin.json name");
        drift.ExpectEqual(version, (string?)plugin["version"], "pulumi-plugin.json version");
        drift.ExpectEqual((string?)schema.Root["pluginDownloadURL"], (string?)plugin["server"], "pulumi-plugin.json server");
        drift.ExpectEqual(version, File.ReadAllText(Path.Combine(RepositoryPaths.DotnetSdk, "version.txt")).Trim(), "version.txt");
        var csproj = File.ReadAllText(Path.Combine(RepositoryPaths.DotnetSdk, "Pulumi.Omni.csproj"));
        drift.Expect(csproj.Contains($"<Version>{version}</Version>", StringComparison.Ordinal), $"Pulumi.Omni.csproj: <Version> must be {version}");
        drift.Expect(csproj.Contains("<EmbeddedResource Include=\"version.txt\" />", StringComparison.Ordinal), "Pulumi.Omni.csproj must embed version.txt (Utilities.Version reads it)");
        drift.Expect(csproj.Contains("<PackageReference Include=\"Pulumi\"", StringComparison.Ordinal), "Pulumi.Omni.csproj must reference the Pulumi package");
        foreach (var (package, range) in schema.Root["language"]?["csharp"]?["packageReferences"] as JsonObject ?? [])
        {
            var reference = $"<PackageReference Include=\"{package}\" Version=\"{(string?)range}\" />";
            drift.Expect(csproj.Contains(reference, StringComparison.Ordinal), $"Pulumi.Omni.csproj: language.csharp.packageReferences wants `{reference}`");
        }

        var description = (string?)schema.Root["description"] ?? "";
        drift.ExpectEqual(description.Trim(), File.ReadAllText(Path.Combine(RepositoryPaths.DotnetSdk, "README.md")).Trim(), "sdk/dotnet/README.md (the package description)");
        drift.Expect(csproj.Contains($"<Description>{XmlText(description)}</Description>", StringComparison.Ordinal),
            "Pulumi.Omni.csproj: <Description> must be the schema's description");
        drift.AssertNone();
    }

    private void CheckArgs(PackageSchema schema, SchemaResource resource, SchemaObject inputs, string className, DriftReport drift)
    {
        if (fixture.Sdk.Class(className, "Pulumi.Omni") is not { } args)
        {
            drift.Add($"{resource.Token}: no class {className}");
            return;
        }

        drift.ExpectEqual("global::Pulumi.ResourceArgs", args.BaseList?.Types.FirstOrDefault()?.ToString(), $"{className} base class");
        var sdkInputs = SdkSources.Inputs(args).ToDictionary(i => i.WireName, StringComparer.Ordinal);
        drift.ExpectSameNames(inputs.Properties.Select(p => p.Name), sdkInputs.Keys, $"{className} [Input]");
        foreach (var property in inputs.Properties.Where(p => sdkInputs.ContainsKey(p.Name)))
        {
            var sdk = sdkInputs[property.Name];
            var what = $"{className}.{property.Name}";
            drift.ExpectEqual(SchemaNames.Pascal(property.Name), sdk.CSharpName, $"{what} C# name");
            drift.ExpectEqual(
                GeneratorRules.Normalize(GeneratorRules.InputType(schema, property.Spec, property.Required)),
                GeneratorRules.Normalize(sdk.Type),
                $"{what} type");
            drift.Expect(sdk.Required == property.Required,
                $"{what}: required is {property.Required} in the schema but {sdk.Required} in [Input(...)]");
            var json = resource.IsProvider && GeneratorRules.IsJsonProviderInput(property.Spec);
            drift.Expect(sdk.Json == json, $"{what}: a provider input that is not a string needs [Input(..., json: true)], others must not have it");
            drift.ExpectEqual(SummaryOf(property.Description), sdk.Summary, $"{what} doc");
        }

        var expectedDefaults = inputs.Properties
            .Select(p => (Name: SchemaNames.Pascal(p.Name), Default: GeneratorRules.DefaultExpression(p)))
            .Where(d => d.Default is not null)
            .ToDictionary(d => d.Name, d => GeneratorRules.Normalize(d.Default!), StringComparer.Ordinal);
        var actualDefaults = SdkSources.ConstructorAssignments(args)
            .ToDictionary(a => a.Key, a => GeneratorRules.Normalize(a.Value), StringComparer.Ordinal);
        drift.ExpectSameNames(expectedDefaults.Keys, actualDefaults.Keys, $"{className}() defaults");
        foreach (var (name, expected) in expectedDefaults.Where(d => actualDefaults.ContainsKey(d.Key)))
        {
            drift.ExpectEqual(expected, actualDefaults[name], $"{className}() default of {name}");
        }
    }

    /// <summary>The generator's doc text for a description: XML-escaped, here compared with whitespace collapsed.</summary>
    internal static string? SummaryOf(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var escaped = description.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
        return string.Join(" ", escaped.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static string XmlText(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>The generator documents the provider class with a fixed text when the schema gives none.</summary>
    private static string ProviderDescription(string package, string? description) =>
        string.IsNullOrWhiteSpace(description)
            ? $"The provider type for the {package} package. By default, resources use package-wide configuration settings, however an explicit `Provider` instance may be created and passed during resource construction to achieve fine-grained programmatic control over provider settings. See the [documentation](https://www.pulumi.com/docs/reference/programming-model/#providers) for more information."
            : description;
}
