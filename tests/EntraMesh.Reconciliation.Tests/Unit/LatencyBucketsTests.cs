using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Tests.Unit;

public sealed class LatencyBucketsTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(950)]
    [InlineData(6 * 60_000)]
    [InlineData(26 * 3_600_000)]
    public void A_bucket_stands_for_its_latencies_within_two_and_a_half_percent(double milliseconds)
    {
        var representative = LatencyBuckets.Representative(LatencyBuckets.For(TimeSpan.FromMilliseconds(milliseconds))).TotalMilliseconds;
        Assert.InRange(representative, Math.Max(1, milliseconds) * 0.975, Math.Max(1, milliseconds) * 1.025);
    }

    [Fact]
    public void Percentiles_come_from_the_counts()
    {
        var histogram = new Dictionary<int, long>
        {
            [LatencyBuckets.For(TimeSpan.FromMinutes(5))] = 90,
            [LatencyBuckets.For(TimeSpan.FromMinutes(40))] = 10,
        };

        Assert.InRange(LatencyBuckets.Percentile(histogram, 0.50)!.Value.TotalMinutes, 4.8, 5.2);
        Assert.InRange(LatencyBuckets.Percentile(histogram, 0.95)!.Value.TotalMinutes, 39, 41);
        Assert.Null(LatencyBuckets.Percentile(new Dictionary<int, long>(), 0.5));
    }
}
