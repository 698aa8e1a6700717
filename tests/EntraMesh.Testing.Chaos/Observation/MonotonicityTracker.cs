namespace EntraMesh.Testing.Chaos.Observation;

/// <summary>
/// Remembers, per worker and target, the furthest point each sample showed, and writes down every sample that went
/// back: a lower revision, a lower stage within a revision (reconciliation), or an older record's values (the emulator's
/// directory, by the record number in OfficePhone).
/// </summary>
public sealed class MonotonicityTracker
{
    readonly Lock gate = new();
    readonly Dictionary<(string Worker, string Target), (long Revision, int Stage, string State, DateTimeOffset At)> lanes = [];
    readonly Dictionary<(string Worker, string Target), (int Sequence, DateTimeOffset At)> values = [];
    readonly List<string> violations = [];

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (gate) return [.. violations];
        }
    }

    public void ObserveLane(string worker, string target, long revision, string state, string? skipReason, DateTimeOffset at)
    {
        var stage = Stages.Of(state, skipReason);
        lock (gate)
        {
            if (lanes.TryGetValue((worker, target), out var seen)
                && (revision < seen.Revision || (revision == seen.Revision && stage < seen.Stage)))
            {
                violations.Add($"reconciliation: worker {worker} in {target} went from revision {seen.Revision} {seen.State} ({seen.At:HH:mm:ss.fff}) " +
                               $"back to revision {revision} {state}{(skipReason is null ? "" : $" ({skipReason})")} ({at:HH:mm:ss.fff})");
                return;
            }

            lanes[(worker, target)] = (revision, stage, state, at);
        }
    }

    public void ObserveValues(string worker, string target, int sequence, DateTimeOffset at)
    {
        lock (gate)
        {
            if (values.TryGetValue((worker, target), out var seen) && sequence < seen.Sequence)
            {
                violations.Add($"Entra: worker {worker} in {target} held record {seen.Sequence}'s values ({seen.At:HH:mm:ss.fff}), " +
                               $"later an older record {sequence}'s ({at:HH:mm:ss.fff})");
                return;
            }

            values[(worker, target)] = (sequence, at);
        }
    }
}
