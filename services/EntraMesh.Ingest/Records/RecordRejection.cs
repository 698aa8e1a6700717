namespace EntraMesh.Ingest.Records;

/// <summary>A record that was not accepted, with the reason (naming the field) and where it was.</summary>
public sealed record RecordRejection(long Position, long? Line, string? EventId, string? WorkerId, string Reason);
