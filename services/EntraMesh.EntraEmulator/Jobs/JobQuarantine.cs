namespace EntraMesh.EntraEmulator.Jobs;

/// <summary><c>status.quarantine</c> of a job: why (a quarantineReason value), the error, and when.</summary>
public sealed record JobQuarantine(
    string Reason, string? ErrorCode, string? Message, DateTimeOffset CurrentBegan, DateTimeOffset SeriesBegan, DateTimeOffset NextAttempt, long SeriesCount);
