namespace EntraMesh.Bench.Measures;

/// <summary>Rates of streams of completions.</summary>
public static class Rates
{
    /// <summary>
    /// The rate of a stream of completion times in its steady part: the items between the 10th and the 90th percentile of
    /// their completion times, over the time between those two (a start-up or a drain at the edges does not count).
    /// </summary>
    public static double Steady(IReadOnlyList<DateTimeOffset> completions)
    {
        if (completions.Count < 10) return double.NaN;
        var sorted = completions.Order().ToArray();
        var low = sorted.Length / 10;
        var high = sorted.Length - 1 - sorted.Length / 10;
        var seconds = (sorted[high] - sorted[low]).TotalSeconds;
        return seconds <= 0 ? double.NaN : (high - low) / seconds;
    }
}
