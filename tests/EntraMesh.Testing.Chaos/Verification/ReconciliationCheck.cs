using EntraMesh.Testing.Chaos.Observation;
using EntraMesh.Testing.Chaos.Workforce;

namespace EntraMesh.Testing.Chaos.Verification;

/// <summary>
/// Reconciliation's view at the end: every worker the HR system got a record accepted for is known, at the revision of its
/// last accepted record, and either Succeeded, Skipped with a reason (nothing to send, or Entra had nothing to do), or
/// Failed/Rejected with the error that explains it. Nothing may still be under way, stuck or unexplained.
/// </summary>
public static class ReconciliationCheck
{
    public sealed record Result(
        IReadOnlyDictionary<string, int> ByState, IReadOnlyDictionary<string, int> SkipReasons, IReadOnlyDictionary<string, string> Explained,
        IReadOnlyList<string> Findings);

    public static Result Run(IEnumerable<HrWorker> workers, IReadOnlyList<WorkerRow> rows)
    {
        var byWorker = rows.ToDictionary(row => row.WorkerId, StringComparer.Ordinal);
        var findings = new List<string>();
        var explained = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            var expectedRevision = worker.ExpectedRevision;
            if (expectedRevision == 0) continue;
            if (!byWorker.TryGetValue(worker.Id, out var row))
            {
                findings.Add($"worker {worker.Id}: {expectedRevision} records accepted, unknown to reconciliation");
                continue;
            }

            if (row.Revision != expectedRevision)
            {
                findings.Add($"worker {worker.Id}: ingest accepted {expectedRevision} records, reconciliation shows revision {row.Revision} ({row})");
            }

            switch (row.State)
            {
                case "Succeeded":
                    break;
                case "Skipped" when row.SkipReason is not null:
                    break;
                case "Failed" or "Rejected" when row.ErrorCode is not null || row.ErrorReason is not null:
                    explained[worker.Id] = $"{row.State} {row.ErrorCode}: {row.ErrorReason}";
                    break;
                default:
                    findings.Add($"worker {worker.Id}: {row}");
                    break;
            }
        }

        return new Result(
            rows.GroupBy(row => row.State).ToDictionary(group => group.Key, group => group.Count()),
            rows.Where(row => row.SkipReason is not null).GroupBy(row => row.SkipReason!).ToDictionary(group => group.Key, group => group.Count()),
            explained, findings);
    }
}
