using Omni.Client.Tests.Support;
using Omni.Client.Transport;

namespace Omni.Client.Tests.Unit;

public class RecentlyCreatedTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = FakeClock.Create();

    [Fact]
    public void A_create_is_remembered_for_its_window_only()
    {
        var recent = new RecentlyCreated(_time);
        recent.Add("users/1");

        Assert.Equal(RecentlyCreated.Window, recent.Remaining("USERS/1"));
        _time.Advance(RecentlyCreated.Window + TimeSpan.FromMilliseconds(1));
        Assert.Null(recent.Remaining("users/1"));
        Assert.Null(recent.Remaining("users/2"));
    }

    [Fact]
    public void Expired_creates_are_swept_once_a_window_not_on_every_create()
    {
        var recent = new RecentlyCreated(_time);
        for (var i = 0; i < 100; i++)
        {
            recent.Add($"users/{i}");
        }

        // Within the window nothing is swept; the map grows with the creates.
        _time.Advance(RecentlyCreated.Window / 2);
        recent.Add("users/mid");
        Assert.Equal(101, recent.Count);

        // The first create after a window sweeps what has expired, and keeps what has not.
        _time.Advance(RecentlyCreated.Window / 2 + TimeSpan.FromMilliseconds(1));
        recent.Add("users/late");
        Assert.Equal(2, recent.Count);
        Assert.NotNull(recent.Remaining("users/mid"));
        Assert.NotNull(recent.Remaining("users/late"));
    }
}
