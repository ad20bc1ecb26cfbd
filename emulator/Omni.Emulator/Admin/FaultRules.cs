using System.Globalization;
using Omni.Emulator.Http;
using Omni.Emulator.Json;

namespace Omni.Emulator.Admin;

public enum FaultPhase
{
    /// <summary>Answer (or drop) without running Omni's handler.</summary>
    Before,

    /// <summary>Run the handler, so a write is applied, then replace the answer or drop the connection.</summary>
    After,
}

/// <summary>One fault rule: what it matches and what it does when it fires.</summary>
public sealed record FaultRule(
    string Id, string? Method, string? Path, int? Status, int LatencyMs, bool Drop, FaultPhase Phase, double Probability)
{
    /// <summary>Sent as Retry-After with the status (e.g. 503 + Retry-After: Omni's maintenance answer).</summary>
    public int? RetryAfterSeconds { get; init; }

    public bool Matches(string method, string path, FaultPhase phase) =>
        Phase == phase
        && (Method is null || Method.Equals(method, StringComparison.OrdinalIgnoreCase))
        && (Path is null || path.StartsWith(Path, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The fault rules in force, in the order they were added; the first that fires wins.</summary>
public sealed class FaultRules
{
    private readonly Lock gate = new();
    private readonly List<(FaultRule Rule, int? Remaining)> rules = [];
    private int nextId;

    /// <summary>Validates and adds a rule; a bad field is a 400 naming it.</summary>
    public FaultRule Add(FaultRuleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Status is { } status && status is < 100 or > 599)
        {
            throw ApiProblem.BadRequest($"status: must be an HTTP status code 100-599, received {status}");
        }

        if (request.LatencyMs is < 0)
        {
            throw ApiProblem.BadRequest($"latencyMs: must be >= 0, received {request.LatencyMs}");
        }

        if (request.Count is < 1)
        {
            throw ApiProblem.BadRequest($"count: must be >= 1 (omit it to fire every time), received {request.Count}");
        }

        if (request.Probability is < 0 or > 1 || request.Probability is double.NaN)
        {
            throw ApiProblem.BadRequest($"probability: must be between 0 and 1, received {request.Probability}");
        }

        var phase = request.Phase?.ToUpperInvariant() switch
        {
            null or "BEFORE" => FaultPhase.Before,
            "AFTER" => FaultPhase.After,
            _ => throw ApiProblem.BadRequest($"phase: must be \"before\" or \"after\", received \"{request.Phase}\""),
        };

        if (request.RetryAfterSeconds is { } retryAfter && (retryAfter < 0 || request.Status is null))
        {
            throw ApiProblem.BadRequest($"retryAfterSeconds: must be >= 0 and comes with a status, received {retryAfter}");
        }

        var drop = request.Drop ?? false;
        if (request.Status is null && !drop && request.LatencyMs is null or 0)
        {
            throw ApiProblem.BadRequest("A fault needs at least one of status, latencyMs or drop:true");
        }

        lock (gate)
        {
            var rule = new FaultRule((++nextId).ToString(CultureInfo.InvariantCulture), request.Method, request.Path,
                request.Status, request.LatencyMs ?? 0, drop, phase, request.Probability ?? 1.0)
            {
                RetryAfterSeconds = request.RetryAfterSeconds,
            };
            rules.Add((rule, request.Count));
            return rule;
        }
    }

    public bool Remove(string id)
    {
        lock (gate)
        {
            return rules.RemoveAll(r => r.Rule.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    public bool Any(string method, string path, FaultPhase phase)
    {
        lock (gate)
        {
            return rules.Exists(r => r.Rule.Matches(method, path, phase));
        }
    }

    /// <summary>The first matching rule that fires for this request (rolling its probability, spending its count), or null.</summary>
    public FaultRule? Fire(string method, string path, FaultPhase phase)
    {
        lock (gate)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var (rule, remaining) = rules[i];
                if (!rule.Matches(method, path, phase) || (rule.Probability < 1 && Random.Shared.NextDouble() >= rule.Probability))
                {
                    continue;
                }

                if (remaining is { } left)
                {
                    if (left <= 1)
                    {
                        rules.RemoveAt(i);
                    }
                    else
                    {
                        rules[i] = (rule, left - 1);
                    }
                }

                return rule;
            }

            return null;
        }
    }
}
