using System.Text.Json;

namespace Omni.Client.Json;

// Lenient read shapes of the connection, model and model-role endpoints: everything optional, turned
// into the public records by ToModel, which fails (as a JsonException) only when an id is missing.

internal sealed class ConnectionWire
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Dialect { get; set; }
    public string? Database { get; set; }
    public string? DefaultSchema { get; set; }
    public string? BaseRole { get; set; }
    public string? DeletedAt { get; set; }
    public string? UserAttributeNameForConnectionsEnvironments { get; set; }

    /// <summary>The spelling Omni's docs use (no "s").</summary>
    public string? UserAttributeNameForConnectionEnvironments { get; set; }

    /// <summary>An array (OAS) or a comma-separated string (Omni's docs).</summary>
    public JsonElement? UserAttributeValuesForDefaultEnvironment { get; set; }

    public OmniConnection ToModel() => new()
    {
        Id = Id ?? throw new JsonException("the connection in the response has no id"),
        Name = Name ?? "",
        Dialect = Dialect ?? "",
        Database = Database,
        DefaultSchema = DefaultSchema,
        BaseRole = BaseRole,
        DeletedAt = MetaWire.ParseTime(DeletedAt),
        EnvironmentAttributeName = UserAttributeNameForConnectionsEnvironments ?? UserAttributeNameForConnectionEnvironments,
        EnvironmentDefaultValues = UserAttributeValuesForDefaultEnvironment is { } values ? Strings(values) : null,
    };

    private static IReadOnlyList<string>? Strings(JsonElement values) => values.ValueKind switch
    {
        JsonValueKind.Array => [.. values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)],
        JsonValueKind.String => [.. values.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        _ => null,
    };
}

internal sealed class ConnectionListWire
{
    public List<ConnectionWire?>? Connections { get; set; }
}

internal sealed class ConnectionEnvelopeWire
{
    public ConnectionWire? Connection { get; set; }
}

internal sealed class CreatedIdWire
{
    public string? Data { get; set; }
}

internal sealed class EnvironmentWire
{
    public string? Id { get; set; }
    public string? BaseConnectionId { get; set; }
    public string? ConnectionId { get; set; }
    public List<string?>? UserAttributeValues { get; set; }

    public ConnectionEnvironment ToModel() => new(
        Id ?? throw new JsonException("the connection environment in the response has no id"),
        BaseConnectionId ?? "", ConnectionId ?? "", [.. UserAttributeValues?.OfType<string>() ?? []]);
}

internal sealed class EnvironmentListWire
{
    public List<EnvironmentWire?>? ConnectionEnvironments { get; set; }
}

internal sealed class ScheduleWire
{
    public string? ScheduleId { get; set; }
    public string? ConnectionId { get; set; }
    public string? Schedule { get; set; }
    public string? Timezone { get; set; }
    public string? Description { get; set; }
    public string? DisabledAt { get; set; }
    public string? CreatedAt { get; set; }
    public string? UpdatedAt { get; set; }

    public ConnectionSchedule ToModel() => new(
        ScheduleId ?? throw new JsonException("the schedule in the response has no scheduleId"), ConnectionId ?? "", Schedule ?? "",
        Timezone ?? "", Description, MetaWire.ParseTime(DisabledAt), MetaWire.ParseTime(CreatedAt), MetaWire.ParseTime(UpdatedAt));
}

internal sealed class ScheduleListWire
{
    public List<ScheduleWire?>? Schedules { get; set; }
}

internal sealed class ModelWire
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? ModelKind { get; set; }
    public string? ConnectionId { get; set; }
    public string? BaseModelId { get; set; }
    public string? CreatedAt { get; set; }
    public string? UpdatedAt { get; set; }
    public string? DeletedAt { get; set; }
    public List<BranchWire?>? Branches { get; set; }

    public OmniModel ToModel() => new()
    {
        Id = Id ?? throw new JsonException("the model in the response has no id"),
        Name = Name,
        ModelKind = ModelKind,
        ConnectionId = ConnectionId,
        BaseModelId = BaseModelId,
        CreatedAt = MetaWire.ParseTime(CreatedAt),
        UpdatedAt = MetaWire.ParseTime(UpdatedAt),
        DeletedAt = MetaWire.ParseTime(DeletedAt),
        Branches = [.. Branches?.Where(b => b?.Id is not null).Select(b => new ModelBranch(b!.Id!, b.Name ?? "")) ?? []],
    };
}

