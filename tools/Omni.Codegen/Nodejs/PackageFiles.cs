using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Omni.Codegen.Nodejs;

/// <summary>The package's metadata and helpers (gen.go genPackageMetadata, genUtilitiesFile): package.json, tsconfig.json, README.md, utilities.ts.</summary>
internal static class PackageFiles
{
    /// <summary>
    /// The oldest @pulumi/pulumi the generated code compiles against (Pulumi's MinimumValidSDKVersion for
    /// invokeOutput), and the TypeScript and Node types the SDK's own tests compile it with.
    /// </summary>
    private const string MinimumPulumiVersion = "^3.142.0";
    private const string TypeScriptVersion = "^5.9.3";
    private const string NodeTypesVersion = "^20.19.0";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// package.json: `@pulumi/{name}` unless language.nodejs.packageName says otherwise; the version is the
    /// schema's (so the SDK asks the engine for that plugin version), and the `pulumi` block tells the engine
    /// which resource plugin (and from where, with pluginDownloadURL) the package needs.
    /// </summary>
    public static string PackageJson(NodePackage package)
    {
        var dependencies = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, version) in package.Language.Dependencies)
        {
            dependencies[name] = version;
        }

        dependencies.TryAdd("@pulumi/pulumi", MinimumPulumiVersion);
        var devDependencies = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["@types/node"] = NodeTypesVersion,
            ["typescript"] = package.Language.TypeScriptVersion ?? TypeScriptVersion,
        };
        foreach (var (name, version) in package.Language.DevDependencies)
        {
            devDependencies[name] = version;
        }

        var json = new JsonObject { ["name"] = package.Language.PackageName ?? $"@pulumi/{package.Name}", ["version"] = package.Version };
        AddIfSet(json, "description", package.Language.PackageDescription ?? package.Description);
        if (package.Keywords.Count > 0)
        {
            json["keywords"] = new JsonArray([.. package.Keywords.Select(k => JsonValue.Create(k))]);
        }

        AddIfSet(json, "homepage", package.Homepage);
        AddIfSet(json, "repository", package.Repository);
        AddIfSet(json, "license", package.License);
        json["scripts"] = new JsonObject { ["build"] = "tsc" };
        json["dependencies"] = ToJson(dependencies);
        json["devDependencies"] = ToJson(devDependencies);
        var plugin = new JsonObject { ["resource"] = true, ["name"] = package.Name, ["version"] = package.Version };
        AddIfSet(plugin, "server", package.PluginDownloadUrl);
        json["pulumi"] = plugin;
        return json.ToJsonString(Json) + "\n";
    }

    /// <summary>tsconfig.json: strict, CommonJS into bin/, every generated .ts file listed.</summary>
    public static string TsConfig(IEnumerable<string> tsFiles)
    {
        var files = tsFiles.OrderBy(f => f, StringComparer.Ordinal).ToList();
        var w = new TsWriter();
        w.Line("{");
        w.Line("    \"compilerOptions\": {");
        w.Line("        \"outDir\": \"bin\",");
        w.Line("        \"target\": \"ES2020\",");
        w.Line("        \"module\": \"commonjs\",");
        w.Line("        \"moduleResolution\": \"node\",");
        w.Line("        \"declaration\": true,");
        w.Line("        \"sourceMap\": true,");
        w.Line("        \"stripInternal\": true,");
        w.Line("        \"experimentalDecorators\": true,");
        w.Line("        \"noFallthroughCasesInSwitch\": true,");
        w.Line("        \"forceConsistentCasingInFileNames\": true,");
        w.Line("        \"strict\": true");
        w.Line("    },");
        w.Line("    \"files\": [");
        for (var i = 0; i < files.Count; i++)
        {
            w.Line($"        \"{files[i]}\"{(i == files.Count - 1 ? "" : ",")}");
        }

        w.Line("    ]");
        w.Line("}");
        return w.ToString();
    }

    public static string Readme(NodePackage package)
    {
        var readme = package.Language.Readme ?? package.Description;
        return readme.Length == 0 || readme.EndsWith('\n') ? readme : readme + "\n";
    }

    /// <summary>utilities.ts: Pulumi's helpers, with the schema's pluginDownloadURL in every resource's and invoke's default options.</summary>
    public static string Utilities(NodePackage package)
    {
        var downloadUrl = package.PluginDownloadUrl is { } url ? $", pluginDownloadURL: {TsNames.Quote(url)}" : "";
        return new TsWriter()
            .Header([])
            .Raw(UtilitiesTemplate.Replace("/*pluginDownloadURL*/", downloadUrl, StringComparison.Ordinal))
            .ToString();
    }

    private static JsonObject ToJson(SortedDictionary<string, string> map)
    {
        var json = new JsonObject();
        foreach (var (key, value) in map)
        {
            json[key] = value;
        }

        return json;
    }

    private static void AddIfSet(JsonObject json, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json[key] = value;
        }
    }

    private const string UtilitiesTemplate = """
        import * as pulumi from "@pulumi/pulumi";

        /** The first of these environment variables that is set and not empty. */
        export function getEnv(...vars: string[]): string | undefined {
            return vars.map(name => process.env[name]).find(value => value !== undefined && value !== "");
        }

        const trueWords = new Set(["1", "t", "T", "true", "TRUE", "True"]);
        const falseWords = new Set(["0", "f", "F", "false", "FALSE", "False"]);

        /** The first set variable read as a boolean (Go's strconv.ParseBool words); undefined when unset or not a boolean. */
        export function getEnvBoolean(...vars: string[]): boolean | undefined {
            const text = getEnv(...vars);
            return text === undefined ? undefined : trueWords.has(text) ? true : falseWords.has(text) ? false : undefined;
        }

        /** The first set variable read as a number; undefined when unset or not a number. */
        export function getEnvNumber(...vars: string[]): number | undefined {
            const text = getEnv(...vars);
            const value = text === undefined ? NaN : parseFloat(text);
            return isNaN(value) ? undefined : value;
        }

        /** This package's version (package.json beside the compiled code), without a leading "v". */
        export function getVersion(): string {
            const version: string = require("./package.json").version;
            return version.startsWith("v") ? version.slice(1) : version;
        }

        /**
         * The options every resource and invoke of this package starts from: the plugin version (and download URL)
         * the engine must use, which a program's own options may override.
         * @internal
         */
        export function resourceOptsDefaults(): any {
            return { version: getVersion()/*pluginDownloadURL*/ };
        }

        /**
         * Defines each name on `exports` as a getter that loads its module on first use, so a program pays only
         * for the resources and functions it touches.
         * @internal
         */
        export function lazyLoad(exports: any, names: string[], loadModule: () => any) {
            for (const name of names) {
                Object.defineProperty(exports, name, {
                    enumerable: true,
                    get: () => loadModule()[name],
                });
            }
        }

        /**
         * A secret input's default (e.g. read from the environment) as a secret, or undefined when there is none.
         * @internal
         */
        export function secretIfDefined(value: pulumi.Input<any> | undefined): pulumi.Output<any> | undefined {
            return value === undefined ? undefined : pulumi.secret(value);
        }

        """;
}
