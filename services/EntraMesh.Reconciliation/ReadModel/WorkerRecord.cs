using EntraMesh.Contracts;

namespace EntraMesh.Reconciliation.ReadModel;

/// <summary>A worker's row: its latest revision, what the worker-level events said about it, and its overall state.</summary>
public sealed class WorkerRecord
{
    public required WorkerKey Key { get; init; }

    /// <summary>Created by the batch being applied.</summary>
    public bool IsNew { get; set; }

    public long Revision { get; set; }

    // What the worker-level events of the current revision said (accepted; skipped or held without a target).
    public WorkerState? BaseState { get; set; }
    public DateTimeOffset? BaseAt { get; set; }
    public string? BaseSkipReason { get; set; }
    public string? BaseSkipDetail { get; set; }
    public DateTimeOffset? BaseHeldUntil { get; set; }
    public Guid? RecordId { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? EffectiveAt { get; set; }
    public bool? Terminated { get; set; }
    public string? Channel { get; set; }

    /// <summary>The earliest event time seen for the current revision (how long it has been pending).</summary>
    public DateTimeOffset? RevisionStartedAt { get; set; }

    // Overall, derived from the above and the lanes at the current revision (see OverallState).
    public WorkerState State { get; set; } = WorkerState.Accepted;
    public ChangeKind? ChangeKind { get; set; }
    public IReadOnlyList<string> Targets { get; set; } = [];
    public string? SkipReason { get; set; }
    public string? SkipDetail { get; set; }
    public DateTimeOffset? HeldUntil { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorReason { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Trace id of the last event that moved the worker.</summary>
    public string? TraceId { get; set; }

    public void StartRevision(long revision, DateTimeOffset at)
    {
        Revision = revision;
        BaseState = null;
        BaseAt = null;
        BaseSkipReason = null;
        BaseSkipDetail = null;
        BaseHeldUntil = null;
        RecordId = null;
        AcceptedAt = null;
        EffectiveAt = null;
        Terminated = null;
        Channel = null;
        RevisionStartedAt = at;
    }

    public void NoteRevisionEvent(DateTimeOffset at)
    {
        if (RevisionStartedAt is null || at < RevisionStartedAt) RevisionStartedAt = at;
    }
}
