namespace EntraMesh.Reconciliation.Api.Replay;

/// <summary>A worker a bulk replay matched, with its request id once replayed.</summary>
public sealed record ReplayedWorker(string SourceId, string WorkerId, Guid? RequestId);
