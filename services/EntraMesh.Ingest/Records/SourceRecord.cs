namespace EntraMesh.Ingest.Records;

/// <summary>One worker record as a channel read it: the source's own field names and values.</summary>
/// <param name="EventId">The source's event id (webhooks), used to acknowledge redeliveries without processing them again.</param>
/// <param name="Fields">Field name to value, before aliases.</param>
/// <param name="Deleted">The source said the worker was deleted or terminated.</param>
/// <param name="Position">Where it came from, for error reports: index in a webhook batch or CSV row number.</param>
/// <param name="Line">The line of the file the row starts on (CSV), if known.</param>
public sealed record SourceRecord(
    string? EventId, IReadOnlyDictionary<string, string?> Fields, bool Deleted, long Position, long? Line = null);
