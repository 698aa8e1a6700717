namespace EntraMesh.Testing.Chaos.Workforce;

/// <summary>One record the simulated HR system sent for a worker, and what became of it.</summary>
public sealed class SentRecord
{
    /// <summary>The worker's record number; also written into OfficePhone (<see cref="Marker"/>) so Entra's values tell which record they came from.</summary>
    public required int Sequence { get; init; }

    /// <summary>The webhook's event id (the same on every retry); null for CSV rows, which have none.</summary>
    public string? EventId { get; init; }

    public required IReadOnlyDictionary<string, string?> Attributes { get; init; }

    /// <summary>The source marked the worker deleted (webhooks only).</summary>
    public bool Deleted { get; init; }

    public required RecordIntent Intent { get; init; }

    /// <summary><c>webhook</c> or <c>csv</c>.</summary>
    public required string Channel { get; init; }

    public RecordOutcome Outcome { get; set; }

    /// <summary>Ingest's revision, when its answer named one.</summary>
    public long? Revision { get; set; }

    public string? Reason { get; set; }

    public bool IsAccepted => Outcome is RecordOutcome.Accepted or RecordOutcome.AcceptedEarlier;

    /// <summary>Whether the worker is active according to this record (the sample rules: WorkerStatus "active", not deleted).</summary>
    public bool Active => !Deleted && string.Equals(Attributes.GetValueOrDefault("WorkerStatus"), "Active", StringComparison.OrdinalIgnoreCase);
}
