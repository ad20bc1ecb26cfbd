namespace Omni.Codegen.Nodejs;

/// <summary>
/// One function's module (gen.go genFunction, genFunctionOutputVersion): `getX(args, opts)` returning a Promise
/// through pulumi.runtime.invoke, and `getXOutput(args, opts)` taking Inputs and returning an Output through
/// pulumi.runtime.invokeOutput (which keeps secrets and dependencies), each with its Args interface.
/// </summary>
internal sealed class FunctionFile(NodePackage package, TsTypes types, NodeFunction function)
{
    private readonly TsImports imports = new();
    private readonly TsWriter body = new();

    private string Name => function.Name;

    private string Title => TsNames.Title(function.Name);

    public (string Content, TsExport Export) Generate()
    {
        var interfaces = new List<string>();
        var returnType = ReturnType();
        var argsOptional = function.Inputs is null || function.Inputs.All(p => !p.Required);

        WriteFunction(Name, function.Inputs is null ? "" : $"args{(argsOptional ? "?" : "")}: {Title}Args, ",
            "pulumi.InvokeOptions", $"Promise<{returnType}>", "invoke", argsOptional);
        if (function.Inputs is { } inputs)
        {
            body.Line();
            ResourceFile.WritePlainType(body, types, imports, function.Module, $"{Title}Args", function.InputsDescription, inputs, TsShape.Plain, readOnly: false, "");
            interfaces.Add($"{Title}Args");
        }

        if (function.Outputs is { } outputs)
        {
            body.Line();
            ResourceFile.WritePlainType(body, types, imports, function.Module, $"{Title}Result", function.OutputsDescription, outputs, TsShape.Output, readOnly: true, "");
            interfaces.Add($"{Title}Result");
        }

        var outputArgs = function.Inputs is { Count: > 0 } ? $"args{(argsOptional ? "?" : "")}: {Title}OutputArgs, " : "";
        WriteFunction(Name + "Output", outputArgs, "pulumi.InvokeOutputOptions", $"pulumi.Output<{returnType}>", "invokeOutput", argsOptional);
        if (function.Inputs is { Count: > 0 })
        {
            body.Line();
            ResourceFile.WritePlainType(body, types, imports, function.Module, $"{Title}OutputArgs", function.InputsDescription, function.Inputs, TsShape.Input, readOnly: false, "");
            interfaces.Add($"{Title}OutputArgs");
        }

        var file = new TsWriter()
            .Header(TsModules.SdkImports(package, function.Module, imports.NeedsTypes, utilities: true), imports)
            .Raw(body.ToString());
        var fileName = NodejsGenerator.IsReservedFileName(Name + ".ts", function.Module) ? Name + "_.ts" : Name + ".ts";
        return (file.ToString(), new TsExport(fileName, null, interfaces, [Name, Name + "Output"]));
    }

    private string ReturnType() =>
        function.ReturnTypeRef is { } reference
            ? types.TypeOf(reference, TsShape.Output, function.Module, imports)
            : $"{Title}Result";

    private void WriteFunction(string name, string argsSignature, string optionsType, string returnType, string runtimeCall, bool argsOptional)
    {
        body.Comment(function.Description);
        if (function.Deprecation.Length > 0)
        {
            body.Line($"/** @deprecated {function.Deprecation} */");
        }

        body.Line($"export function {name}({argsSignature}opts?: {optionsType}): {returnType} {{");
        if (function.Deprecation.Length > 0)
        {
            body.Line($"    pulumi.log.warn({TsNames.Quote($"{Name} is deprecated: {function.Deprecation}")})");
        }

        if (argsSignature.Length > 0 && argsOptional)
        {
            body.Line("    args = args || {};");
        }

        body.Line("    opts = pulumi.mergeOptions(utilities.resourceOptsDefaults(), opts || {});");
        body.Line($"    return pulumi.runtime.{runtimeCall}(\"{function.Token}\", {{");
        if (argsSignature.Length > 0)
        {
            foreach (var input in function.Inputs!)
            {
                body.Line($"        \"{input.Name}\": args.{input.Name},");
            }
        }

        body.Line("    }, opts);");
        body.Line("}");
    }
}
