namespace EntraMesh.Reconciliation.Api.Replay;

/// <summary>A recorded replay request; <c>ReplayWorkerRequested</c> is published once it is committed.</summary>
public sealed record ReplayReceipt(Guid RequestId, string SourceId, string WorkerId, string RequestedBy, string Reason, DateTimeOffset RequestedAt);
