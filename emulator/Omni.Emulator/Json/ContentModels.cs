using System.Text.Json.Serialization;

namespace Omni.Emulator.Json;

/// <summary>{"success": true}: the answer of most v1 writes (SuccessResponse and its per-family twins).</summary>
public sealed record SuccessBody([property: JsonPropertyName("success")] bool Success);

/// <summary>Cursor paging (PageInfo): nextCursor is null on the last page.</summary>
public sealed record PageInfoBody(
    [property: JsonPropertyName("hasNextPage")] bool HasNextPage,
    [property: JsonPropertyName("nextCursor")] string? NextCursor,
    [property: JsonPropertyName("pageSize")] int PageSize,
    [property: JsonPropertyName("totalRecords")] int TotalRecords);

/// <summary>POST /api/v1/folders → 201 (FoldersCreateResponse): the full path, and no url.</summary>
public sealed record FolderCreatedBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ownerId")] string OwnerId,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("scope")] string Scope);

/// <summary>PATCH /api/v1/folders/{id} → 200 (FoldersUpdateResponse): path is the folder's own segment.</summary>
public sealed record FolderUpdatedBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("path")] string Path);

public sealed record FolderCountBody(
    [property: JsonPropertyName("documents")] int Documents,
    [property: JsonPropertyName("favorites")] int Favorites);

/// <summary>One record of GET /api/v1/folders (FoldersListResponse).</summary>
public sealed record FolderRecordBody
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("ownerId")] public required string OwnerId { get; init; }
    [JsonPropertyName("path")] public required string Path { get; init; }
    [JsonPropertyName("url")] public required string Url { get; init; }

    [JsonPropertyName("labels"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Labels { get; init; }

    [JsonPropertyName("_count"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FolderCountBody? Count { get; init; }
}

public sealed record FolderListBody(
    [property: JsonPropertyName("records")] IReadOnlyList<FolderRecordBody> Records,
    [property: JsonPropertyName("pageInfo")] PageInfoBody PageInfo);

public sealed record DirectGrantBody(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("accessBoost")] bool AccessBoost,
    [property: JsonPropertyName("isOwner")] bool IsOwner);

/// <summary>
/// One permit, in the union of the two documented shapes: OpenAPI's {role, accessBoost, userId | userGroupId}
/// and the docs' {id, name, type, direct: {role, accessBoost, isOwner}}. A group appears by its UUID.
/// </summary>
public sealed record PermitBody
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("role")] public required string Role { get; init; }
    [JsonPropertyName("accessBoost")] public required bool AccessBoost { get; init; }

    [JsonPropertyName("userId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserId { get; init; }

    [JsonPropertyName("userGroupId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserGroupId { get; init; }

    [JsonPropertyName("direct"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DirectGrantBody? Direct { get; init; }

    /// <summary>Access-list only: "direct", or "folder" for a permit inherited from the document's folders.</summary>
    [JsonPropertyName("accessSource"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccessSource { get; init; }

    [JsonPropertyName("folderId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FolderId { get; init; }
}

public sealed record PermitsBody([property: JsonPropertyName("permits")] IReadOnlyList<PermitBody> Permits);

public sealed record AccessListBody(
    [property: JsonPropertyName("pageInfo")] PageInfoBody PageInfo,
    [property: JsonPropertyName("principals")] IReadOnlyList<PermitBody> Principals);

/// <summary>A label (Labels{Get,Create,Update}Response and the items of LabelsListResponse).</summary>
public sealed record LabelBody(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("color")] string? Color,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("homepage")] bool Homepage,
    [property: JsonPropertyName("verified")] bool Verified,
    [property: JsonPropertyName("usage_count")] int UsageCount);

public sealed record LabelsBody([property: JsonPropertyName("labels")] IReadOnlyList<LabelBody> Labels);

/// <summary>POST /__emulator/documents → 201: a document made in the emulator's minimal document store.</summary>
public sealed record EmulatorDocumentBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("folderId")] string? FolderId);

public sealed record EmulatorDocumentsBody([property: JsonPropertyName("documents")] IReadOnlyList<EmulatorDocumentBody> Documents);
