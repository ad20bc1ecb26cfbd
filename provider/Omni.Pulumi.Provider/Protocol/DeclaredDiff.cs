using System.Collections;
using Omni.Pulumi.Provider.Resources;

namespace Omni.Pulumi.Provider.Protocol;

/// <summary>
/// The diff every resource gets from its records' metadata: each declared input of the new inputs
/// against the old state's property of the same name (the old inputs where the state has none).
/// Strings compare ordinally unless <see cref="PulumiPropertyAttribute.IgnoreCase"/>; lists in order
/// unless <see cref="PulumiPropertyAttribute.Unordered"/>; maps key by key (one change per key). An
/// unknown input (preview) is a change. <see cref="PulumiPropertyAttribute.ReplaceOnChanges"/>, or a
/// resource that cannot update, makes the change a replacement. Only paths leave here, never values.
/// </summary>
internal static class DeclaredDiff
{
    public static List<PropertyChange> Changes<TArgs, TState>(TState olds, TArgs? oldInputs, Bound<TArgs> news, bool everyChangeReplaces)
        where TArgs : class
        where TState : class
    {
        var state = PulumiProperties.Of(typeof(TState)).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var changes = new List<PropertyChange>();
        foreach (var input in PulumiProperties.Of(typeof(TArgs)))
        {
            var name = input.Name;
            var old = state.TryGetValue(name, out var held) ? held.GetValue(olds) : oldInputs is null ? null : input.GetValue(oldInputs);
            var replaces = everyChangeReplaces || input.Attribute.ReplaceOnChanges;
            if (news.Unknowns.Contains(name))
            {
                changes.Add(new PropertyChange(name, old is null ? ChangeKind.Add : ChangeKind.Update, replaces));
                continue;
            }

            var @new = input.GetValue(news.Value);
            var unknownUnder = news.Unknowns.Where(u => PropertyPath.TopLevel(u) == name).ToList();
            if (@new is IDictionary wanted && old is IDictionary or null)
            {
                changes.AddRange(MapChanges(name, old as IDictionary, wanted, unknownUnder, replaces));
            }
            else if (unknownUnder.Count > 0 || !Same(old, @new, input.Attribute))
            {
                var kind = (old, @new) switch
                {
                    (null, _) => ChangeKind.Add,
                    (_, null) => ChangeKind.Delete,
                    _ => ChangeKind.Update,
                };
                changes.Add(new PropertyChange(name, kind, replaces));
            }
        }

        return changes;
    }

    private static IEnumerable<PropertyChange> MapChanges(string name, IDictionary? held, IDictionary wanted, List<string> unknownPaths, bool replaces)
    {
        var unknownKeys = PropertyPath.ChildKeys(name, unknownPaths).ToHashSet(StringComparer.Ordinal);
        var keys = wanted.Keys.Cast<string>().Union(unknownKeys).Union(held?.Keys.Cast<string>() ?? []).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var old = held?.Contains(key) == true ? held[key] : null;
            var isWanted = wanted.Contains(key) || unknownKeys.Contains(key);
            if (unknownKeys.Contains(key) || (isWanted && !Same(old, wanted[key], null)) || (!isWanted && old is not null))
            {
                var kind = old is null ? ChangeKind.Add : isWanted ? ChangeKind.Update : ChangeKind.Delete;
                yield return new PropertyChange(PropertyPath.Child(name, key), kind, replaces);
            }
        }
    }

    private static bool Same(object? left, object? right, PulumiPropertyAttribute? rules)
    {
        switch (left, right)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                return false;
            case (string a, string b):
                return string.Equals(a, b, rules?.IgnoreCase == true ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            case (IDictionary a, IDictionary b):
                return a.Count == b.Count && a.Keys.Cast<object>().All(k => b.Contains(k) && Same(a[k], b[k], null));
            case (IEnumerable a, IEnumerable b):
                var leftItems = a.Cast<object?>().ToList();
                var rightItems = b.Cast<object?>().ToList();
                return rules?.Unordered == true
                    ? leftItems.All(l => rightItems.Any(r => Same(l, r, null))) && rightItems.All(r => leftItems.Any(l => Same(l, r, null)))
                    : leftItems.Count == rightItems.Count && leftItems.Zip(rightItems).All(p => Same(p.First, p.Second, null));
            case var (a, b) when PulumiProperties.IsPulumiObject(a.GetType()) && a.GetType() == b.GetType():
                return PulumiProperties.Of(a.GetType()).All(p => Same(p.GetValue(a), p.GetValue(b), p.Attribute));
            default:
                return Equals(left, right) || (IsNumber(left) && IsNumber(right) && Convert.ToDouble(left, null) == Convert.ToDouble(right, null));
        }
    }

    private static bool IsNumber(object value) => value is int or long or double or decimal;
}
