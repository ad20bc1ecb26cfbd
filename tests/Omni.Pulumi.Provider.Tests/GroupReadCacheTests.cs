using Microsoft.Extensions.Time.Testing;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>The cache alone, with a fake clock and GETs the test completes by hand.</summary>
public class GroupReadCacheTests
{
    private readonly FakeTimeProvider _clock = new();
    private int _fetches;

    private GroupReadCache NewCache() => new(_clock);

    private Func<Task<ScimGroup?>> Fetch(Task<ScimGroup?> answer) => () =>
    {
        _fetches++;
        return answer;
    };

    private static ScimGroup Group(string id) => new() { Id = id, DisplayName = "Analysts" };

    [Fact]
    public async Task Parallel_reads_of_one_group_share_the_in_flight_GET()
    {
        var cache = NewCache();
        var pending = new TaskCompletionSource<ScimGroup?>();

        var first = cache.GetOrFetch("g1", Fetch(pending.Task));
        var second = cache.GetOrFetch("g1", Fetch(pending.Task));
        var other = cache.GetOrFetch("g2", Fetch(Task.FromResult<ScimGroup?>(Group("g2"))));
        pending.SetResult(Group("g1"));

        Assert.Same(first, second);
        Assert.Equal("g1", (await second)!.Id);
        Assert.Equal("g2", (await other)!.Id);
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task An_answer_is_reused_within_the_lifetime_and_fetched_again_after_it()
    {
        var cache = NewCache();
        await cache.GetOrFetch("g1", Fetch(Task.FromResult<ScimGroup?>(null)));

        _clock.Advance(GroupReadCache.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Null(await cache.GetOrFetch("g1", Fetch(Task.FromResult<ScimGroup?>(Group("g1")))));
        Assert.Equal(1, _fetches);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("g1", (await cache.GetOrFetch("g1", Fetch(Task.FromResult<ScimGroup?>(Group("g1")))))!.Id);
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task A_failed_or_cancelled_GET_is_not_reused()
    {
        var cache = NewCache();
        await Assert.ThrowsAsync<OmniApiException>(() => cache.GetOrFetch("g1",
            Fetch(Task.FromException<ScimGroup?>(new OmniApiException("Omni answered 500")))));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.GetOrFetch("g1", Fetch(Task.FromCanceled<ScimGroup?>(new CancellationToken(true)))));

        Assert.Equal("g1", (await cache.GetOrFetch("g1", Fetch(Task.FromResult<ScimGroup?>(Group("g1")))))!.Id);
        Assert.Equal(3, _fetches);
    }

    [Fact]
    public async Task Invalidate_and_clear_make_the_next_read_fetch_again()
    {
        var cache = NewCache();
        await cache.GetOrFetch("g1", Fetch(Task.FromResult<ScimGroup?>(Group("g1"))));
        await cache.GetOrFetch("g2", Fetch(Task.FromResult<ScimGroup?>(Group("g2"))));

        cache.Invalidate("g1");
        await cache.GetOrFetch("g1", Fetch(Task.FromResult<ScimGroup?>(Group("g1"))));
        await cache.GetOrFetch("g2", Fetch(Task.FromResult<ScimGroup?>(Group("g2"))));
        Assert.Equal(3, _fetches);

        cache.Clear();
        await cache.GetOrFetch("g2", Fetch(Task.FromResult<ScimGroup?>(Group("g2"))));
        Assert.Equal(4, _fetches);
    }
}