internal sealed class BranchWire
{
    public string? Id { get; set; }
    public string? Name { get; set; }
}

internal sealed class ModelListWire
{
    public List<ModelWire?>? Records { get; set; }
    public PageInfoWire? PageInfo { get; set; }
}

internal sealed class ModelCreatedWire
{
    public bool? Success { get; set; }
    public ModelWire? Model { get; set; }
    public string? Error { get; set; }
    public string? Message { get; set; }
}

internal sealed class GitWire
{
    public string? AuthMethod { get; set; }
    public string? BaseBranch { get; set; }
    public bool? BranchPerPullRequest { get; set; }
    public string? CloneUrl { get; set; }
    public string? SshUrl { get; set; }
    public bool? GitFollower { get; set; }
    public string? GitServiceProvider { get; set; }
    public string? ModelPath { get; set; }
    public string? PublicKey { get; set; }
    public string? RequirePullRequest { get; set; }
    public string? WebUrl { get; set; }
    public string? WebhookUrl { get; set; }
    public string? WebhookSecret { get; set; }

    public ModelGit ToModel() => new()
    {
        AuthMethod = AuthMethod ?? "ssh",
        BaseBranch = BaseBranch ?? "main",
        BranchPerPullRequest = BranchPerPullRequest ?? false,
        CloneUrl = CloneUrl ?? SshUrl ?? throw new JsonException("the git configuration in the response has no cloneUrl"),
        GitFollower = GitFollower ?? false,
        GitServiceProvider = GitServiceProvider,
        ModelPath = ModelPath,
        PublicKey = PublicKey,
        RequirePullRequest = RequirePullRequest,
        WebUrl = WebUrl,
        WebhookUrl = WebhookUrl,
        WebhookSecret = WebhookSecret,
    };
}

internal sealed class RoleOriginWire
{
    public string? Type { get; set; }
    public string? MiniUuid { get; set; }
    public string? Name { get; set; }
    public double? Depth { get; set; }

    public ModelRoleOrigin ToModel() => new(Type?.ToUpperInvariant() switch
    {
        "USER" or "USER ROLE" => ModelRoleOriginType.User,
        "GROUP" or "GROUP ROLE" => ModelRoleOriginType.Group,
        "BASE" or "CONNECTION BASE ROLE" => ModelRoleOriginType.Base,
        "ORG" or "ORGANIZATION" => ModelRoleOriginType.Organization,
        _ => ModelRoleOriginType.Unknown,
    }, MiniUuid, Name, Depth is { } depth ? (int)depth : null);
}

internal sealed class RoleRowWire
{
    public string? RoleName { get; set; }
    public string? BaseRole { get; set; }
    public string? ConnectionId { get; set; }
    public string? ModelId { get; set; }
    public double? Priority { get; set; }
    public bool? Resolved { get; set; }
    public RoleOriginWire? From { get; set; }

    public ModelRoleRow ToModel() => new(
        RoleName ?? throw new JsonException("a model-role row in the response has no roleName"), BaseRole, ConnectionId ?? "",
        string.IsNullOrEmpty(ModelId) ? null : ModelId, Priority ?? 0, Resolved, From?.ToModel() ?? new ModelRoleOrigin(ModelRoleOriginType.Unknown));
}

internal sealed class RoleListWire
{
    public List<RoleRowWire?>? Results { get; set; }
}

internal sealed class RoleAssignedWire
{
    public string? MembershipId { get; set; }
    public string? UserId { get; set; }
    public string? UserGroupId { get; set; }
    public string? ConnectionId { get; set; }
    public string? ModelId { get; set; }
    public string? RoleName { get; set; }
}
