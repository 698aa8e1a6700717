using EntraMesh.EntraEmulator.Jobs;

namespace EntraMesh.EntraEmulator.ProvisioningLogs;

/// <summary>
/// One provisioningObjectSummary: the outcome of one operation. Immutable once appended. It becomes visible to
/// <c>GET /auditLogs/provisioning</c> at <see cref="VisibleAt"/> (the log delay after <see cref="ActivityDateTime"/>).
/// </summary>
public sealed class ProvisioningLogEntry
{
    public long Sequence { get; set; }

    public required Guid Id { get; init; }

    public required ProvisioningJob Job { get; init; }

    public required DateTimeOffset ActivityDateTime { get; init; }

    public required DateTimeOffset VisibleAt { get; init; }

    public required string CycleId { get; init; }

    public required Guid ChangeId { get; init; }

    public required int DurationInMilliseconds { get; init; }

    /// <summary>create, update, disable, other (never delete: bulkUpload does not delete).</summary>
    public required string Action { get; init; }

    /// <summary>success, warning, failure or skipped.</summary>
    public required string Status { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorReason { get; init; }

    public string? ErrorCategory { get; init; }

    public string? RecommendedAction { get; init; }

    /// <summary>The source's externalId (what dispatch matches on).</summary>
    public required string SourceId { get; init; }

    public string? SourceDisplayName { get; init; }

    public string? TargetId { get; init; }

    public string? TargetDisplayName { get; init; }

    public required ProvisioningStep[] Steps { get; init; }

    public required ModifiedProperty[] ModifiedProperties { get; init; }
}
