using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Api.Summary;

public sealed record FailureCount(string Target, WorkerState State, string? ErrorCode, long Count);
