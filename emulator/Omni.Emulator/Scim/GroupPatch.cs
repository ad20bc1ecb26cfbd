using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Omni.Emulator.Http;
using Omni.Emulator.Storage;

namespace Omni.Emulator.Scim;

/// <summary>
/// A validated PatchOp for a group: add/remove/replace of members and replace of displayName,
/// with a path, or without one and an object value.
/// </summary>
internal sealed partial class GroupPatch
{
    private readonly IReadOnlyList<PatchOperation> operations;

    private GroupPatch(IReadOnlyList<PatchOperation> operations) => this.operations = operations;

    public static GroupPatch Parse(JsonObject body) => new(PatchOperation.ParseAll(body));

    public GroupState ApplyTo(GroupState group)
    {
        foreach (var operation in operations)
        {
            group = Apply(group, operation);
        }

        return group;
    }

    private static GroupState Apply(GroupState group, PatchOperation operation)
    {
        var field = $"Operations[{operation.Index}].value";
        switch (operation.Path)
        {
            case null when operation.Kind == PatchKind.Remove:
                throw PatchOperation.Invalid(operation.Index, "remove needs a path such as members[value eq \"<user id>\"]");
            case null:
                return ApplyObject(group, operation, field);
            case var path when path.Equals("displayName", StringComparison.OrdinalIgnoreCase):
                return operation.Kind == PatchKind.Remove
                    ? throw PatchOperation.Invalid(operation.Index, "displayName cannot be removed")
                    : group with { DisplayName = GroupRules.DisplayName(operation.Value, $"{field} (displayName)") };
            case var path when path.Equals("members", StringComparison.OrdinalIgnoreCase):
                return operation.Kind switch
                {
                    PatchKind.Add => group with { MemberIds = Union(group.MemberIds, GroupRules.MemberIds(operation.Value, $"{field} (members)")) },
                    PatchKind.Replace => group with { MemberIds = GroupRules.MemberIds(operation.Value, $"{field} (members)") },
                    // RFC 7644 §3.5.2.2: remove of "members" without a value removes them all.
                    _ when operation.Value is null => group with { MemberIds = [] },
                    _ => group with { MemberIds = Except(group.MemberIds, GroupRules.MemberIds(operation.Value, $"{field} (members)")) },
                };
            case var path when MemberFilter().Match(path) is { Success: true } match && operation.Kind == PatchKind.Remove:
                return group with { MemberIds = Except(group.MemberIds, [match.Groups["id"].Value]) };
            default:
                throw PatchOperation.Invalid(operation.Index,
                    $"unsupported path '{operation.Path}' for {operation.Op} (supported: members, displayName, members[value eq \"<user id>\"] for remove)");
        }
    }

    private static GroupState ApplyObject(GroupState group, PatchOperation operation, string field)
    {
        if (operation.Value is not JsonObject value)
        {
            throw PatchOperation.Invalid(operation.Index,
                $"a {operation.Op} without a path needs an object value such as {{\"displayName\": \"...\"}}");
        }

        foreach (var (key, node) in value)
        {
            if (key.Equals("displayName", StringComparison.OrdinalIgnoreCase))
            {
                group = group with { DisplayName = GroupRules.DisplayName(node, $"{field}.displayName") };
            }
            else if (key.Equals("members", StringComparison.OrdinalIgnoreCase))
            {
                var ids = GroupRules.MemberIds(node, $"{field}.members");
                group = group with { MemberIds = operation.Kind == PatchKind.Add ? Union(group.MemberIds, ids) : ids };
            }
            else if (key is not ("id" or "schemas"))
            {
                throw PatchOperation.Invalid(operation.Index, $"unsupported attribute '{key}' in value (supported: displayName, members)");
            }
        }

        return group;
    }

    private static List<string> Union(IReadOnlyList<string> current, IReadOnlyList<string> added) =>
        [.. current, .. added.Where(id => !current.Contains(id, StringComparer.Ordinal))];

    private static List<string> Except(IReadOnlyList<string> current, IReadOnlyList<string> removed) =>
        [.. current.Where(id => !removed.Contains(id, StringComparer.Ordinal))];

    [GeneratedRegex("""^members\[\s*value\s+eq\s+"(?<id>[^"]+)"\s*\]$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MemberFilter();
}
