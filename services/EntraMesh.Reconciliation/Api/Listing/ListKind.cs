using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Api.Listing;

/// <summary>Which list is asked for, and the states it may show.</summary>
public sealed record ListKind(string Name, IReadOnlyList<WorkerState> AllowedStates, IReadOnlyList<WorkerState> DefaultStates, bool AlwaysTargets)
{
    public static readonly ListKind Workers = new("workers", Enum.GetValues<WorkerState>(), [], false);
    public static readonly ListKind Stuck = new("stuck", [WorkerState.Stuck], [WorkerState.Stuck], true);
    public static readonly ListKind Failures = new("failures", [WorkerState.Failed, WorkerState.Rejected], [WorkerState.Failed, WorkerState.Rejected], true);
}
