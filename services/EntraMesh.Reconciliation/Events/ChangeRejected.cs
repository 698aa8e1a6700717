using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Events;

/// <summary>One operation of <c>ProvisioningRejected</c>: dispatch gave up on the change.</summary>
public sealed record ChangeRejected : LaneEvent
{
    public required Guid SubmissionId { get; init; }
    public string? BulkId { get; init; }
    public int StatusCode { get; init; }
    public string? ErrorCode { get; init; }
    public string? Error { get; init; }

    public override string Name => "ProvisioningRejected";
    public override WorkerState State => WorkerState.Rejected;
    public override int Stage => ReadModel.Stage.Completed;

    public override IReadOnlyDictionary<string, object?> Describe() => new Dictionary<string, object?>
    {
        ["changeId"] = ChangeId,
        ["submissionId"] = SubmissionId,
        ["statusCode"] = StatusCode,
        ["errorCode"] = ErrorCode,
        ["error"] = Error,
    };
}
