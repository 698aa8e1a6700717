namespace EntraMesh.Reconciliation.ReadModel;

/// <summary>A target reached Succeeded: when Entra processed it, and how long after the record was accepted.</summary>
public readonly record struct LatencySample(string Target, DateTimeOffset SucceededAt, TimeSpan Latency);
