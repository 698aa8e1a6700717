namespace EntraMesh.EntraEmulator.Inspection;

/// <summary>Body of <c>POST /_emulator/jobs/{jobId}/quarantine</c>: a quarantineReason value (default QuarantinedOnDemand) and an optional error.</summary>
public sealed record QuarantineRequest(string? Reason = null, string? ErrorCode = null, string? Message = null);
