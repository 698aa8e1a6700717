using EntraMesh.Contracts;

namespace EntraMesh.Dispatch.LogPolling;

/// <summary>The parts of a <c>provisioningObjectSummary</c> that dispatch uses.</summary>
public sealed record ProvisioningLogEntry(
    string Id,
    DateTimeOffset ActivityAt,
    string? JobId,
    string? ExternalId,
    string Action,
    OutcomeStatus Status,
    string? ErrorCode,
    string? ErrorReason,
    string? TargetObjectId);
