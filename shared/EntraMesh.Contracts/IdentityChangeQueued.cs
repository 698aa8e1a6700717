using MassTransit;

namespace EntraMesh.Contracts;

/// <summary>Dispatch committed a planned change to its pending queue for a target.</summary>
[MessageUrn("entramesh:identity-change-queued")]
[EntityName("entramesh.identity-change-queued")]
[PublishedInBatches]
public sealed record IdentityChangeQueued
{
    public required Guid ChangeId { get; init; }
    public required Guid RecordId { get; init; }
    public required string SourceId { get; init; }
    public required string WorkerId { get; init; }
    public required long Revision { get; init; }
    public required string Target { get; init; }
    public required ChangeKind ChangeKind { get; init; }
    public required DateTimeOffset QueuedAt { get; init; }

    /// <summary>An older pending revision of the same worker and target that this one replaced, if any.</summary>
    public long? SupersededRevision { get; init; }
}
