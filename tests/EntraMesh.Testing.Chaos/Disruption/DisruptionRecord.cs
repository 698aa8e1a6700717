namespace EntraMesh.Testing.Chaos.Disruption;

/// <summary>A disruption that happened: when, how long until everything was back, and what went wrong doing it.</summary>
public sealed record DisruptionRecord(Disruption Disruption, DateTimeOffset At, TimeSpan Outage, string? Problem);
