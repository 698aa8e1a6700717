namespace EntraMesh.Reconciliation.ReadModel;

/// <summary>
/// Log-scale latency buckets: bucket b holds latencies in (1.05^(b-1), 1.05^b] milliseconds, so a percentile read
/// from the buckets is within 2.5 % of the true value. Bucket 0 holds everything up to 1 ms.
/// </summary>
public static class LatencyBuckets
{
    const double Ratio = 1.05;
    static readonly double LogRatio = Math.Log(Ratio);

    /// <summary>Enough for 90 days.</summary>
    public const int MaxBucket = 530;

    public static short For(TimeSpan latency)
    {
        var milliseconds = latency.TotalMilliseconds;
        if (milliseconds <= 1) return 0;
        var bucket = (int)Math.Ceiling(Math.Log(milliseconds) / LogRatio);
        return (short)Math.Clamp(bucket, 0, MaxBucket);
    }

    /// <summary>The value a bucket stands for: the geometric middle of its bounds.</summary>
    public static TimeSpan Representative(int bucket) =>
        bucket <= 0 ? TimeSpan.FromMilliseconds(1) : TimeSpan.FromMilliseconds(Math.Pow(Ratio, bucket - 0.5));

    /// <summary>The <paramref name="quantile"/> (0..1) of a histogram given as bucket to count.</summary>
    public static TimeSpan? Percentile(IReadOnlyDictionary<int, long> histogram, double quantile)
    {
        var total = histogram.Values.Sum();
        if (total == 0) return null;
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        foreach (var (bucket, count) in histogram.OrderBy(pair => pair.Key))
        {
            seen += count;
            if (seen >= rank) return Representative(bucket);
        }

        return Representative(histogram.Keys.Max());
    }
}
