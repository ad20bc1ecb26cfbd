using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Resources.Connections;

/// <summary>
/// <c>omni:index:Connection</c>: a database connection. Omni's PATCH changes only baseRole and the
/// credentials, so every other input replaces the connection (ConnectionArgs' ReplaceOnChanges) and
/// the framework's diff says so in the preview. The environment user attribute (which connection
/// environment a user gets) is a PATCH field Omni's create does not take: it is set by a PATCH right
/// after the POST. Omni never returns credentials, host, port, username,
/// warehouse, region or the timeout: state keeps them from the inputs (credentials as secrets), and
/// drift in them cannot be seen.
/// </summary>
[PulumiResource("omni:index:Connection", Description = "A database connection of the Omni organisation (`/api/v1/connections`). "
    + "Its id is Omni's connection id (a UUID); import with `pulumi import omni:index:Connection <name> <connectionId>`. "
    + "`password` and `privateKey` are write-only in Omni: they are kept from your inputs as secrets, never read back, and changing them "
    + "rotates the credential in place (PATCH). `baseRole`, `environmentUserAttribute` and `environmentDefaultValues` also change in place; "
    + "every other input replaces the connection, since Omni's PATCH cannot change it. Omni reads back only name, dialect, database, defaultSchema, "
    + "baseRole and the environment attribute, so refresh detects drift in those only; "
    + "an imported connection has no credentials in state, so the first `pulumi up` with a password sets it again (in place). "
    + "Destroy moves the connection and its models to Omni's trash (soft delete); a connection already deleted counts as done.")]
