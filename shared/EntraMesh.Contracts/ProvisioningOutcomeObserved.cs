using MassTransit;

namespace EntraMesh.Contracts;

/// <summary>One provisioning-log entry matched to a submitted operation (job id + externalId + time).</summary>
[MessageUrn("entramesh:provisioning-outcome-observed")]
[EntityName("entramesh.provisioning-outcome-observed")]
[PublishedInBatches]
public sealed record ProvisioningOutcomeObserved
{
    public required string SourceId { get; init; }
    public required string WorkerId { get; init; }

    /// <summary>Revision of the submitted operation the entry was matched to.</summary>
    public required long Revision { get; init; }

    public required Guid RecordId { get; init; }
    public required Guid ChangeId { get; init; }
    public required Guid SubmissionId { get; init; }
    public required string Target { get; init; }
    public required string JobId { get; init; }
    public required string LogId { get; init; }

    /// <summary><c>provisioningAction</c>: create, update, delete, stagedDelete, disable or other.</summary>
    public required string Action { get; init; }

    public required OutcomeStatus Status { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorReason { get; init; }
    public required DateTimeOffset ActivityAt { get; init; }
    public string? TargetObjectId { get; init; }
    public required DateTimeOffset ObservedAt { get; init; }
}
