namespace EntraMesh.Reconciliation.Projection;

/// <summary>A consumed message (or part of one) that named no worker or target: kept instead of failing its batch.</summary>
public sealed record InvalidEvent(Guid MessageId, string Consumer, string MessageType, string Reason, DateTimeOffset ReceivedAt, string? TraceId, string? DetailJson);
