using EntraMesh.Contracts;

namespace EntraMesh.Reconciliation.ReadModel;

/// <summary>
/// A worker's overall state from its lanes at its current revision: what needs a human first (Failed, Rejected,
/// Stuck), then the least advanced change still under way (Held, Planned, Queued, Submitted), then Succeeded, then
/// Skipped. A lane counts at the current revision when its change belongs to it, or when mapping found that revision
/// unchanged from the lane's change (<see cref="Lane.IsCurrentAt"/>). Without lanes at that revision, what the
/// worker-level events said (Accepted, or Held/Skipped for all targets).
/// </summary>
public static class OverallState
{
    static readonly WorkerState[] Precedence =
    [
        WorkerState.Failed, WorkerState.Rejected, WorkerState.Stuck,
        WorkerState.Accepted, WorkerState.Held, WorkerState.Planned, WorkerState.Queued, WorkerState.Submitted,
        WorkerState.Succeeded, WorkerState.Skipped,
    ];

    public static void Compute(WorkerRecord worker, IEnumerable<Lane> lanes)
    {
        var current = lanes
            .Where(lane => lane.IsCurrentAt(worker.Revision))
            .OrderBy(lane => Array.IndexOf(Precedence, lane.State))
            .ThenBy(lane => lane.Target, StringComparer.Ordinal)
            .ToList();

        worker.Targets = current.Select(lane => lane.Target).Order(StringComparer.Ordinal).ToArray();
        worker.ChangeKind = OverallKind(current.Select(lane => lane.ChangeKind));
        if (current.Count == 0)
        {
            worker.State = worker.BaseState ?? WorkerState.Accepted;
            worker.SkipReason = worker.BaseSkipReason;
            worker.SkipDetail = worker.BaseSkipDetail;
            worker.HeldUntil = worker.BaseHeldUntil;
            worker.ErrorCode = null;
            worker.ErrorReason = null;
            return;
        }

        var deciding = current[0];
        worker.State = deciding.State;
        worker.SkipReason = deciding.State is WorkerState.Skipped or WorkerState.Held ? deciding.SkipReason : null;
        worker.SkipDetail = deciding.State is WorkerState.Skipped or WorkerState.Held ? deciding.SkipDetail : null;
        worker.HeldUntil = deciding.State == WorkerState.Held ? deciding.HeldUntil : null;
        worker.ErrorCode = deciding.State is WorkerState.Failed or WorkerState.Rejected ? deciding.ErrorCode : null;
        worker.ErrorReason = deciding.State is WorkerState.Failed or WorkerState.Rejected ? deciding.ErrorReason : null;
    }

    /// <summary>
    /// One kind for the worker: the only kind; a Leaver in one target with a Joiner or Rehire in another is a Mover
    /// (a move between targets, e.g. on-premises to cloud); otherwise the kind dispatch sends first.
    /// </summary>
    public static ChangeKind? OverallKind(IEnumerable<ChangeKind?> kinds)
    {
        var distinct = kinds.OfType<ChangeKind>().Distinct().ToList();
        if (distinct.Count == 0) return null;
        if (distinct.Count == 1) return distinct[0];
        if (distinct.Contains(Contracts.ChangeKind.Leaver) && (distinct.Contains(Contracts.ChangeKind.Joiner) || distinct.Contains(Contracts.ChangeKind.Rehire)))
        {
            return Contracts.ChangeKind.Mover;
        }

        return distinct.OrderBy(ChangePriorities.For).ThenBy(kind => kind).First();
    }
}
