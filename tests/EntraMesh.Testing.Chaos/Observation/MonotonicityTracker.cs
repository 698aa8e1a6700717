namespace EntraMesh.Testing.Chaos.Observation;

/// <summary>
/// Remembers, per worker and target, the furthest point each sample showed, and writes down every sample that went
/// back: a lower revision, a lower stage within a revision (reconciliation), or an older record's values (the emulator's
/// directory, by the record number in OfficePhone).
/// </summary>
public sealed class MonotonicityTracker
{
    readonly Lock gate = new();
    readonly Dictionary<(string Worker, string Target), (long Revision, int Stage, string State, string? SkipReason, DateTimeOffset At)> lanes = [];
    readonly Dictionary<(string Worker, string Target), (int Sequence, DateTimeOffset At)> values = [];
    readonly Dictionary<string, (long Revision, DateTimeOffset At)> workers = [];
    readonly List<string> violations = [];
    readonly List<LaneRestart> restarts = [];

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (gate) return [.. violations];
        }
    }

    /// <summary>
    /// A target that showed an earlier stage of the same revision than a sample before it: backwards, unless a replay of
    /// the worker (an operator's, or reconciliation's automatic one after an unresolved manager) started a new attempt of
    /// that revision in between. Which it was is for the caller to check in the worker's timeline.
    /// </summary>
    public IReadOnlyList<LaneRestart> SameRevisionRestarts
    {
        get
        {
            lock (gate) return [.. restarts];
        }
    }

    public void ObserveLane(string worker, string target, long revision, string state, string? skipReason, DateTimeOffset at)
    {
        var stage = Stages.Of(state, skipReason);
        lock (gate)
        {
            if (lanes.TryGetValue((worker, target), out var seen)
                && (revision < seen.Revision || (revision == seen.Revision && stage < seen.Stage))
                && !OvertakenPlan(seen.State, seen.SkipReason, revision, seen.Revision))
            {
                var text = $"reconciliation: worker {worker} in {target} went from revision {seen.Revision} {seen.State} ({seen.At:HH:mm:ss.fff}) " +
                           $"back to revision {revision} {state}{(skipReason is null ? "" : $" ({skipReason})")} ({at:HH:mm:ss.fff})";
                if (revision == seen.Revision) restarts.Add(new LaneRestart(worker, target, revision, seen.At, at, text));
                else violations.Add(text);
                return;
            }

            lanes[(worker, target)] = (revision, stage, state, skipReason, at);
        }
    }

    /// <summary>
    /// Reconciliation's documented exception (docs/reconciliation.md, "Unchanged revisions"): a target that showed only a
    /// <c>NoChange</c> skip of revision R is taken over by the change of an older revision whose plan the skip overtook; that
    /// change then stands for R (<c>unchangedThrough</c>, which the list does not show). Not a state going back.
    /// </summary>
    static bool OvertakenPlan(string shownState, string? shownSkipReason, long revision, long shownRevision) =>
        shownState == "Skipped" && shownSkipReason is null or "NoChange" && revision < shownRevision;

    /// <summary>A worker's overall revision (reconciliation's worker list) only goes up; its state may (a second target's plan).</summary>
    public void ObserveWorker(string worker, long revision, DateTimeOffset at)
    {
        lock (gate)
        {
            if (workers.TryGetValue(worker, out var seen) && revision < seen.Revision)
            {
                violations.Add($"reconciliation: worker {worker} went from revision {seen.Revision} ({seen.At:HH:mm:ss.fff}) back to revision {revision} ({at:HH:mm:ss.fff})");
                return;
            }

            workers[worker] = (revision, at);
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
