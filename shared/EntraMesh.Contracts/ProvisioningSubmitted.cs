using MassTransit;

namespace EntraMesh.Contracts;

/// <summary>Entra accepted a bulkUpload call (202); its operations now wait for the provisioning logs.</summary>
[MessageUrn("entramesh:provisioning-submitted")]
[EntityName("entramesh.provisioning-submitted")]
public sealed record ProvisioningSubmitted
{
    public required Guid SubmissionId { get; init; }
    public required string Target { get; init; }
    public required string JobId { get; init; }

    /// <summary>Graph's <c>request-id</c> response header.</summary>
    public string? RequestId { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }
    public required IReadOnlyList<SubmittedOperation> Operations { get; init; }

    /// <summary>Calls left in the tenant's rolling 24-hour budget after this call, as dispatch counts them.</summary>
    public int? DailyCallsRemaining { get; init; }

    /// <summary>The tenant's configured 24-hour budget.</summary>
    public int? DailyCallsLimit { get; init; }
}

/// <summary>One operation of a bulkUpload call.</summary>
public sealed record SubmittedOperation
{
    public required Guid ChangeId { get; init; }
    public required Guid RecordId { get; init; }
    public required string SourceId { get; init; }
    public required string WorkerId { get; init; }
    public required long Revision { get; init; }
    public required string BulkId { get; init; }
    public required string ExternalId { get; init; }
    public required ChangeKind ChangeKind { get; init; }
}
