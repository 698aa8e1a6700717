using EntraMesh.Testing.Chaos.Workforce;

namespace EntraMesh.Testing.Chaos.Verification;

/// <summary>
/// What ingest answered the HR system: every record of a chaos run is valid, so every one must end accepted (at once, or
/// recognised as a duplicate of an attempt whose answer was lost), and the revisions it named must count up by one per
/// accepted record of the worker, without gaps or repeats.
/// </summary>
public static class DeliveryCheck
{
    public sealed record Result(int Sent, int Accepted, int AcceptedEarlier, IReadOnlyList<string> Findings);

    public static Result Run(IEnumerable<HrWorker> workers)
    {
        int sent = 0, accepted = 0, acceptedEarlier = 0;
        var findings = new List<string>();
        foreach (var worker in workers)
        {
            var position = 0L;
            foreach (var record in worker.Records)
            {
                sent++;
                switch (record.Outcome)
                {
                    case RecordOutcome.Accepted:
                        accepted++;
                        position++;
                        if (record.Revision is { } revision && revision != position)
                        {
                            findings.Add($"worker {worker.Id}: record {record.Sequence} got revision {revision}, but it is accepted record number {position}");
                        }

                        break;
                    case RecordOutcome.AcceptedEarlier:
                        acceptedEarlier++;
                        position++;
                        break;
                    default:
                        findings.Add($"worker {worker.Id}: record {record.Sequence} ({record.Intent}, {record.Channel}) {record.Outcome}: {record.Reason}");
                        break;
                }
            }
        }

        return new Result(sent, accepted, acceptedEarlier, findings);
    }
}
