namespace EntraMesh.Reconciliation.Api.Summary;

/// <summary>The state of the whole population at a glance.</summary>
public sealed record Summary(
    DateTimeOffset GeneratedAt,
    StateCounts Workers,
    IReadOnlyList<TargetSummary> Targets,
    PendingWorker? OldestPending,
    LatencySummary Latency,
    IReadOnlyList<FailureCount> FailuresByErrorCode,
    IReadOnlyList<BudgetLeft> Budget);
