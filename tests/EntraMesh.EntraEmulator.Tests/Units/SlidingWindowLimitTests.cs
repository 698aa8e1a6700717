using EntraMesh.EntraEmulator.RateLimits;

namespace EntraMesh.EntraEmulator.Tests.Units;

/// <summary>The "N calls in any window" limit on its own.</summary>
public sealed class SlidingWindowLimitTests
{
    static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_call_waits_until_the_oldest_of_the_last_N_leaves_the_window()
    {
        var limit = new SlidingWindowLimit(3, TimeSpan.FromSeconds(5));
        limit.Admit(Start);
        limit.Admit(Start.AddSeconds(1));
        limit.Admit(Start.AddSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(2), limit.WaitFor(Start.AddSeconds(3)));
        Assert.Equal(TimeSpan.Zero, limit.WaitFor(Start.AddSeconds(5)));
        limit.Admit(Start.AddSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(1), limit.WaitFor(Start.AddSeconds(5)));
        Assert.Equal(3, limit.CountIn(Start.AddSeconds(5)));
        Assert.Equal(1, limit.CountIn(Start.AddSeconds(9)));
    }
}
