using Pulumi;
using Pulumi.Omni;

namespace OmniEnvironment;

/// <summary>
/// The stack's settings: Pulumi.&lt;stack&gt;.yaml over the defaults below (the same keys and defaults as
/// ../Pulumi.yaml). The two secrets come from `pulumi config set --secret` and stay Output secrets.
/// </summary>
public sealed record EnvironmentConfig
{
    public required string Environment { get; init; }
    public required string AnalystsGroup { get; init; }
    public required string EngineeringGroup { get; init; }
    public required string AnalystsRole { get; init; }
    public required bool ForceDestroyFolders { get; init; }
    public required string DbHost { get; init; }
    public required string DbName { get; init; }
    public required string SandboxDbName { get; init; }
    public required string DbUser { get; init; }
    public required Output<string> DbPassword { get; init; }
    public required string RefreshSchedule { get; init; }
    public required string RefreshTimezone { get; init; }
    public required string GitCloneUrl { get; init; }
    public required string GitBaseBranch { get; init; }
    public required Output<string> GitWebhookSecret { get; init; }

    public static EnvironmentConfig Load()
    {
        var config = new Config();
        return new EnvironmentConfig
        {
            Environment = config.Require("environment"),
            AnalystsGroup = config.Get("analystsGroup") ?? "Finance Analysts",
            EngineeringGroup = config.Get("engineeringGroup") ?? "Engineering",
            AnalystsRole = config.Get("analystsRole") ?? "VIEWER",
            ForceDestroyFolders = config.GetBoolean("forceDestroyFolders") ?? false,
            DbHost = config.Require("dbHost"),
            DbName = config.Require("dbName"),
            SandboxDbName = config.Require("sandboxDbName"),
            DbUser = config.Get("dbUser") ?? "omni_reader",
            // RequireSecret: the value stays a secret Output, so it is encrypted in state and masked in previews.
            DbPassword = config.RequireSecret("dbPassword"),
            RefreshSchedule = config.Get("refreshSchedule") ?? "0 2 * * ? *",
            RefreshTimezone = config.Get("refreshTimezone") ?? "UTC",
            GitCloneUrl = config.Require("gitCloneUrl"),
            GitBaseBranch = config.Get("gitBaseBranch") ?? "main",
            GitWebhookSecret = config.RequireSecret("gitWebhookSecret"),
        };
    }
}

/// <summary>One Omni environment: kept apart from Program.cs so that it can run under Pulumi's mocks.</summary>
public static class EnvironmentStack
{
    public static Dictionary<string, object?> Define(EnvironmentConfig c)
    {
        // ---- Lookups: groups owned by the roster (examples/gitops) --------------------------------
        var analysts = GetGroup.Invoke(new GetGroupInvokeArgs { DisplayName = c.AnalystsGroup });
        var engineering = GetGroup.Invoke(new GetGroupInvokeArgs { DisplayName = c.EngineeringGroup });

        // ---- Connections: the warehouse, its sandbox environment and its schema refresh -----------
        // The user attribute whose value sends a user to a connection environment ("sandbox" below).
        var environmentAttribute = new UserAttribute("environmentAttribute", new UserAttributeArgs
        {
            Name = "warehouse_environment",
            Label = "Warehouse environment",
            Type = "String",
            Description = "Which warehouse a user queries; \"sandbox\" sends them to the sandbox database.",
        });

        Connection Warehouse(string resourceName, string name, string database, Input<string>? environmentUserAttribute = null) => new(resourceName, new ConnectionArgs
        {
            Name = name,
            Dialect = "postgres",
            Host = c.DbHost,
            Port = 5432,
            Database = database,
            Username = c.DbUser,
            Password = c.DbPassword,
            BaseRole = "VIEWER",
            EnvironmentUserAttribute = environmentUserAttribute,
        });
        var warehouse = Warehouse("warehouse", $"Warehouse ({c.Environment})", c.DbName, environmentAttribute.Name);
        var sandboxWarehouse = Warehouse("sandboxWarehouse", $"Warehouse sandbox ({c.Environment})", c.SandboxDbName);

        // Users whose environment attribute is "sandbox" query the sandbox database instead.
        _ = new ConnectionEnvironment("sandboxEnvironment", new ConnectionEnvironmentArgs
        {
            BaseConnectionId = warehouse.Id,
            ConnectionId = sandboxWarehouse.Id,
            UserAttributeValues = { "sandbox" },
        });

        var schemaRefresh = new ConnectionSchedule("schemaRefresh", new ConnectionScheduleArgs
        {
            ConnectionId = warehouse.Id,
            Schedule = c.RefreshSchedule,
            Timezone = c.RefreshTimezone,
        });

        // ---- The shared model and its git link ------------------------------------------------------
        var sharedModel = new Model("sharedModel", new ModelArgs
        {
            ConnectionId = warehouse.Id,
            Name = $"Analytics ({c.Environment})",
        });

        var modelGit = new ModelGit("modelGit", new ModelGitArgs
        {
            ModelId = sharedModel.Id,
            CloneUrl = c.GitCloneUrl,
            BaseBranch = c.GitBaseBranch,
            WebhookSecret = c.GitWebhookSecret,
        });

        // ---- Folders: one tree per environment --------------------------------------------------------
        var root = new Folder("root", new FolderArgs
        {
            Name = $"Analytics ({c.Environment})",
            Path = $"analytics-{c.Environment}",
            ForceDestroy = c.ForceDestroyFolders,
        });
        var reports = new Folder("reports", new FolderArgs { Name = "Reports", ParentFolderId = root.Id, ForceDestroy = c.ForceDestroyFolders });
        var sandbox = new Folder("sandbox", new FolderArgs { Name = "Sandbox", ParentFolderId = root.Id, ForceDestroy = c.ForceDestroyFolders });

        // ---- Folder permissions: one principal per resource, authoritative for that principal --------
        _ = new FolderPermission("analystsOnReports", new FolderPermissionArgs
        {
            FolderId = reports.Id,
            GroupId = analysts.Apply(g => g.Id),
            Role = c.AnalystsRole,
        });
        _ = new FolderPermission("engineeringOnRoot", new FolderPermissionArgs
        {
            FolderId = root.Id,
            GroupId = engineering.Apply(g => g.Id),
            Role = "MANAGER",
        });
        _ = new FolderPermission("analystsOnSandbox", new FolderPermissionArgs
        {
            FolderId = sandbox.Id,
            GroupId = analysts.Apply(g => g.Id),
            Role = "EDITOR",
        });

        // ---- Labels ------------------------------------------------------------------------------------
        var certified = new Label("certified", new LabelArgs
        {
            Name = $"Certified {c.Environment}",
            Color = "#1a7f37",
            Description = $"Reviewed by the data team for the {c.Environment} environment.",
        });
        var draft = new Label("draft", new LabelArgs { Name = $"Draft {c.Environment}", Color = "#9a6700" });

        return new Dictionary<string, object?>
        {
            ["warehouseId"] = warehouse.Id,
            ["sharedModelId"] = sharedModel.Id,
            ["schemaRefresh"] = schemaRefresh.Description,
            // Add this key to the repository as a deploy key with write access (ssh auth).
            ["gitDeployKey"] = modelGit.PublicKey,
            ["gitWebhookUrl"] = modelGit.WebhookUrl,
            ["rootPath"] = root.FullPath,
            ["reportsPath"] = reports.FullPath,
            ["sandboxPath"] = sandbox.FullPath,
            ["labels"] = Output.All(certified.Name, draft.Name),
        };
    }
}
