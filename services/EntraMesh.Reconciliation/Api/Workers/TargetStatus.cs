using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Api.Workers;

/// <summary>
/// A worker in one target: the latest revision and change sent there, its state and the time of each step.
/// <see cref="Current"/> is false when the worker's latest revision did not concern this target. When mapping found
/// newer revisions unchanged from this change (nothing was sent for them), <see cref="UnchangedThrough"/> is the
/// highest of them and the change still says where the worker stands here (<see cref="Current"/> stays true).
/// </summary>
public sealed record TargetStatus(
    string Target,
    long Revision,
    bool Current,
    long? UnchangedThrough,
    WorkerState State,
    ChangeKind? ChangeKind,
    Guid? ChangeId,
    Guid? RecordId,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? PlannedAt,
    DateTimeOffset? SkippedAt,
    string? SkipReason,
    string? SkipDetail,
    DateTimeOffset? HeldUntil,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? SubmittedAt,
    Guid? SubmissionId,
    string? JobId,
    string? BulkId,
    DateTimeOffset? CompletedAt,
    OutcomeStatus? OutcomeStatus,
    string? Action,
    string? LogId,
    string? TargetObjectId,
    int? StatusCode,
    string? ErrorCode,
    string? ErrorReason,
    DateTimeOffset? StuckAt,
    DateTimeOffset UpdatedAt,
    string? TraceId);
