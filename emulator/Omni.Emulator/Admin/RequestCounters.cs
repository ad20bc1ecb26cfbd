using System.Globalization;
using Omni.Emulator.Json;

namespace Omni.Emulator.Admin;

/// <summary>Counts answered requests in total, by status and by route, for tests and benchmarks.</summary>
public sealed class RequestCounters
{
    /// <summary>The status key used for connections a fault rule dropped (they have no status).</summary>
    public const string Dropped = "dropped";

    private readonly Lock gate = new();
    private readonly Dictionary<string, long> byStatus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> byRoute = new(StringComparer.Ordinal);
    private long total;

    public void Record(string route, int? status)
    {
        var statusKey = status?.ToString(CultureInfo.InvariantCulture) ?? Dropped;
        lock (gate)
        {
            total++;
            byStatus[statusKey] = byStatus.GetValueOrDefault(statusKey) + 1;
            if (!byRoute.TryGetValue(route, out var routeStatuses))
            {
                byRoute[route] = routeStatuses = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            routeStatuses[statusKey] = routeStatuses.GetValueOrDefault(statusKey) + 1;
        }
    }

    public CountersSnapshot Snapshot()
    {
        lock (gate)
        {
            return new CountersSnapshot(
                total,
                new SortedDictionary<string, long>(byStatus, StringComparer.Ordinal),
                new SortedDictionary<string, RouteCounters>(
                    byRoute.ToDictionary(r => r.Key, r => new RouteCounters(r.Value.Values.Sum(),
                        new SortedDictionary<string, long>(r.Value, StringComparer.Ordinal))), StringComparer.Ordinal));
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            total = 0;
            byStatus.Clear();
            byRoute.Clear();
        }
    }
}
