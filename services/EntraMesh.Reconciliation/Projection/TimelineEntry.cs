using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>One line of a worker's timeline as stored.</summary>
public sealed record TimelineEntry(
    WorkerKey Worker,
    string? Target,
    long? Revision,
    string Event,
    WorkerState? State,
    ApplyEffect Effect,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    Guid? ChangeId,
    Guid? MessageId,
    string? TraceId,
    string? DetailJson);
