namespace EntraMesh.Ingest.Records;

/// <summary>A record ready to be accepted: aliases applied, worker id, dates and termination worked out.</summary>
public sealed record NormalizedRecord(
    string? EventId,
    string WorkerId,
    IReadOnlyDictionary<string, string?> Attributes,
    bool Terminated,
    DateTimeOffset? EffectiveAt,
    DateOnly? HireDate,
    DateOnly? TerminationDate,
    long Position,
    long? Line = null);
