using EntraMesh.EntraEmulator.Faults;

namespace EntraMesh.EntraEmulator.Diagnostics;

/// <summary>
/// One call to an emulated endpoint: when it arrived, what it was, how it was answered (status 0: the connection was
/// dropped), and for bulkUpload the job and number of operations.
/// </summary>
public sealed record CallRecord(
    DateTimeOffset At,
    EmulatorEndpoint Endpoint,
    string Method,
    string Path,
    int Status,
    string? TenantId,
    string? JobId,
    int Operations,
    string? Fault,
    double DurationMilliseconds,
    string? RequestId);
