using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Events;

/// <summary>One operation of <c>ProvisioningSubmitted</c>: the change went to Entra in a bulkUpload call.</summary>
public sealed record ChangeSubmitted : LaneEvent
{
    public required Guid SubmissionId { get; init; }
    public string? JobId { get; init; }
    public string? RequestId { get; init; }
    public string? BulkId { get; init; }

    public override string Name => "ProvisioningSubmitted";
    public override WorkerState State => WorkerState.Submitted;
    public override int Stage => ReadModel.Stage.Submitted;

    public override IReadOnlyDictionary<string, object?> Describe() => new Dictionary<string, object?>
    {
        ["changeId"] = ChangeId,
        ["changeKind"] = ChangeKind?.ToString(),
        ["submissionId"] = SubmissionId,
        ["jobId"] = JobId,
        ["requestId"] = RequestId,
        ["bulkId"] = BulkId,
    };
}
