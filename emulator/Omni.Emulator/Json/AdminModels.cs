using System.Text.Json.Serialization;

namespace Omni.Emulator.Json;

/// <summary>A fault rule as the admin API accepts it; every field is optional.</summary>
public sealed record FaultRuleRequest
{
    [JsonPropertyName("method")] public string? Method { get; init; }
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("status")] public int? Status { get; init; }
    [JsonPropertyName("latencyMs")] public int? LatencyMs { get; init; }
    [JsonPropertyName("drop")] public bool? Drop { get; init; }
    [JsonPropertyName("retryAfterSeconds")] public int? RetryAfterSeconds { get; init; }
    [JsonPropertyName("phase")] public string? Phase { get; init; }
    [JsonPropertyName("count")] public int? Count { get; init; }
    [JsonPropertyName("probability")] public double? Probability { get; init; }
}

public sealed record FaultCreated([property: JsonPropertyName("id")] string Id);

public sealed record RouteCounters(
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("byStatus")] IReadOnlyDictionary<string, long> ByStatus);

public sealed record CountersSnapshot(
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("byStatus")] IReadOnlyDictionary<string, long> ByStatus,
    [property: JsonPropertyName("byRoute")] IReadOnlyDictionary<string, RouteCounters> ByRoute);
