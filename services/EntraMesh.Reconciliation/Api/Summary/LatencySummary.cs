namespace EntraMesh.Reconciliation.Api.Summary;

/// <summary>Accepted to succeeded (Entra's activity time) for targets that succeeded within the window.</summary>
public sealed record LatencySummary(string Window, DateTimeOffset From, LatencyFigures Overall);
