using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Api.Summary;

/// <summary>The worker whose current revision has waited longest (Accepted, Planned, Queued, Submitted or Stuck; Held waits on purpose).</summary>
public sealed record PendingWorker(string SourceId, string WorkerId, WorkerState State, DateTimeOffset Since, double AgeSeconds);
