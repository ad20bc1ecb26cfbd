using Microsoft.Extensions.Time.Testing;
using Omni.Client;
using Omni.Pulumi.Provider.Configuration;

namespace Omni.Pulumi.Provider.Tests;

/// <summary>The shared listing alone, with a fake clock and listings and GETs the test answers by hand.</summary>
public class RecentListingTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly RecentListing<ScimGroup> _listing;
    private readonly List<string> _gets = [];
    private int _listings;

    public RecentListingTests() => _listing = new RecentListing<ScimGroup>(_clock, static g => g.Id);

    private static ScimGroup Group(string id) => new() { Id = id, DisplayName = "Analysts " + id };

    private Func<IAsyncEnumerable<ScimGroup>> Lists(params string[] ids) => () =>
    {
        _listings++;
        return ids.Select(Group).ToAsyncEnumerable();
    };

    private Func<Task<ScimGroup?>> Gets(string id, bool exists) => () =>
    {
        _gets.Add(id);
        return Task.FromResult(exists ? Group(id) : null);
    };

    private Task<ScimGroup?> ReadAsync(string id, bool existsInOmni = true, params string[] listed) =>
        _listing.GetAsync(id, Lists(listed.Length == 0 ? ["g1", "g2", "g3"] : listed), Gets(id, existsInOmni), CancellationToken.None);

    [Fact]
    public async Task Parallel_and_later_reads_share_one_listing_and_GET_nothing_it_holds()
    {
        var pending = new TaskCompletionSource();
        Func<IAsyncEnumerable<ScimGroup>> slow = () =>
        {
            _listings++;
            return Slow();
        };

        var reads = new[] { "g1", "g2", "g3" }.Select(id => _listing.GetAsync(id, slow, Gets(id, true), CancellationToken.None)).ToList();
        pending.SetResult();
        var found = await Task.WhenAll(reads);
        var later = await ReadAsync("g2");

        Assert.Equal(["g1", "g2", "g3"], found.Select(g => g!.Id));
        Assert.Equal("g2", later!.Id);
        Assert.Equal(1, _listings);
        Assert.Empty(_gets);

        async IAsyncEnumerable<ScimGroup> Slow()
        {
            await pending.Task;
            foreach (var id in new[] { "g1", "g2", "g3" })
            {
                yield return Group(id);
            }
        }
    }

    [Fact]
    public async Task An_id_the_listing_lacks_is_confirmed_with_one_GET()
    {
        Assert.Null(await ReadAsync("gone", existsInOmni: false));
        Assert.Equal("new", (await ReadAsync("new", existsInOmni: true))!.Id);

        Assert.Equal(["gone", "new"], _gets);
        Assert.Equal(1, _listings);
    }

    [Fact]
    public async Task A_written_id_is_read_with_a_GET_and_the_others_still_from_the_listing()
    {
        await ReadAsync("g1");
        _listing.Invalidate("g2");

        await ReadAsync("g2");
        await ReadAsync("g1");
        await ReadAsync("g3");

        Assert.Equal(["g2"], _gets);
        Assert.Equal(1, _listings);
    }

    [Fact]
    public async Task The_listing_expires_after_its_lifetime_and_a_new_one_forgets_earlier_writes()
    {
        await ReadAsync("g1");
        _listing.Invalidate("g1");

        _clock.Advance(RecentListing<ScimGroup>.Lifetime - TimeSpan.FromMilliseconds(1));
        await ReadAsync("g2");
        Assert.Equal(1, _listings);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await ReadAsync("g2");
        await ReadAsync("g1"); // the new listing was taken after the write: it holds g1 as written
        Assert.Equal(2, _listings);
        Assert.Empty(_gets);
    }

    [Fact]
    public async Task A_listing_slower_than_the_lifetime_still_serves_the_reads_after_it()
    {
        var pending = new TaskCompletionSource();
        Func<IAsyncEnumerable<ScimGroup>> slow = () =>
        {
            _listings++;
            return Slow();
        };

        var first = _listing.GetAsync("g1", slow, Gets("g1", true), CancellationToken.None);
        _clock.Advance(RecentListing<ScimGroup>.Lifetime * 3); // a large organisation at 60 requests a minute
        pending.SetResult();
        await first;
        await ReadAsync("g2");

        Assert.Equal(1, _listings);
        Assert.Empty(_gets);

        async IAsyncEnumerable<ScimGroup> Slow()
        {
            await pending.Task;
            yield return Group("g1");
            yield return Group("g2");
        }
    }

    [Fact]
    public async Task A_failed_listing_is_not_reused()
    {
        Func<IAsyncEnumerable<ScimGroup>> failing = () =>
        {
            _listings++;
            return Failing();
        };

        await Assert.ThrowsAsync<OmniApiException>(() => _listing.GetAsync("g1", failing, Gets("g1", true), CancellationToken.None));
        Assert.Equal("g1", (await ReadAsync("g1"))!.Id);
        Assert.Equal(2, _listings);
        Assert.Empty(_gets);

        static async IAsyncEnumerable<ScimGroup> Failing()
        {
            await Task.Yield();
            throw new OmniApiException("Omni answered 500");
#pragma warning disable CS0162 // an iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }
    }

    [Fact]
    public async Task Clear_makes_the_next_read_list_again()
    {
        await ReadAsync("g1");
        _listing.Clear();
        await ReadAsync("g1");

        Assert.Equal(2, _listings);
    }
}
