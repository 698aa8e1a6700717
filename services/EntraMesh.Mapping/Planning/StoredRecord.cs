using EntraMesh.Contracts;
using EntraMesh.Mapping.Rules.Evaluation;

namespace EntraMesh.Mapping.Planning;

/// <summary>An accepted worker record as mapping keeps it (the last one per worker, in <c>worker_record</c>).</summary>
public sealed record StoredRecord
{
    public required Guid RecordId { get; init; }
    public required WorkerKey Worker { get; init; }
    public required long Revision { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? EffectiveAt { get; init; }
    public DateOnly? HireDate { get; init; }
    public DateOnly? TerminationDate { get; init; }
    public required bool Terminated { get; init; }
    public required string Channel { get; init; }
    public required IReadOnlyDictionary<string, string?> Attributes { get; init; }

    public static StoredRecord From(WorkerRecordAccepted accepted) => new()
    {
        RecordId = accepted.RecordId,
        Worker = new WorkerKey(accepted.SourceId, accepted.WorkerId),
        Revision = accepted.Revision,
        ReceivedAt = accepted.ReceivedAt,
        EffectiveAt = accepted.EffectiveAt,
        HireDate = accepted.HireDate,
        TerminationDate = accepted.TerminationDate,
        Terminated = accepted.Terminated,
        Channel = accepted.Channel,
        Attributes = accepted.Attributes,
    };

    /// <summary>The record as the rule engine evaluates it.</summary>
    public WorkerRecord ToWorkerRecord() => new()
    {
        WorkerId = Worker.WorkerId,
        SourceId = Worker.SourceId,
        Attributes = Attributes,
        HireDate = HireDate,
        TerminationDate = TerminationDate,
        Terminated = Terminated,
    };
}
