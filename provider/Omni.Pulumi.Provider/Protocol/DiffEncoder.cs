using Omni.Pulumi.Provider.Resources;
using Rpc = Pulumirpc;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>
/// Turns a resource's list of changed paths into a DiffResponse that keeps the engine's invariants:
/// hasDetailedDiff set, every <c>diffs</c> key has a detailed path, every detailed path's top-level
/// key is in <c>diffs</c>, no duplicates.
/// </summary>
internal static class DiffEncoder
{
    public static Rpc.DiffResponse Encode(DiffResult diff)
    {
        var response = new Rpc.DiffResponse
        {
            HasDetailedDiff = true,
            Changes = diff.Changes.Count == 0 ? Rpc.DiffResponse.Types.DiffChanges.DiffNone : Rpc.DiffResponse.Types.DiffChanges.DiffSome,
        };

        foreach (var change in diff.Changes.DistinctBy(c => c.Path))
        {
            response.DetailedDiff[change.Path] = new Rpc.PropertyDiff { Kind = KindOf(change), InputDiff = true };
        }

        var changes = diff.Changes.DistinctBy(c => c.Path).ToList();
        response.Diffs.AddRange(changes.Select(c => PropertyPath.TopLevel(c.Path)).Distinct(StringComparer.Ordinal));
        response.Replaces.AddRange(changes.Where(c => c.Replaces).Select(c => PropertyPath.TopLevel(c.Path)).Distinct(StringComparer.Ordinal));
        response.DeleteBeforeReplace = response.Replaces.Count > 0 && diff.DeleteBeforeReplace;
        return response;
    }

    private static Rpc.PropertyDiff.Types.Kind KindOf(PropertyChange change) => (change.Kind, change.Replaces) switch
    {
        (ChangeKind.Add, false) => Rpc.PropertyDiff.Types.Kind.Add,
        (ChangeKind.Add, true) => Rpc.PropertyDiff.Types.Kind.AddReplace,
        (ChangeKind.Delete, false) => Rpc.PropertyDiff.Types.Kind.Delete,
        (ChangeKind.Delete, true) => Rpc.PropertyDiff.Types.Kind.DeleteReplace,
        (ChangeKind.Update, false) => Rpc.PropertyDiff.Types.Kind.Update,
        _ => Rpc.PropertyDiff.Types.Kind.UpdateReplace,
    };
}
