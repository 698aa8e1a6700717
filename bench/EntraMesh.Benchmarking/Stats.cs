using System.Globalization;

namespace EntraMesh.Benchmarking;

/// <summary>Medians, percentiles and the spread of several runs.</summary>
public static class Stats
{
    /// <summary>The nearest-rank percentile, <paramref name="quantile"/> from 0 to 1 (NaN values left out; NaN for no values).</summary>
    public static double Percentile(IEnumerable<double> values, double quantile)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(quantile * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    /// <summary>The median; the mean of the two middle values for an even count (NaN values left out; NaN for no values).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>"median (min–max)" of several runs, each in <paramref name="format"/>.</summary>
    public static string Spread(IReadOnlyCollection<double> runs, string format) => runs.Count == 0
        ? "n/a"
        : $"{Format(Median(runs), format)} ({Format(runs.Min(), format)}–{Format(runs.Max(), format)})";

    static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
