using System.Net.Http.Headers;
using System.Text.Json;
using Omni.Client;

namespace Omni.Bench;

/// <summary>
/// What Omni.Client's pipeline (limiter, retries, timeouts, typed models) costs on the hot read path:
/// GET of one user through <see cref="OmniUsers.GetAsync"/> against a bare HttpClient GET plus a JSON parse.
/// </summary>
internal static class ClientOverheadBench
{
    public static async Task<BenchResult> RunAsync(BenchEmulator emulator, BenchOptions options, CancellationToken ct = default)
    {
        using var client = new OmniClient(new OmniClientOptions
        {
            BaseUrl = emulator.BaseUrl.ToString(),
            ApiKey = emulator.ApiKey,
            RequestsPerMinute = 0,
        });
        var user = await client.Users.CreateAsync(new ScimUserCreate("bench.reader@example.com", "Bench Reader",
            new Dictionary<string, AttributeValue> { ["region"] = AttributeValue.Of("emea") }), ct);

        using var raw = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "/api/scim/v2/") };
        raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);

        var candidate = await Timing.MedianAsync(options.Rounds, async _round =>
        {
            for (var i = 0; i < options.Iterations; i++)
            {
                if (await client.Users.GetAsync(user.Id, ct) is null) { throw new InvalidOperationException("user vanished"); }
            }
        });
        var baseline = await Timing.MedianAsync(options.Rounds, async _round =>
        {
            for (var i = 0; i < options.Iterations; i++)
            {
                using var response = await raw.GetAsync($"users/{user.Id}", ct);
                response.EnsureSuccessStatusCode();
                using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            }
        });
        return BenchResult.Time("client-get", candidate, baseline, $"{options.Iterations} GETs: OmniClient vs bare HttpClient");
    }
}
