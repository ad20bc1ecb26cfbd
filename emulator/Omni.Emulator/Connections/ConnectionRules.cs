using System.Text.Json;
using System.Text.Json.Nodes;
using Omni.Emulator.Http;
using Omni.Emulator.ModelRoles;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Connections;

/// <summary>What POST and PATCH /api/v1/connections accept, per Omni's ConnectionsCreateBody and ConnectionsUpdateBody.</summary>
internal static class ConnectionRules
{
    private enum Kind
    {
        Text,
        Flag,
        Integer,
        TextOrList,
        HttpsUrl,
    }

    public static readonly IReadOnlyList<string> Dialects =
    [
        "athena", "bigquery", "clickhouse", "databricks", "databricks_lakebase", "exasol", "mariadb", "motherduck", "mssql", "mysql",
        "oracle", "postgres", "redshift", "sap_hana", "snowflake", "starrocks", "trino",
    ];

    /// <summary>The write-only fields: accepted, never stored, never returned.</summary>
    public static readonly IReadOnlyList<string> Secrets = ["passwordUnencrypted", "privateKey", "oauthClientSecretUnencrypted"];

    // Everything else ConnectionsCreateBody lists (and the two WIF fields the Terraform provider sends), by type.
    private static readonly Dictionary<string, Kind> Settings = new(StringComparer.Ordinal)
    {
        ["acceptsLicense"] = Kind.Flag, ["allowsUserSpecificTimezones"] = Kind.Flag, ["alwaysScopeViewNames"] = Kind.Flag,
        ["authenticationType"] = Kind.Text, ["awsRoleArn"] = Kind.Text, ["enableDbSemanticLayerIntegration"] = Kind.Flag,
        ["enableDbSemanticLayerTopics"] = Kind.Flag, ["externalOauthAudience"] = Kind.Text, ["externalOauthAuthorizationUrl"] = Kind.HttpsUrl,
        ["externalOauthTokenUrl"] = Kind.HttpsUrl, ["host"] = Kind.Text, ["hostOverride"] = Kind.Text, ["includeOtherCatalogs"] = Kind.Text,
        ["includeSchemas"] = Kind.Text, ["inferRelationshipsFromColumnNames"] = Kind.Flag, ["inferRelationshipsFromForeignKeys"] = Kind.Flag,
        ["maxBillingBytes"] = Kind.Text, ["oauthClientId"] = Kind.Text, ["offloadedSchemas"] = Kind.TextOrList, ["port"] = Kind.Integer,
        ["queryTimeoutSeconds"] = Kind.Integer, ["queryTimezone"] = Kind.Text, ["region"] = Kind.Text, ["scratchSchema"] = Kind.Text,
        ["systemTimezone"] = Kind.Text, ["trustServerCertificate"] = Kind.Flag, ["useMachineAuth"] = Kind.Flag, ["username"] = Kind.Text,
        ["warehouse"] = Kind.Text, ["wifAudience"] = Kind.Text, ["wifServiceAccountEmail"] = Kind.Text,
    };

    private static readonly string[] Columns = ["dialect", "name", "database", "defaultSchema", "baseRole"];

    private static readonly string[] UpdateFields = ["baseRole", "environmentUserAttribute", "passwordUnencrypted", "privateKey"];

    /// <summary>A new connection from a create body; 400 naming the field for anything Omni would refuse.</summary>
    public static StoredConnection ParseCreate(JsonObject body)
    {
        BodyFields.RejectUnknown(body, [.. Columns, .. Secrets, .. Settings.Keys],
            "See ConnectionsCreateBody in Omni's API reference for the fields a connection takes.");
        var dialect = BodyFields.OptionalEnum(body, "dialect", Dialects) ?? throw ApiProblem.BadRequest("dialect: Required");
        var name = BodyFields.RequiredString(body, "name");
        var secrets = Secrets.Where(field => RequestBody.OptionalString(body, field) is { Length: > 0 }).ToList();
        var keyPair = dialect == "snowflake" && secrets.Contains("privateKey");
        if (!keyPair && !secrets.Contains("passwordUnencrypted"))
        {
            throw ApiProblem.BadRequest("passwordUnencrypted: Required (omit it only for a Snowflake connection with privateKey)");
        }

        var settings = new JsonObject();
        foreach (var (field, kind) in Settings)
        {
            if (body[field] is { } node)
            {
                settings[field] = Check(field, kind, node).DeepClone();
            }
        }

        CheckDialectRules(dialect, body, settings);
        var defaultSchema = RequestBody.OptionalString(body, "defaultSchema");
        return new StoredConnection(
            Id: Guid.NewGuid().ToString("D"),
            Name: name,
            Dialect: dialect,
            Database: RequestBody.OptionalString(body, "database"),
            // Omni has been seen to store a Snowflake connection's defaultSchema as null (Terraform provider TC f26).
            DefaultSchema: dialect == "snowflake" ? null : defaultSchema,
            BaseRole: BodyFields.OptionalEnum(body, "baseRole", RoleCatalog.ConnectionBaseRoles),
            Settings: settings,
            SecretsSet: secrets,
            EnvironmentAttribute: null,
            EnvironmentDefaultValues: null,
            Created: "",
            Updated: "",
            DeletedAt: null);
    }