internal sealed class ConnectionResource(OmniSession omni, IEngineLog log) :
    ICheck<ConnectionArgs>, ICreate<ConnectionArgs, ConnectionState>, IRead<ConnectionArgs, ConnectionState>,
    IUpdate<ConnectionArgs, ConnectionState>, IDelete<ConnectionState>
{
    // ---- Check: the per-dialect rules of Omni's ConnectionsCreateBody, before any call ---------

    public Task<CheckResult<ConnectionArgs>> CheckAsync(CheckRequest<ConnectionArgs> request, CancellationToken cancellationToken)
    {
        var news = request.News;
        var args = news.Value;
        var failures = new List<CheckFailure>();
        var dialectKnown = !news.IsUnknown(a => a.Dialect);
        var keyPair = args.PrivateKey is not null || news.IsUnknown(a => a.PrivateKey);
        if (dialectKnown && args.Password is null && !news.IsUnknown(a => a.Password) && !(keyPair && args.Dialect == "snowflake"))
        {
            failures.Add(news.Fail(a => a.Password, args.Dialect == "snowflake"
                ? "'password' is required unless 'privateKey' is set (Snowflake key-pair authentication); set one of them, e.g. from `pulumi config set --secret`."
                : $"'password' is required for a {args.Dialect} connection; set it from a secret, e.g. `pulumi config set --secret dbPassword ...`."));
        }

        if (dialectKnown && args.Dialect == "mssql" && args.DefaultSchema is null && !news.IsUnknown(a => a.DefaultSchema))
        {
            failures.Add(news.Fail(a => a.DefaultSchema, "'defaultSchema' is required for an mssql connection (Omni's rule), e.g. \"dbo\"."));
        }

        if (dialectKnown && args.Dialect is "bigquery" or "athena" && args.Region is null && !news.IsUnknown(a => a.Region))
        {
            failures.Add(news.Fail(a => a.Region, $"'region' is required for a {args.Dialect} connection (Omni's rule), e.g. \"US\" or \"us-east-1\"."));
        }

        if (args.EnvironmentDefaultValues is not null && args.EnvironmentUserAttribute is null && !news.IsUnknown(a => a.EnvironmentUserAttribute))
        {
            failures.Add(news.Fail(a => a.EnvironmentDefaultValues,
                "'environmentDefaultValues' only applies with 'environmentUserAttribute': set the user attribute that picks the connection environment, or remove the values."));
        }

        if (args.Port is { } port && port is < 1 or > 65535)
        {
            failures.Add(news.Fail(a => a.Port, $"'port' must be between 1 and 65535, got {port}."));
        }

        if (args.QueryTimeoutSeconds is { } timeout && timeout is < 1 or > ConnectionArgs.MaxQueryTimeoutSeconds)
        {
            failures.Add(news.Fail(a => a.QueryTimeoutSeconds,
                $"'queryTimeoutSeconds' must be between 1 and {ConnectionArgs.MaxQueryTimeoutSeconds} (Omni's limit), got {timeout}."));
        }

        return Task.FromResult(new CheckResult<ConnectionArgs>(args, failures));
    }

    // ---- Create: one POST (Omni answers with the id only) --------------------------------------

    public async Task<CreateResult<ConnectionState>> CreateAsync(CreateRequest<ConnectionArgs> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        var state = ConnectionState.From(args);
        if (request.Preview)
        {
            return new CreateResult<ConnectionState>("", state);
        }

        var body = new ConnectionCreate(args.Name, args.Dialect)
        {
            Database = args.Database, DefaultSchema = args.DefaultSchema, BaseRole = args.BaseRole, Host = args.Host, Port = args.Port,
            Username = args.Username, Warehouse = args.Warehouse, Region = args.Region, QueryTimeoutSeconds = args.QueryTimeoutSeconds,
            Password = args.Password, PrivateKey = args.PrivateKey,
        };
        string id;
        try
        {
            id = await omni.Client.Connections.CreateAsync(body, cancellationToken).ConfigureAwait(false);
        }
        catch (OmniApiException e) when (e.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            throw new ProviderFailureException(FailureKind.NothingChanged,
                ResourceMessages.Refused($"to create connection '{args.Name}'", e, $"Check the field Omni names against the {args.Dialect} dialect's settings."), e);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested && ResourceMessages.CreateMayHaveReachedOmni(e))
        {
            throw new ProviderFailureException(FailureKind.OutcomeUnknown,
                $"Creating connection '{args.Name}' was cancelled while the POST to Omni may already have been sent, so Omni may have created it. "
                + "Look for it in Omni and import it with `pulumi import omni:index:Connection <name> <connectionId>` before running `pulumi up` again.", e);
        }

        if (args.EnvironmentUserAttribute is { } attribute)
        {
            try
            {
                await omni.Client.Connections.UpdateAsync(id, new ConnectionUpdate
                {
                    EnvironmentAttributeName = attribute, EnvironmentDefaultValues = args.EnvironmentDefaultValues,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OmniApiException or OperationCanceledException)
            {
                // The connection exists: the engine must keep it, without the attribute Omni does not have yet.
                throw new ResourceInitFailedException(id, state with { EnvironmentUserAttribute = null, EnvironmentDefaultValues = null },
                    $"Connection '{args.Name}' was created (id {id}), but setting its environmentUserAttribute failed "
                    + $"({(e is OmniApiException api ? ResourceMessages.OmniAnswer(api) : "cancelled")}). Run `pulumi up` again to set it.", e);
            }
        }

        return new CreateResult<ConnectionState>(id, state);
    }

    // ---- Read: GET by id; deleted (in the trash) counts as gone ----------------------------

    public async Task<ReadResult<ConnectionArgs, ConnectionState>> ReadAsync(
        ReadRequest<ConnectionArgs, ConnectionState> request, CancellationToken cancellationToken)
    {
        var connection = await omni.Client.Connections.GetAsync(request.Id, cancellationToken).ConfigureAwait(false);
        if (connection is null || connection.IsDeleted)
        {
            if (!request.IsImport)
            {
                await log.WarnAsync(request.Urn, ResourceMessages.GoneFromOmni($"Connection '{request.Olds?.Name ?? request.Id}' (id {request.Id})",
                    connection is null ? "no longer exists in Omni" : "was deleted in Omni (it is in the trash)", "creates it again"),
                    cancellationToken).ConfigureAwait(false);
            }

            return ReadResult<ConnectionArgs, ConnectionState>.Gone;
        }

        // What Omni does not read back stays as it was declared (state, or the old inputs).
        var known = (ConnectionArgs?)request.OldInputs ?? request.Olds ?? new ConnectionArgs();
        var inputs = Observed(known, connection);
        return new ReadResult<ConnectionArgs, ConnectionState>(connection.Id, ConnectionState.From(Observed(request.Olds ?? inputs, connection)), inputs);
    }

    private static ConnectionArgs Observed(ConnectionArgs known, OmniConnection connection) => new()
    {
        Name = connection.Name,
        // Omni reads the mssql dialect back as "sqlserver"; the input's spelling is kept.
        Dialect = connection.Dialect == "sqlserver" && known.Dialect == "mssql" ? "mssql" : connection.Dialect,
        Database = connection.Database,
        // Omni has been seen to store a Snowflake connection's defaultSchema as null: a null read keeps the declared value.
        DefaultSchema = connection.DefaultSchema ?? known.DefaultSchema,
        // A baseRole never declared is Omni's default: it is not reported as drift.
        BaseRole = known.BaseRole is null && !string.IsNullOrEmpty(known.Name) ? null : connection.BaseRole,
        Host = known.Host, Port = known.Port, Username = known.Username, Warehouse = known.Warehouse, Region = known.Region,
        QueryTimeoutSeconds = known.QueryTimeoutSeconds, Password = known.Password, PrivateKey = known.PrivateKey,
        EnvironmentUserAttribute = connection.EnvironmentAttributeName,
        // No values and none declared are the same thing: not drift.
        EnvironmentDefaultValues = known.EnvironmentDefaultValues is null && connection.EnvironmentDefaultValues is null or { Count: 0 }
            ? null
            : connection.EnvironmentDefaultValues ?? [],
    };

    // ---- Update: one PATCH of what changed in place (baseRole, password, privateKey) ----------

    public async Task<UpdateResult<ConnectionState>> UpdateAsync(UpdateRequest<ConnectionArgs, ConnectionState> request, CancellationToken cancellationToken)
    {
        var args = request.News.Value;
        var olds = request.Olds;
        var state = ConnectionState.From(args);
        if (request.Preview)
        {
            return new UpdateResult<ConnectionState>(state);
        }

        var environmentChanged = !string.Equals(args.EnvironmentUserAttribute, olds.EnvironmentUserAttribute, StringComparison.Ordinal)
            || !(args.EnvironmentDefaultValues ?? []).Order(StringComparer.Ordinal).SequenceEqual((olds.EnvironmentDefaultValues ?? []).Order(StringComparer.Ordinal));
        var update = new ConnectionUpdate
        {
            BaseRole = args.BaseRole is { } role && !string.Equals(role, olds.BaseRole, StringComparison.OrdinalIgnoreCase) ? role : null,
            Password = args.Password is { } password && !string.Equals(password, olds.Password, StringComparison.Ordinal) ? password : null,
            PrivateKey = args.PrivateKey is { } key && !string.Equals(key, olds.PrivateKey, StringComparison.Ordinal) ? key : null,
            // Omni's PATCH takes the attribute and its values together; removing the attribute clears both.
            EnvironmentAttributeName = environmentChanged ? args.EnvironmentUserAttribute : null,
            EnvironmentDefaultValues = environmentChanged ? args.EnvironmentDefaultValues : null,
            ClearEnvironmentAttribute = environmentChanged && args.EnvironmentUserAttribute is null && olds.EnvironmentUserAttribute is not null,
        };
        if (update.IsEmpty)
        {
            // Only an input Omni cannot unset was removed (baseRole, a credential): Omni keeps its value, and so nothing is sent.
            return new UpdateResult<ConnectionState>(state);
        }

        try
        {
            await omni.Client.Connections.UpdateAsync(request.Id, update, cancellationToken).ConfigureAwait(false);
        }
        catch (OmniApiException e) when (ResourceMessages.IsGoneOrRefused(e))
        {
            throw ResourceMessages.NotUpdated(e, $"Connection '{olds.Name}' (id {request.Id})", $"to update connection '{olds.Name}'");
        }

        return new UpdateResult<ConnectionState>(state);
    }

    // ---- Delete: soft (to Omni's trash); already deleted or unknown counts as done ------------

    public Task DeleteAsync(DeleteRequest<ConnectionState> request, CancellationToken cancellationToken) =>
        omni.Client.Connections.DeleteAsync(request.Id, cancellationToken);
}

/// <summary>The inputs of <c>omni:index:Connection</c>: a documented subset of Omni's ConnectionsCreateBody.</summary>
internal record ConnectionArgs
{
    public const int MaxQueryTimeoutSeconds = 3600;

    [PulumiProperty("name", Description = "The connection's name in Omni. Omni's PATCH cannot rename a connection: changing it replaces the connection.",
        Required = true, ReplaceOnChanges = true, Pattern = @"\S", PatternMessage = "must not be empty: it is the connection's name in Omni")]
    public string Name { get; init; } = "";

    [PulumiProperty("dialect", Description = "The database dialect. Changing it replaces the connection.", Required = true, ReplaceOnChanges = true,
        AllowedValues = ["athena", "bigquery", "clickhouse", "databricks", "databricks_lakebase", "exasol", "mariadb", "motherduck", "mssql", "mysql",
            "oracle", "postgres", "redshift", "sap_hana", "snowflake", "starrocks", "trino"])]
    public string Dialect { get; init; } = "";

    [PulumiProperty("database", Description = "The database (BigQuery: the project). Changing it replaces the connection.", ReplaceOnChanges = true)]
    public string? Database { get; init; }

    [PulumiProperty("defaultSchema", Description = "The default schema (required for mssql). Changing it replaces the connection.", ReplaceOnChanges = true)]
    public string? DefaultSchema { get; init; }

    [PulumiProperty("host", Description = "The database host. Not read back by Omni. Changing it replaces the connection.", ReplaceOnChanges = true)]
    public string? Host { get; init; }

    [PulumiProperty("port", Description = "The database port (1-65535). Not read back by Omni. Changing it replaces the connection.", ReplaceOnChanges = true)]
    public int? Port { get; init; }

    [PulumiProperty("username", Description = "The database user. Not read back by Omni. Changing it replaces the connection.", ReplaceOnChanges = true)]
    public string? Username { get; init; }

    [PulumiProperty("warehouse", Description = "The warehouse (Snowflake, Databricks). Not read back by Omni. Changing it replaces the connection.",
        ReplaceOnChanges = true)]
    public string? Warehouse { get; init; }

    [PulumiProperty("region", Description = "The region (required for BigQuery and Athena). Not read back by Omni. Changing it replaces the connection.",
        ReplaceOnChanges = true)]
    public string? Region { get; init; }

    [PulumiProperty("queryTimeoutSeconds", Description = "The query timeout in seconds (1-3600). Not read back by Omni. Changing it replaces the connection.",
        ReplaceOnChanges = true)]
    public int? QueryTimeoutSeconds { get; init; }

    [PulumiProperty("baseRole", Description = "The role every user has on the connection unless granted more. Changes in place.",
        AllowedValues = ["NO_ACCESS", "VIEWER", "RESTRICTED_QUERIER", "QUERIER", "MODELER", "CONNECTION_ADMIN"])]
    public string? BaseRole { get; init; }

    [PulumiProperty("environmentUserAttribute", Description = "The user attribute whose value picks, per user, a connection environment of this "
        + "(base) connection (see ConnectionEnvironment's `userAttributeValues`). Changes in place; removing it clears it in Omni.")]
    public string? EnvironmentUserAttribute { get; init; }

    [PulumiProperty("environmentDefaultValues", Description = "With environmentUserAttribute: the attribute values that keep a user on this "
        + "connection itself, in any order. Changes in place.", Unordered = true)]
    public IReadOnlyList<string>? EnvironmentDefaultValues { get; init; }

    [PulumiProperty("password", Description = "The database password (required unless a Snowflake connection sets privateKey). Write-only in Omni: "
        + "kept from this input as a secret, never read back. Changing it rotates the password in place.", Secret = true)]
    public string? Password { get; init; }

    [PulumiProperty("privateKey", Description = "The private key (Snowflake key-pair authentication). Write-only in Omni: kept from this input "
        + "as a secret, never read back. Changing it rotates the key in place.", Secret = true)]
    public string? PrivateKey { get; init; }
}

/// <summary>The outputs of <c>omni:index:Connection</c>: the inputs (credentials as secrets) as Omni holds them.</summary>
internal sealed record ConnectionState : ConnectionArgs
{
    public static ConnectionState From(ConnectionArgs args) => new()
    {
        Name = args.Name, Dialect = args.Dialect, Database = args.Database, DefaultSchema = args.DefaultSchema, Host = args.Host, Port = args.Port,
        Username = args.Username, Warehouse = args.Warehouse, Region = args.Region, QueryTimeoutSeconds = args.QueryTimeoutSeconds,
        BaseRole = args.BaseRole, Password = args.Password, PrivateKey = args.PrivateKey,
        EnvironmentUserAttribute = args.EnvironmentUserAttribute, EnvironmentDefaultValues = args.EnvironmentDefaultValues,
    };
}
