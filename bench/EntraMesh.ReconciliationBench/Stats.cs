namespace EntraMesh.ReconciliationBench;

public static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double quantile)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(quantile * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public static double Median(IReadOnlyList<double> values) => Percentile(values, 0.5);

    /// <summary>"median (min–max)" of several runs.</summary>
    public static string Spread(IReadOnlyList<double> runs, string format) =>
        $"{Median(runs).ToString(format, System.Globalization.CultureInfo.InvariantCulture)} " +
        $"({runs.Min().ToString(format, System.Globalization.CultureInfo.InvariantCulture)}–{runs.Max().ToString(format, System.Globalization.CultureInfo.InvariantCulture)})";
}