    /// <summary>The change a PATCH body asks for, and the message Omni answers with; 400 for an empty body or a field PATCH cannot change.</summary>
    public static (Func<StoredConnection, StoredConnection> Change, string Message) ParseUpdate(JsonObject body)
    {
        BodyFields.RejectUnknown(body, UpdateFields,
            $"Only {string.Join(", ", UpdateFields)} can be changed; any other field needs a new connection.");
        if (body.Count == 0)
        {
            throw ApiProblem.BadRequest("At least one field must be provided");
        }

        var baseRole = BodyFields.OptionalEnum(body, "baseRole", RoleCatalog.ConnectionBaseRoles);
        var rotated = new[] { "passwordUnencrypted", "privateKey" }.Where(field => RequestBody.OptionalString(body, field) is not null).ToList();
        foreach (var field in rotated)
        {
            BodyFields.RequiredString(body, field);
        }

        var hasEnvironment = body.TryGetPropertyValue("environmentUserAttribute", out var environmentNode);
        var (attribute, defaults) = hasEnvironment ? ParseEnvironmentAttribute(environmentNode) : (null, null);
        var changed = new List<string>();
        if (baseRole is not null)
        {
            changed.Add("default role");
        }

        if (hasEnvironment)
        {
            changed.Add("environment user attribute");
        }

        if (rotated.Count > 0)
        {
            changed.Add("credentials");
        }

        return (current => current with
        {
            BaseRole = baseRole ?? current.BaseRole,
            SecretsSet = [.. current.SecretsSet.Union(rotated)],
            EnvironmentAttribute = hasEnvironment ? attribute : current.EnvironmentAttribute,
            EnvironmentDefaultValues = hasEnvironment ? defaults : current.EnvironmentDefaultValues,
        }, $"Updated connection {string.Join(", ", changed)}.");
    }

    private static (string? Attribute, IReadOnlyList<string>? Defaults) ParseEnvironmentAttribute(JsonNode? node)
    {
        if (node is null)
        {
            return (null, null);
        }

        if (node is not JsonObject settings)
        {
            throw ApiProblem.BadRequest($"environmentUserAttribute: Expected an object or null, received {RequestBody.Describe(node)}");
        }

        BodyFields.RejectUnknown(settings, ["attributeName", "defaultValues"], "environmentUserAttribute takes attributeName and defaultValues.");
        if (!settings.ContainsKey("defaultValues"))
        {
            throw ApiProblem.BadRequest("environmentUserAttribute.defaultValues: Required (an array of strings, or null)");
        }

        return (BodyFields.RequiredString(settings, "attributeName"), BodyFields.OptionalStringList(settings, "defaultValues"));
    }

    private static JsonNode Check(string field, Kind kind, JsonNode node)
    {
        var valueKind = node.GetValueKind();
        var ok = kind switch
        {
            Kind.Flag => valueKind is JsonValueKind.True or JsonValueKind.False,
            Kind.Integer => valueKind == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out _),
            Kind.TextOrList => valueKind == JsonValueKind.String
                || (node is JsonArray list && list.All(item => item?.GetValueKind() == JsonValueKind.String)),
            _ => valueKind == JsonValueKind.String,
        };
        if (!ok)
        {
            var expected = kind switch
            {
                Kind.Flag => "a boolean",
                Kind.Integer => "an integer",
                Kind.TextOrList => "a string or an array of strings",
                _ => "a string",
            };
            throw ApiProblem.BadRequest($"{field}: Expected {expected}, received {RequestBody.Describe(node)}");
        }

        if (kind == Kind.HttpsUrl
            && (!Uri.TryCreate(node.GetValue<string>(), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps))
        {
            throw ApiProblem.BadRequest($"{field}: must be an https URL");
        }

        return node;
    }

    private static void CheckDialectRules(string dialect, JsonObject body, JsonObject settings)
    {
        if (settings["queryTimeoutSeconds"] is { } timeout && timeout.GetValue<int>() is < 1 or > 3600)
        {
            throw ApiProblem.BadRequest("queryTimeoutSeconds: must be between 1 and 3600 (one hour)");
        }

        if (settings["port"] is { } port && port.GetValue<int>() is < 1 or > 65535)
        {
            throw ApiProblem.BadRequest("port: must be between 1 and 65535");
        }

        if (settings.ContainsKey("host") && settings.ContainsKey("hostOverride"))
        {
            throw ApiProblem.BadRequest("hostOverride: cannot be combined with host; give one of them");
        }

        if (dialect == "mssql" && string.IsNullOrWhiteSpace(RequestBody.OptionalString(body, "defaultSchema")))
        {
            throw ApiProblem.BadRequest("defaultSchema: Required for mssql connections");
        }

        if (dialect is "bigquery" or "athena" && string.IsNullOrWhiteSpace(settings["region"]?.GetValue<string>()))
        {
            throw ApiProblem.BadRequest($"region: Required for {dialect} connections");
        }
    }
}
