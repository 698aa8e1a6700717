namespace EntraMesh.Reconciliation.Api.Summary;

/// <summary>Percentiles from a log-scale histogram (within 2.5 %); null when nothing succeeded in the window.</summary>
public sealed record LatencyFigures(long Samples, double? P50Seconds, double? P95Seconds);
