using MassTransit;

namespace EntraMesh.Contracts;

/// <summary>An operator asked to plan a worker again from its last accepted record, even if nothing changed.</summary>
[MessageUrn("entramesh:replay-worker-requested")]
[EntityName("entramesh.replay-worker-requested")]
public sealed record ReplayWorkerRequested
{
    public required Guid RequestId { get; init; }
    public required string SourceId { get; init; }
    public required string WorkerId { get; init; }
    public required string RequestedBy { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
}
