namespace EntraMesh.EntraEmulator.Faults;

/// <summary>The emulated endpoints, as faults and counters name them.</summary>
public enum EmulatorEndpoint
{
    Token,
    Metadata,
    BulkUpload,
    ProvisioningLogs,
    JobStatus,
    Users,
}
