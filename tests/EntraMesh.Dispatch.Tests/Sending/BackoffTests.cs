using EntraMesh.Dispatch.Sending;

namespace EntraMesh.Dispatch.Tests.Sending;

public sealed class BackoffTests
{
    static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 500, 1000)]
    [InlineData(2, 1000, 2000)]
    [InlineData(4, 4000, 8000)]
    public void Delay_doubles_per_failure_with_jitter_in_the_upper_half(int failures, int minMs, int maxMs)
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 200).Select(_ => Backoff.Delay(failures, Base, Max, random).TotalMilliseconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, minMs, maxMs));
        Assert.True(delays.Distinct().Count() > 100, "the delays are jittered");
    }

    [Fact]
    public void Delay_never_exceeds_the_maximum()
    {
        Assert.InRange(Backoff.Delay(60, Base, Max, new Random(1)), Max / 2, Max);
    }
}
