using System.Text.Json.Serialization;

namespace Omni.Client.Json;

internal sealed class PageInfoWire
{
    public bool? HasNextPage { get; set; }
    public string? NextCursor { get; set; }
    public int? PageSize { get; set; }
    public int? TotalRecords { get; set; }
}

internal sealed class FolderListWire
{
    public List<FolderWire?>? Records { get; set; }
    public PageInfoWire? PageInfo { get; set; }
}

internal sealed class FolderCountWire
{
    public int? Documents { get; set; }
}

/// <summary>A folder as the list, the create and the update answers show it (each a different subset).</summary>
internal sealed class FolderWire
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? OwnerId { get; set; }
    public string? Path { get; set; }
    public string? Url { get; set; }
    public string? Scope { get; set; }
    public List<string>? Labels { get; set; }

    [JsonPropertyName("_count")]
    public FolderCountWire? Count { get; set; }

    public Folder? ToModel() => Id is null || Name is null
        ? null
        : new Folder(Id, Name, Path ?? "", OwnerId)
        {
            Url = Url,
            Scope = Scope,
            Labels = Labels,
            DocumentCount = Count?.Documents,
        };
}

internal sealed class PermitsWire
{
    public List<PermitWire?>? Permits { get; set; }
}

internal sealed class AccessListWire
{
    public List<PermitWire?>? Principals { get; set; }
    public PageInfoWire? PageInfo { get; set; }
}

internal sealed class DirectGrantWire
{
    public string? Role { get; set; }
    public bool? AccessBoost { get; set; }
    public bool? IsOwner { get; set; }
}

/// <summary>A permit in either documented shape: {role, accessBoost, userId | userGroupId} or {id, name, type, direct{…}}.</summary>
internal sealed class PermitWire
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? Role { get; set; }
    public bool? AccessBoost { get; set; }
    public string? UserId { get; set; }
    public string? UserGroupId { get; set; }
    public DirectGrantWire? Direct { get; set; }
    public string? AccessSource { get; set; }
    public string? FolderId { get; set; }

    public Permit? ToModel()
    {
        var role = Role ?? Direct?.Role;
        var isUser = Type is not null ? string.Equals(Type, "user", StringComparison.OrdinalIgnoreCase) : UserId is not null;
        var subject = (isUser ? UserId : UserGroupId) ?? Id;
        return role is null || subject is null
            ? null
            : new Permit(isUser ? PermitSubjectType.User : PermitSubjectType.UserGroup, subject, Name, role, AccessBoost ?? Direct?.AccessBoost ?? false)
            {
                IsOwner = Direct?.IsOwner ?? false,
                AccessSource = AccessSource,
                FolderId = FolderId,
            };
    }
}

internal sealed class LabelsWire
{
    public List<LabelWire?>? Labels { get; set; }
}

internal sealed class LabelWire
{
    public string? Name { get; set; }
    public string? Color { get; set; }
    public string? Description { get; set; }
    public bool? Homepage { get; set; }
    public bool? Verified { get; set; }

    [JsonPropertyName("usage_count")]
    public int? UsageCount { get; set; }

    public Label? ToModel() => Name is null
        ? null
        : new Label(Name, Color, Description, Homepage ?? false, Verified ?? false, UsageCount ?? 0);
}
