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
    public static Rpc.DiffResponse Encode(IReadOnlyList<PropertyChange> changes, bool deleteBeforeReplace)
    {
        var response = new Rpc.DiffResponse
        {
            HasDetailedDiff = true,
            Changes = changes.Count == 0 ? Rpc.DiffResponse.Types.DiffChanges.DiffNone : Rpc.DiffResponse.Types.DiffChanges.DiffSome,
        };

        var distinct = changes.DistinctBy(c => c.Path).ToList();
        foreach (var change in distinct)
        {
            response.DetailedDiff[change.Path] = new Rpc.PropertyDiff { Kind = KindOf(change), InputDiff = true };
        }

        response.Diffs.AddRange(distinct.Select(c => PropertyPath.TopLevel(c.Path)).Distinct(StringComparer.Ordinal));
        response.Replaces.AddRange(distinct.Where(c => c.Replaces).Select(c => PropertyPath.TopLevel(c.Path)).Distinct(StringComparer.Ordinal));
        response.DeleteBeforeReplace = response.Replaces.Count > 0 && deleteBeforeReplace;
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
