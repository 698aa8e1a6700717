namespace EntraMesh.Reconciliation.Api.Replay;

/// <summary>What a bulk replay matched and (unless a dry run) asked to replay.</summary>
public sealed record BulkReplayResult(
    Guid? BulkRequestId, bool DryRun, int Matched, string RequestedBy, string Reason, DateTimeOffset RequestedAt, IReadOnlyList<ReplayedWorker> Workers);
