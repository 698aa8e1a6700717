namespace EntraMesh.RulesBench;

/// <summary>Median and spread of several runs of one mode.</summary>
internal sealed record Summary(string Mode, double MedianRecordsPerSecond, double MinRecordsPerSecond, double MaxRecordsPerSecond, double MedianBytesPerRecord)
{
    public static Summary Of(string mode, IReadOnlyList<RunResult> runs) => new(
        mode,
        Median(runs.Select(r => r.RecordsPerSecond)),
        runs.Min(r => r.RecordsPerSecond),
        runs.Max(r => r.RecordsPerSecond),
        Median(runs.Select(r => r.BytesPerRecord)));

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
