using MassTransit;

namespace EntraMesh.Contracts;

/// <summary>Operations Entra refused for good (400/403, or retries exhausted); they will not be sent again by themselves.</summary>
[MessageUrn("entramesh:provisioning-rejected")]
[EntityName("entramesh.provisioning-rejected")]
public sealed record ProvisioningRejected
{
    public required Guid SubmissionId { get; init; }
    public required string Target { get; init; }
    public required DateTimeOffset RejectedAt { get; init; }
    public required IReadOnlyList<RejectedOperation> Operations { get; init; }
}

public sealed record RejectedOperation
{
    public required Guid ChangeId { get; init; }
    public required Guid RecordId { get; init; }
    public required string SourceId { get; init; }
    public required string WorkerId { get; init; }
    public required long Revision { get; init; }
    public required string BulkId { get; init; }
    public required ChangeKind ChangeKind { get; init; }

    /// <summary>HTTP status of the final answer (0 when no answer came, e.g. retries exhausted on timeouts).</summary>
    public required int StatusCode { get; init; }

    /// <summary>Graph's error code, e.g. <c>InvalidDataFormat</c>, or our own reason.</summary>
    public string? ErrorCode { get; init; }

    public required string Error { get; init; }
}
