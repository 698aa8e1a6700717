namespace EntraMesh.ChaosBench;

/// <summary>Where and when a recorded run happened.</summary>
public sealed record RecordedRun(string Scenario, string Machine, string Load, string Commit);
