using System.Text.Json;
namespace Omni.Client.Json;

internal sealed class GroupWire
{
    public string? Id { get; set; }
    public string? DisplayName { get; set; }
    public List<MemberWire?>? Members { get; set; }
    public MetaWire? Meta { get; set; }

    public ScimGroup ToModel() => new()
    {
        Id = Id ?? throw new JsonException("the group in the response has no id"),
        DisplayName = DisplayName ?? "",
        Members = Members?.Where(m => m?.Value is not null).Select(m => new ScimGroupMember(m!.Value!, m.Display)).ToArray() ?? [],
        Meta = Meta?.ToModel(),
    };
}

internal sealed record GroupWriteWire(IReadOnlyList<string> Schemas, string DisplayName, IReadOnlyList<MemberRefWire>? Members);

internal sealed record MemberRefWire(string Value);
