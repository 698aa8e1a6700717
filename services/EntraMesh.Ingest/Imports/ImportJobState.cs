namespace EntraMesh.Ingest.Imports;

/// <summary>What the import worker needs to know to (re)start a job.</summary>
public sealed record ImportJobState(Guid Id, string SourceId, string Mode, string Status, string? SpoolPath, long RowsRead, long AppliedThrough);
