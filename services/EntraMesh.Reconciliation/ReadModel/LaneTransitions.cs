using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;

namespace EntraMesh.Reconciliation.ReadModel;

/// <summary>
/// How one event moves one worker in one target. Pure: events may come in any order and more than once, and the
/// lane ends in the same state.
/// <list type="bullet">
/// <item>A newer revision replaces the lane; an older revision changes nothing.</item>
/// <item>Except a newer revision mapping found unchanged (<c>NoChange</c>) from the change the lane shows: the lane keeps
/// that change and its state, and records that it stands for that revision too (<see cref="Lane.UnchangedThrough"/>);
/// a skip of a revision it already stands for changes nothing. When the lane shows such a skip because no change had
/// arrived yet, the older change that then arrives takes the lane over and stands for that revision.</item>
/// <item>Within a revision, a later change attempt (a replay plans the same revision again under a new change id)
/// replaces the lane; an earlier attempt changes nothing.</item>
/// <item>Within an attempt, the state only moves forward (<see cref="Stage"/>); at the last stage an outcome from
/// Entra's logs beats dispatch's rejection, and a later log entry beats an earlier one.</item>
/// <item>A late event still fills in the time of its step when that time is missing.</item>
/// </list>
/// </summary>
public static class LaneTransitions
{
    enum Attempt { Same, Newer, Older }

    /// <param name="acceptedAt">When the event's revision was accepted, if known.</param>
    public static ApplyEffect Apply(Lane lane, LaneEvent e, DateTimeOffset? acceptedAt)
    {
        if (e is StuckDetected stuck) return MarkStuck(lane, stuck);

        if (lane.Stage == Stage.None)
        {
            lane.StartAttempt(e.Revision, acceptedAt);
            Enter(lane, e);
            return ApplyEffect.Applied;
        }

        if (e.Revision > lane.Revision) return ApplyNewerRevision(lane, e, acceptedAt);
        if (e.Revision < lane.Revision) return ApplyOlderRevision(lane, e, acceptedAt);

        switch (CompareAttempt(lane, e))
        {
            case Attempt.Older:
                return ApplyEffect.OlderAttempt;
            case Attempt.Newer:
                lane.StartAttempt(lane.Revision, lane.AcceptedAt);
                Enter(lane, e);
                return ApplyEffect.Applied;
        }

        if (e.Stage > lane.Stage || WinsTie(lane, e))
        {
            Enter(lane, e);
            return ApplyEffect.Applied;
        }

        FillMissingSteps(lane, e);
        return ApplyEffect.AlreadyFurther;
    }

    static ApplyEffect ApplyNewerRevision(Lane lane, LaneEvent e, DateTimeOffset? acceptedAt)
    {
        if (IsNoChange(e) && lane.ChangeId is not null)
        {
            // The identity of this revision equals the change shown: Entra still has that change, whatever became of it,
            // and its own late events must still reach it. The lane now stands for this revision too.
            lane.UnchangedThrough = Math.Max(lane.UnchangedThrough ?? e.Revision, e.Revision);
            return ApplyEffect.Unchanged;
        }

        // Mapping's decision to send nothing for a revision that a newer one, found unchanged, already covers.
        if (e is ChangeSkipped && e.Revision <= lane.UnchangedThrough) return ApplyEffect.OlderRevision;

        lane.StartAttempt(e.Revision, acceptedAt);
        Enter(lane, e);
        return ApplyEffect.Applied;
    }

    static ApplyEffect ApplyOlderRevision(Lane lane, LaneEvent e, DateTimeOffset? acceptedAt)
    {
        // The lane shows a newer revision found unchanged before any change there was seen: this older change is (or
        // leads to) the one it was found equal to, so it is where the worker stands, for that newer revision as well.
        if (e is ChangeSkipped || !ShowsNoChangeWithoutChange(lane)) return ApplyEffect.OlderRevision;

        var unchangedThrough = Math.Max(lane.Revision, lane.UnchangedThrough ?? lane.Revision);
        lane.StartAttempt(e.Revision, acceptedAt);
        lane.UnchangedThrough = unchangedThrough;
        Enter(lane, e);
        return ApplyEffect.Applied;
    }

    static bool IsNoChange(LaneEvent e) => e is ChangeSkipped { Reason: SkipReason.NoChange };

    static bool ShowsNoChangeWithoutChange(Lane lane) =>
        lane is { ChangeId: null, State: WorkerState.Skipped, SkipReason: nameof(SkipReason.NoChange) };

    static ApplyEffect MarkStuck(Lane lane, StuckDetected stuck)
    {
        var stillWaiting = lane.Stage == Stage.Submitted
            && lane.Revision == stuck.Revision
            && (stuck.ChangeId is null || stuck.ChangeId == lane.ChangeId)
            && lane.SubmittedAt <= stuck.Cutoff;
        if (!stillWaiting) return ApplyEffect.NotApplicable;

        lane.State = WorkerState.Stuck;
        lane.Stage = Stage.Stuck;
        lane.StateAt = stuck.OccurredAt;
        lane.StuckAt = stuck.OccurredAt;
        return ApplyEffect.Applied;
    }

