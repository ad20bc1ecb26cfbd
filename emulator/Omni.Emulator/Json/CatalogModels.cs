using System.Text.Json.Serialization;

namespace Omni.Emulator.Json;

// Bodies of the connection, model and model-role endpoints, in the shapes of Omni's OpenAPI document
// (openapi.json). Nullable fields that the document marks required are written as null, never omitted.

public sealed record ConnectionResource(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("dialect")] string Dialect,
    [property: JsonPropertyName("database")] string? Database,
    [property: JsonPropertyName("defaultSchema")] string? DefaultSchema,
    [property: JsonPropertyName("baseRole")] string? BaseRole,
    [property: JsonPropertyName("deletedAt")] string? DeletedAt,
    [property: JsonPropertyName("branchConnectionEnvironmentOverridesUserAttr")] bool? BranchConnectionEnvironmentOverridesUserAttr,
    [property: JsonPropertyName("environmentConnectionSwitchesSchemaModel")] bool? EnvironmentConnectionSwitchesSchemaModel,
    [property: JsonPropertyName("userAttributeNameForConnectionsEnvironments")] string? UserAttributeNameForConnectionsEnvironments,
    [property: JsonPropertyName("userAttributeValuesForDefaultEnvironment")] IReadOnlyList<string>? UserAttributeValuesForDefaultEnvironment);

public sealed record ConnectionList([property: JsonPropertyName("connections")] IReadOnlyList<ConnectionResource> Connections);

public sealed record ConnectionEnvelope([property: JsonPropertyName("connection")] ConnectionResource Connection);

public sealed record ConnectionCreated(
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("success")] bool Success);

public sealed record MessageResult(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("success")] bool Success);

public sealed record SuccessResult([property: JsonPropertyName("success")] bool Success);

public sealed record EnvironmentResource(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("baseConnectionId")] string BaseConnectionId,
    [property: JsonPropertyName("connectionId")] string ConnectionId,
    [property: JsonPropertyName("userAttributeValues")] IReadOnlyList<string> UserAttributeValues);

public sealed record EnvironmentList(
    [property: JsonPropertyName("connectionEnvironments")] IReadOnlyList<EnvironmentResource> ConnectionEnvironments);

public sealed record ScheduleResource(
    [property: JsonPropertyName("scheduleId")] string ScheduleId,
    [property: JsonPropertyName("connectionId")] string ConnectionId,
    [property: JsonPropertyName("schedule")] string Schedule,
    [property: JsonPropertyName("timezone")] string Timezone,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("disabledAt")] string? DisabledAt,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("updatedAt")] string UpdatedAt);

public sealed record ScheduleList([property: JsonPropertyName("schedules")] IReadOnlyList<ScheduleResource> Schedules);

public sealed record ModelBranch(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name);

public sealed record ModelResource(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("modelKind")] string? ModelKind,
    [property: JsonPropertyName("connectionId")] string? ConnectionId,
    [property: JsonPropertyName("baseModelId")] string? BaseModelId,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("updatedAt")] string UpdatedAt,
    [property: JsonPropertyName("deletedAt")] string? DeletedAt,
    [property: JsonPropertyName("branches")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ModelBranch>? Branches);

public sealed record PageInfo(
    [property: JsonPropertyName("hasNextPage")] bool HasNextPage,
    [property: JsonPropertyName("nextCursor")] string? NextCursor,
    [property: JsonPropertyName("pageSize")] int PageSize,
    [property: JsonPropertyName("totalRecords")] int TotalRecords);

public sealed record ModelList(
    [property: JsonPropertyName("pageInfo")] PageInfo PageInfo,
    [property: JsonPropertyName("records")] IReadOnlyList<ModelResource> Records);

public sealed record CreatedModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("modelKind")] string ModelKind,
    [property: JsonPropertyName("name")] string? Name);

public sealed record ModelCreated(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("model")] CreatedModel Model);

public sealed record RenamedModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name);

public sealed record ModelRenamed(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("model")] RenamedModel Model);

public sealed record GitConfigResource
{
    [JsonPropertyName("authMethod")] public required string AuthMethod { get; init; }
    [JsonPropertyName("baseBranch")] public required string BaseBranch { get; init; }
    [JsonPropertyName("branchPerPullRequest")] public required bool BranchPerPullRequest { get; init; }
    [JsonPropertyName("cloneUrl")] public required string CloneUrl { get; init; }
    [JsonPropertyName("gitFollower")] public required bool GitFollower { get; init; }
    [JsonPropertyName("gitServiceProvider")] public required string GitServiceProvider { get; init; }
    [JsonPropertyName("modelPath")] public required string? ModelPath { get; init; }
    [JsonPropertyName("publicKey")] public required string? PublicKey { get; init; }
    [JsonPropertyName("requirePullRequest")] public required string RequirePullRequest { get; init; }
    [JsonPropertyName("sshUrl")] public required string SshUrl { get; init; }
    [JsonPropertyName("webUrl")] public required string? WebUrl { get; init; }
    [JsonPropertyName("webhookUrl")] public required string WebhookUrl { get; init; }

    /// <summary>Only with <c>?include=webhookSecret</c>; omitted otherwise.</summary>
    [JsonPropertyName("webhookSecret")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WebhookSecret { get; init; }
}

/// <summary>Where a role row comes from: USER, BASE, or GROUP with the group's depth, short id and name.</summary>
public sealed record RoleOriginBody(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("depth")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Depth = null,
    [property: JsonPropertyName("miniUuid")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MiniUuid = null,
    [property: JsonPropertyName("name")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null);

public sealed record UserRoleResult(
    [property: JsonPropertyName("baseRole")] string BaseRole,
    [property: JsonPropertyName("connectionId")] string ConnectionId,
    [property: JsonPropertyName("from")] RoleOriginBody From,
    [property: JsonPropertyName("modelId")] string ModelId,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("resolved")] bool Resolved,
    [property: JsonPropertyName("roleName")] string RoleName);

public sealed record UserRolesResponse(
    [property: JsonPropertyName("membershipId")] string MembershipId,
    [property: JsonPropertyName("results")] IReadOnlyList<UserRoleResult> Results);

public sealed record GroupRoleResult(
    [property: JsonPropertyName("baseRole")] string BaseRole,
    [property: JsonPropertyName("connectionId")] string ConnectionId,
    [property: JsonPropertyName("from")] RoleOriginBody From,
    [property: JsonPropertyName("modelId")] string ModelId,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("roleName")] string RoleName);

public sealed record GroupRolesResponse(
    [property: JsonPropertyName("results")] IReadOnlyList<GroupRoleResult> Results,
    [property: JsonPropertyName("userGroupId")] string UserGroupId);

public sealed record UserRoleAssigned(
    [property: JsonPropertyName("connectionId")] string ConnectionId,
    [property: JsonPropertyName("membershipId")] string MembershipId,
    [property: JsonPropertyName("modelId")] string ModelId,
    [property: JsonPropertyName("roleName")] string RoleName);

public sealed record GroupRoleAssigned(
    [property: JsonPropertyName("connectionId")] string ConnectionId,
    [property: JsonPropertyName("modelId")] string ModelId,
    [property: JsonPropertyName("roleName")] string RoleName,
    [property: JsonPropertyName("userGroupId")] string UserGroupId);
