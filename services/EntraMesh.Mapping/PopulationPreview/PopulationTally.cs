using EntraMesh.Contracts;
using EntraMesh.Mapping.Planning;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>Adds up worker comparisons; one per evaluating thread, merged at the end.</summary>
internal sealed class PopulationTally(int samples)
{
    const int MaxOuChanges = 50;

    readonly Dictionary<ChangeKind, int> kinds = [];
    readonly Dictionary<string, TargetTally> targets = new(StringComparer.Ordinal);
    readonly Dictionary<(string From, string To), int> moves = [];
    readonly Dictionary<(string Target, string? From, string? To), int> ous = [];
    readonly SampleBucket<InvalidSampleResponse> invalidSamples = new(samples);
    int workers, changed, invalid, runningInvalid, outOfScopeRunning, outOfScopeCandidate;

    public int Workers => workers;

    public void Add(WorkerKey worker, WorkerComparison comparison)
    {
        workers++;
        if (comparison.RunningTarget is null && !comparison.RunningError) outOfScopeRunning++;
        if (comparison.CandidateTarget is null && comparison.CandidateError is null && !comparison.RunningError) outOfScopeCandidate++;
        if (comparison.RunningError)
        {
            runningInvalid++;
            return;
        }

        if (comparison.CandidateError is { } error)
        {
            invalid++;
            invalidSamples.Add(worker, () => new InvalidSampleResponse(
                worker.SourceId, worker.WorkerId, error.Target, error.Attribute, error.Position.Line, error.Position.Column, error.Message));
            return;
        }

        if (comparison.Changes.Count == 0) return;
        changed++;
        foreach (var change in comparison.Changes)
        {
            kinds[change.Kind] = kinds.GetValueOrDefault(change.Kind) + 1;
            Target(change.Target).Add(worker, change);
        }

        if (comparison is { RunningTarget: { } from, CandidateTarget: { } to } && from != to) moves[(from, to)] = moves.GetValueOrDefault((from, to)) + 1;
        if (comparison.OuChange is { } ou) ous[ou] = ous.GetValueOrDefault(ou) + 1;
    }

    public void Merge(PopulationTally other)
    {
        workers += other.workers;
        changed += other.changed;
        invalid += other.invalid;
        runningInvalid += other.runningInvalid;
        outOfScopeRunning += other.outOfScopeRunning;
        outOfScopeCandidate += other.outOfScopeCandidate;
        foreach (var (kind, count) in other.kinds) kinds[kind] = kinds.GetValueOrDefault(kind) + count;
        foreach (var (name, tally) in other.targets) Target(name).Merge(tally);
        foreach (var (move, count) in other.moves) moves[move] = moves.GetValueOrDefault(move) + count;
        foreach (var (ou, count) in other.ous) ous[ou] = ous.GetValueOrDefault(ou) + count;
        invalidSamples.Merge(other.invalidSamples);
    }

    /// <summary>The totals; the caller fills in the rule sets, the clock and the test cases.</summary>
    public PopulationPreviewResponse ToResponse(PopulationPreviewResponse header) => header with
    {
        Workers = workers,
        WorkersChanged = changed,
        Unchanged = workers - changed - invalid - runningInvalid,
        Changes = kinds.OrderBy(k => k.Key).ToDictionary(k => k.Key, k => k.Value),
        Targets = targets.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value.ToResponse(t.Key)).ToList(),
        TargetMoves = moves.OrderByDescending(m => m.Value).ThenBy(m => m.Key.From, StringComparer.Ordinal).ThenBy(m => m.Key.To, StringComparer.Ordinal)
            .Select(m => new TargetMoveResponse(m.Key.From, m.Key.To, m.Value)).ToList(),
        OuChanges = ous.OrderByDescending(o => o.Value).ThenBy(o => o.Key.Target, StringComparer.Ordinal)
            .ThenBy(o => o.Key.From, StringComparer.Ordinal).ThenBy(o => o.Key.To, StringComparer.Ordinal)
            .Take(MaxOuChanges).Select(o => new OuChangeResponse(o.Key.Target, o.Key.From, o.Key.To, o.Value)).ToList(),
        OutOfScope = new ScopeCountsResponse(outOfScopeRunning, outOfScopeCandidate),
        Invalid = new InvalidResponse(invalid, invalidSamples.Samples),
        RunningInvalid = runningInvalid,
    };

    TargetTally Target(string name)
    {
        if (!targets.TryGetValue(name, out var tally)) targets[name] = tally = new TargetTally(samples);
        return tally;
    }
}
