using EntraMesh.EntraEmulator.Configuration;

namespace EntraMesh.EntraEmulator.Inspection;

/// <summary>A job as <c>GET /_emulator/jobs</c> shows it: status, staged operations and totals.</summary>
public sealed record JobSnapshot(
    string TenantId,
    string ServicePrincipalId,
    string JobId,
    string DisplayName,
    ProvisioningTarget Target,
    JobStatusCode Status,
    string? QuarantineReason,
    long PendingOperations,
    long Imported,
    long Exported,
    long Escrowed);
