using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Api.Replay;

/// <summary>A validated bulk replay: which targets' states, the filter, and the most workers it may replay.</summary>
public sealed record BulkReplayFilter(
    IReadOnlyList<WorkerState> States, string? Target, ChangeKind? ChangeKind, string? ErrorCode, string? SourceId, DateTimeOffset? Since, int MaxWorkers);
