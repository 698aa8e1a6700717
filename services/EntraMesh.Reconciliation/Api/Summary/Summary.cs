using EntraMesh.Reconciliation.ReadModel;

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

/// <summary>How many are in each state (every state listed, zero included).</summary>
public sealed record StateCounts(long Total, IReadOnlyDictionary<WorkerState, long> ByState);

public sealed record TargetSummary(string Target, StateCounts Counts, LatencyFigures? Latency);

/// <summary>The worker whose current revision has waited longest (Accepted, Planned, Queued, Submitted or Stuck; Held waits on purpose).</summary>
public sealed record PendingWorker(string SourceId, string WorkerId, WorkerState State, DateTimeOffset Since, double AgeSeconds);

/// <summary>Accepted to succeeded (Entra's activity time) for targets that succeeded within the window.</summary>
public sealed record LatencySummary(string Window, DateTimeOffset From, LatencyFigures Overall);

/// <summary>Percentiles from a log-scale histogram (within 2.5 %); null when nothing succeeded in the window.</summary>
public sealed record LatencyFigures(long Samples, double? P50Seconds, double? P95Seconds);

public sealed record FailureCount(string Target, WorkerState State, string? ErrorCode, long Count);

/// <summary>Dispatch's daily budget for a target as it last reported it (with its most recent submission).</summary>
public sealed record BudgetLeft(string Target, string? JobId, int CallsRemaining, int? CallsLimit, DateTimeOffset ReportedAt);
