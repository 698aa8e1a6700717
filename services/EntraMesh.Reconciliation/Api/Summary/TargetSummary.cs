namespace EntraMesh.Reconciliation.Api.Summary;

public sealed record TargetSummary(string Target, StateCounts Counts, LatencyFigures? Latency);
