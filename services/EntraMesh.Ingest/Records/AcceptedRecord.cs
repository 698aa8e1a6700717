namespace EntraMesh.Ingest.Records;

/// <summary>What the acceptance of one record produced: its id and revision, or that it was a redelivery.</summary>
public sealed record AcceptedRecord(long Position, string? EventId, string WorkerId, Guid? RecordId, long? Revision, bool Duplicate);
