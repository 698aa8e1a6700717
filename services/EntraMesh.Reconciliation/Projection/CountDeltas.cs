using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>
/// Changes to the counts by state that a batch makes: scope "" counts workers by overall state, a target name counts
/// that target's lanes. Written to one shard chosen per transaction, in key order (no deadlocks between batches).
/// </summary>
public sealed class CountDeltas
{
    public const string WorkersScope = "";

    readonly Dictionary<(string Scope, string State), long> deltas = [];

    public void Move(string scope, WorkerState? from, WorkerState to)
    {
        if (from == to) return;
        if (from is { } old) Add(scope, old, -1);
        Add(scope, to, +1);
    }

    void Add(string scope, WorkerState state, long n)
    {
        var key = (scope, state.ToString());
        deltas[key] = deltas.GetValueOrDefault(key) + n;
    }

    public IReadOnlyList<(string Scope, string State, long N)> NonZero() =>
        deltas.Where(pair => pair.Value != 0)
            .Select(pair => (pair.Key.Scope, pair.Key.State, pair.Value))
            .OrderBy(delta => delta.Scope, StringComparer.Ordinal).ThenBy(delta => delta.State, StringComparer.Ordinal)
            .ToList();
}
