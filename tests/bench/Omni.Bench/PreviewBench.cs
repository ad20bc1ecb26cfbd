using Google.Protobuf.WellKnownTypes;
using Pulumirpc;

namespace Omni.Bench;

/// <summary>
/// `pulumi preview` of a roster that matches Omni: Check and Diff of every user through the built plugin.
/// The requests Omni answers (Configure's whoami included) against what a direct client needs to know
/// the same (whoami and the attribute definitions, once).
/// </summary>
internal static class PreviewBench
{
    public static async Task<BenchResult> RunAsync(string pluginPath, BenchOptions options, CancellationToken ct = default)
    {
        const int users = 500;
        await using var emulator = await BenchEmulator.StartAsync(0, TimeSpan.FromMinutes(1), ct);
        var held = await RefreshBench.SeedAsync(emulator, users, ct);

        var before = await emulator.CountRequestsAsync(ct);
        using (var client = emulator.Client())
        {
            await client.WhoAmIAsync(ct);
            await client.UserAttributes.ListAsync(ct);
        }

        var direct = await emulator.CountRequestsAsync(ct) - before;

        before = await emulator.CountRequestsAsync(ct);
        using var plugin = await PluginConnection.StartAsync(pluginPath, emulator, requestsPerMinute: 0, ct);
        await Parallel.ForEachAsync(held, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (user, token) =>
        {
            var urn = PluginConnection.Urn(user.Name);
            var check = await plugin.Provider.CheckAsync(new CheckRequest { Urn = urn, Type = PluginConnection.UserType, Name = user.Name, Olds = user.State, News = user.State }, cancellationToken: token);
            if (check.Failures.Count > 0)
            {
                throw new InvalidOperationException($"Check failed: {check.Failures[0].Property}: {check.Failures[0].Reason}");
            }

            var diff = await plugin.Provider.DiffAsync(new DiffRequest { Id = user.Id, Urn = urn, Type = PluginConnection.UserType, Name = user.Name, Olds = user.State, OldInputs = user.State, News = check.Inputs }, cancellationToken: token);
            if (diff.Changes == DiffResponse.Types.DiffChanges.DiffSome)
            {
                throw new InvalidOperationException($"an unchanged user shows a diff: {string.Join(", ", diff.Diffs)}");
            }
        });
        var requests = await emulator.CountRequestsAsync(ct) - before;
        return new BenchResult($"preview-{users}-requests", requests, direct, "requests", "<= 2",
            $"Check+Diff of {users} unchanged users over gRPC (Configure's whoami included) vs whoami + definitions", Ok: requests <= 2);
    }
}
