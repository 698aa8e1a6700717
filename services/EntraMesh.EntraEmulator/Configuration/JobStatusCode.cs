namespace EntraMesh.EntraEmulator.Configuration;

/// <summary><c>synchronizationStatus.code</c> values.</summary>
public enum JobStatusCode
{
    NotConfigured,
    NotRun,
    Active,
    Paused,
    Quarantine,
}
