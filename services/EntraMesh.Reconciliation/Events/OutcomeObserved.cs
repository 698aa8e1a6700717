using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Events;

/// <summary>From <c>ProvisioningOutcomeObserved</c>: Entra's provisioning log entry for the change.</summary>
public sealed record OutcomeObserved : LaneEvent
{
    /// <summary>Reason recorded for a target whose log entry says <c>skipped</c>.</summary>
    public const string SkippedByEntra = "SkippedByEntra";

    public required OutcomeStatus Status { get; init; }
    public Guid? SubmissionId { get; init; }
    public string? JobId { get; init; }
    public string? LogId { get; init; }
    public string? Action { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorReason { get; init; }
    public string? TargetObjectId { get; init; }
    public DateTimeOffset? ObservedAt { get; init; }

    public override string Name => "ProvisioningOutcomeObserved";

    public override WorkerState State => Status switch
    {
        OutcomeStatus.Success or OutcomeStatus.Warning => WorkerState.Succeeded,
        OutcomeStatus.Failure => WorkerState.Failed,
        _ => WorkerState.Skipped,
    };

    public override int Stage => ReadModel.Stage.Completed;

    public override IReadOnlyDictionary<string, object?> Describe() => new Dictionary<string, object?>
    {
        ["changeId"] = ChangeId,
        ["status"] = Status.ToString(),
        ["action"] = Action,
        ["errorCode"] = ErrorCode,
        ["errorReason"] = ErrorReason,
        ["logId"] = LogId,
        ["jobId"] = JobId,
        ["submissionId"] = SubmissionId,
        ["targetObjectId"] = TargetObjectId,
        ["observedAt"] = ObservedAt,
    };
}