    static Attempt CompareAttempt(Lane lane, LaneEvent e)
    {
        var attemptAt = lane.AttemptAt ?? lane.StateAt;
        if (e.ChangeId is { } change && lane.ChangeId is { } current)
        {
            if (change == current) return Attempt.Same;
            return e.AttemptTime > attemptAt ? Attempt.Newer : Attempt.Older;
        }

        // Mapping decided again (held or skipped) for this revision after the change shown was planned: a replay.
        if (e.ChangeId is null && lane.ChangeId is not null)
        {
            return e.OccurredAt > attemptAt ? Attempt.Newer : Attempt.Older;
        }

        // The lane shows mapping's decision to send nothing, taken after this change was planned.
        if (e.ChangeId is not null && lane.ChangeId is null && lane.State == WorkerState.Skipped && e.AttemptTime < lane.StateAt)
        {
            return Attempt.Older;
        }

        return Attempt.Same;
    }

    /// <summary>Same stage, same attempt: which event should the lane show?</summary>
    static bool WinsTie(Lane lane, LaneEvent e)
    {
        if (e.Stage != lane.Stage) return false;
        return e switch
        {
            // Entra's log is the truth: it beats dispatch's rejection, and a later entry beats an earlier one.
            OutcomeObserved outcome => lane.State == WorkerState.Rejected || outcome.OccurredAt > lane.CompletedAt,
            ChangeRejected => false,
            // A later decision or a later submission of the same change replaces the earlier one.
            ChangePlanned or ChangeSkipped or ChangeSubmitted => e.OccurredAt > lane.StateAt,
            _ => false,
        };
    }

    static void Enter(Lane lane, LaneEvent e)
    {
        lane.State = e.State;
        lane.Stage = e.Stage;
        lane.StateAt = e.OccurredAt;
        lane.TraceId = e.TraceId ?? lane.TraceId;
        if (e.ChangeId is { } change && lane.ChangeId != change)
        {
            lane.ChangeId = change;
            lane.AttemptAt = e.AttemptTime;
        }
        else if (lane.ChangeId is null)
        {
            lane.AttemptAt = e.AttemptTime;
        }

        FillMissingSteps(lane, e);
        switch (e)
        {
            case ChangeSkipped skipped:
                lane.SkippedAt = skipped.OccurredAt;
                lane.SkipReason = skipped.Reason.ToString();
                lane.SkipDetail = skipped.Detail;
                lane.HeldUntil = skipped.HeldUntil;
                break;
            case ChangeSubmitted submitted:
                lane.SubmittedAt = submitted.OccurredAt;
                lane.SubmissionId = submitted.SubmissionId;
                lane.JobId = submitted.JobId ?? lane.JobId;
                lane.BulkId = submitted.BulkId ?? lane.BulkId;
                lane.StuckAt = null;
                break;
            case ChangeRejected rejected:
                lane.CompletedAt = rejected.OccurredAt;
                lane.OutcomeStatus = null;
                lane.StatusCode = rejected.StatusCode;
                lane.ErrorCode = rejected.ErrorCode;
                lane.ErrorReason = rejected.Error;
                lane.StuckAt = null;
                break;
            case OutcomeObserved outcome:
                EnterOutcome(lane, outcome);
                break;
        }
    }

    static void EnterOutcome(Lane lane, OutcomeObserved outcome)
    {
        lane.CompletedAt = outcome.OccurredAt;
        lane.OutcomeStatus = outcome.Status;
        lane.Action = outcome.Action;
        lane.LogId = outcome.LogId;
        lane.TargetObjectId = outcome.TargetObjectId ?? lane.TargetObjectId;
        lane.JobId = outcome.JobId ?? lane.JobId;
        lane.SubmissionId ??= outcome.SubmissionId;
        lane.StatusCode = null;
        lane.ErrorCode = outcome.ErrorCode;
        lane.ErrorReason = outcome.ErrorReason;
        // The outcome clears a stuck marker: the state says what happened, the timeline keeps that it was stuck.
        lane.StuckAt = null;
        if (outcome.Status == OutcomeStatus.Skipped)
        {
            lane.SkipReason = OutcomeObserved.SkippedByEntra;
            lane.SkipDetail = outcome.ErrorReason ?? outcome.ErrorCode;
        }
    }

    /// <summary>Records the time of the event's step when the lane does not know it yet.</summary>
    static void FillMissingSteps(Lane lane, LaneEvent e)
    {
        lane.ChangeId ??= e.ChangeId;
        lane.ChangeKind ??= e.ChangeKind;
        lane.RecordId ??= e.RecordId;
        switch (e)
        {
            case ChangePlanned planned when lane.PlannedAt is null:
                lane.PlannedAt = planned.OccurredAt;
                // The plan's time is when the attempt really began (other events only bound it from above).
                lane.AttemptAt = planned.OccurredAt;
                break;
            case ChangeQueued queued:
                lane.QueuedAt ??= queued.OccurredAt;
                break;
            case ChangeSubmitted submitted when lane.SubmittedAt is null:
                lane.SubmittedAt = submitted.OccurredAt;
                lane.SubmissionId ??= submitted.SubmissionId;
                lane.JobId ??= submitted.JobId;
                lane.BulkId ??= submitted.BulkId;
                break;
        }
    }
}
