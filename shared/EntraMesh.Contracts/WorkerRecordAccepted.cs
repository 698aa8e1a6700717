using MassTransit;

namespace EntraMesh.Contracts;

/// <summary>One HR record as ingest received and stored it.</summary>
[MessageUrn("entramesh:worker-record-accepted")]
[EntityName("entramesh.worker-record-accepted")]
[PublishedInBatches]
public sealed record WorkerRecordAccepted
{
    public required Guid RecordId { get; init; }
    public required string SourceId { get; init; }
    public required string WorkerId { get; init; }

    /// <summary>Per (source, worker), assigned by ingest in the transaction that stored the record; strictly increasing.</summary>
    public required long Revision { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When the change takes effect, if the source said so.</summary>
    public DateTimeOffset? EffectiveAt { get; init; }

    /// <summary>The worker's hire date, from the field the source configuration names (for pre-hire windows).</summary>
    public DateOnly? HireDate { get; init; }

    /// <summary>The worker's termination date, from the field the source configuration names (sent on that date).</summary>
    public DateOnly? TerminationDate { get; init; }

    /// <summary>The record's attributes after the source's aliases were applied (name to value or null).</summary>
    public required IReadOnlyDictionary<string, string?> Attributes { get; init; }

    /// <summary>The source marked the worker deleted or terminated (or a full snapshot no longer lists it).</summary>
    public required bool Terminated { get; init; }

    /// <summary>How the record arrived: webhook, csv, sql or snapshot (absence in a full snapshot).</summary>
    public required string Channel { get; init; }
}
