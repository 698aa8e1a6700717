namespace EntraMesh.Bench.Load;

/// <summary>What a paced sender did: when it started and sent its last webhook, and every answer.</summary>
public sealed record SendReport(DateTimeOffset Started, DateTimeOffset LastSent, IReadOnlyList<WebhookAnswer> Answers)
{
    public int RecordsAccepted => Answers.Sum(a => a.Accepted);

    public int Failed => Answers.Count(a => a.Status != 202);

    public DateTimeOffset LastAnswered => Answers.Count == 0 ? Started : Answers.Max(a => a.Answered);

    /// <summary>Records per second the sender actually offered: n webhooks span n - 1 intervals from the first to the last send.</summary>
    public double OfferedRate(int records)
    {
        var intervals = Math.Max(1, Answers.Count - 1);
        var seconds = (LastSent - Started).TotalSeconds * Answers.Count / intervals;
        return records / Math.Max(0.001, seconds);
    }

    public string FailureSummary() =>
        string.Join(", ", Answers.Where(a => a.Status != 202).GroupBy(a => a.Status).Select(g => $"{g.Count()} x {(g.Key == 0 ? "no answer" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
}
