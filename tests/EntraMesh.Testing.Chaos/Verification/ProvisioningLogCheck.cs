using EntraMesh.Testing.Chaos.Workforce;

namespace EntraMesh.Testing.Chaos.Verification;

/// <summary>
/// Entra's provisioning logs, worker by worker, in the order Entra processed the operations:
/// <list type="bullet">
/// <item>the values written always come from a newer record than the ones before (the record number in the phone only
/// goes up): no older revision was applied after a newer one;</item>
/// <item>every record whose values were written was accepted by ingest (nothing invented, nothing from a lost request);</item>
/// <item>an operation Entra received more than once (the same bulkId: a call re-sent after its answer was lost) changed
/// nothing the second time (Entra skips it as a redundant export), except a manager that resolves only now.</item>
/// </list>
/// </summary>
public static class ProvisioningLogCheck
{
    static readonly string[] PhoneProperties = ["businessPhones", "telephoneNumber"];

    public sealed record Result(
        int Entries, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> FailuresByCode, int RepeatedOperations,
        int RepeatsWithoutEffect, IReadOnlyList<string> Findings);

    public static Result Run(IEnumerable<HrWorker> workers, IReadOnlyDictionary<string, string> jobTargets, IReadOnlyList<LogEntry> entries)
    {
        var findings = new List<string>();
        var bySource = entries.ToLookup(entry => entry.SourceId);
        int repeated = 0, repeatsWithoutEffect = 0;
        foreach (var worker in workers)
        {
            var mine = bySource[worker.Id].OrderBy(entry => entry.At).ToList();
            var expectedTarget = worker.IsEmployee ? EntraMesh.Launcher.Mesh.EmulatorTenant.OnPremisesTarget : EntraMesh.Launcher.Mesh.EmulatorTenant.CloudTarget;
            foreach (var stray in mine.Where(entry => jobTargets.GetValueOrDefault(entry.JobId) != expectedTarget))
            {
                findings.Add($"worker {worker.Id}: log entry {stray.Id} in job {stray.JobId}, but the worker belongs to {expectedTarget}");
            }

            int? lastSequence = null;
            LogEntry? lastWriter = null;
            foreach (var entry in mine)
            {
                var phone = entry.Modified.FirstOrDefault(change => PhoneProperties.Contains(change.Name, StringComparer.OrdinalIgnoreCase));
                if (phone is null || Marker.Parse(phone.NewValue) is not { } sequence) continue;
                if (lastSequence is { } previous && sequence <= previous)
                {
                    findings.Add($"worker {worker.Id}: entry {entry.Id} ({entry.At:HH:mm:ss.fff}) wrote record {sequence}'s values after entry " +
                                 $"{lastWriter!.Id} ({lastWriter.At:HH:mm:ss.fff}) had written record {previous}'s");
                }

                if (!worker.Records.Any(record => record.Sequence == sequence && record.IsAccepted))
                {
                    findings.Add($"worker {worker.Id}: entry {entry.Id} wrote record {sequence}'s values, which ingest never accepted");
                }

                lastSequence = sequence;
                lastWriter = entry;
            }

            foreach (var group in mine.Where(entry => entry.BulkId is not null).GroupBy(entry => entry.BulkId).Where(group => group.Count() > 1))
            {
                var ordered = group.OrderBy(entry => entry.At).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    repeated++;
                    var repeat = ordered[i];
                    var effect = repeat.Modified.Where(change => !string.Equals(change.Name, "manager", StringComparison.OrdinalIgnoreCase)).ToList();
                    if (effect.Count == 0)
                    {
                        repeatsWithoutEffect++;
                        continue;
                    }

                    findings.Add($"worker {worker.Id}: operation {group.Key} applied again by entry {repeat.Id} ({repeat.At:HH:mm:ss.fff}) and changed " +
                                 string.Join(", ", effect.Select(change => $"{change.Name} '{change.OldValue}' -> '{change.NewValue}'")));
                }
            }
        }

        return new Result(
            entries.Count,
            entries.GroupBy(entry => entry.Status).ToDictionary(group => group.Key, group => group.Count()),
            entries.Where(entry => entry.ErrorCode is not null).GroupBy(entry => entry.ErrorCode!).ToDictionary(group => group.Key, group => group.Count()),
            repeated, repeatsWithoutEffect, findings);
    }
}
