using EntraMesh.Contracts;

namespace EntraMesh.Reconciliation.ReadModel;

/// <summary>One worker in one target: the latest revision and change attempt, its state and the time of each step.</summary>
public sealed class Lane
{
    public required string Target { get; init; }

    /// <summary>Not stored yet (created by the event being applied).</summary>
    public bool IsNew { get; set; }

    public long Revision { get; set; }

    /// <summary>
    /// The highest newer revision for which mapping found the identity unchanged (<c>NoChange</c>) since the change shown
    /// was planned; null when there is none. The lane's change then stands for every revision up to this one.
    /// </summary>
    public long? UnchangedThrough { get; set; }

    public WorkerState State { get; set; }
    public int Stage { get; set; } = ReadModel.Stage.None;

    /// <summary>Time of the event that set the current state.</summary>
    public DateTimeOffset StateAt { get; set; }

    public Guid? ChangeId { get; set; }
    public DateTimeOffset? AttemptAt { get; set; }
    public ChangeKind? ChangeKind { get; set; }
    public Guid? RecordId { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? PlannedAt { get; set; }
    public DateTimeOffset? SkippedAt { get; set; }
    public string? SkipReason { get; set; }
    public string? SkipDetail { get; set; }
    public DateTimeOffset? HeldUntil { get; set; }
    public DateTimeOffset? QueuedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public Guid? SubmissionId { get; set; }
    public string? JobId { get; set; }
    public string? BulkId { get; set; }

    /// <summary>When Entra processed it (log activity time) or dispatch gave up.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    public OutcomeStatus? OutcomeStatus { get; set; }
    public string? Action { get; set; }
    public string? LogId { get; set; }
    public string? TargetObjectId { get; set; }
    public int? StatusCode { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorReason { get; set; }
    public DateTimeOffset? StuckAt { get; set; }
    public bool LatencyRecorded { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? TraceId { get; set; }

    /// <summary>
    /// Whether the lane says where the worker stands in this target at <paramref name="revision"/>: its change belongs to
    /// that revision, or mapping found the identity of that revision unchanged since the lane's change was planned.
    /// </summary>
    public bool IsCurrentAt(long revision) =>
        Stage != ReadModel.Stage.None && (Revision == revision || Revision < revision && revision <= UnchangedThrough);

    /// <summary>
    /// Forgets everything about the previous attempt (a newer revision, or the same revision planned again). What is
    /// known to be unchanged beyond the new revision still holds: that later revision equals the change starting now.
    /// </summary>
    public void StartAttempt(long revision, DateTimeOffset? acceptedAt)
    {
        Revision = revision;
        if (UnchangedThrough <= revision) UnchangedThrough = null;
        AcceptedAt = acceptedAt;
        Stage = ReadModel.Stage.None;
        ChangeId = null;
        AttemptAt = null;
        ChangeKind = null;
        RecordId = null;
        PlannedAt = null;
        SkippedAt = null;
        SkipReason = null;
        SkipDetail = null;
        HeldUntil = null;
        QueuedAt = null;
        SubmittedAt = null;
        SubmissionId = null;
        JobId = null;
        BulkId = null;
        CompletedAt = null;
        OutcomeStatus = null;
        Action = null;
        LogId = null;
        TargetObjectId = null;
        StatusCode = null;
        ErrorCode = null;
        ErrorReason = null;
        StuckAt = null;
        LatencyRecorded = false;
    }
}
