namespace EntraMesh.Bench.Measures;

/// <summary>Medians and percentiles (nearest rank on the sorted values).</summary>
public static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    public static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        if (percent == 50 && sorted.Length % 2 == 0) return (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>
    /// The rate of a stream of completion times in its steady part: the items between the 10th and the 90th percentile of
    /// their completion times, over the time between those two (a start-up or a drain at the edges does not count).
    /// </summary>
    public static double SteadyRate(IReadOnlyList<DateTimeOffset> completions)
    {
        if (completions.Count < 10) return double.NaN;
        var sorted = completions.Order().ToArray();
        var low = sorted.Length / 10;
        var high = sorted.Length - 1 - sorted.Length / 10;
        var seconds = (sorted[high] - sorted[low]).TotalSeconds;
        return seconds <= 0 ? double.NaN : (high - low) / seconds;
    }
}
