using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Tests.Unit;

/// <summary>The rules that keep a target's state right whatever order events come in.</summary>
public sealed class LaneTransitionsTests
{
    static readonly DateTimeOffset T0 = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    static readonly WorkerKey Worker = new("workday", "1513");
    static readonly Guid Change = Guid.NewGuid();

    static Lane NewLane() => new() { Target = "cloud", IsNew = true };

    static ChangePlanned Planned(long revision = 1, Guid? change = null, int at = 1) => new()
    {
        Worker = Worker, Target = "cloud", Revision = revision, ChangeId = change ?? Change, ChangeKind = ChangeKind.Joiner, OccurredAt = T0.AddSeconds(at),
    };

    static ChangeQueued Queued(long revision = 1, Guid? change = null, int at = 2) => new()
    {
        Worker = Worker, Target = "cloud", Revision = revision, ChangeId = change ?? Change, ChangeKind = ChangeKind.Joiner, OccurredAt = T0.AddSeconds(at),
    };

    static ChangeSubmitted Submitted(long revision = 1, Guid? change = null, int at = 3) => new()
    {
        Worker = Worker, Target = "cloud", Revision = revision, ChangeId = change ?? Change, OccurredAt = T0.AddSeconds(at), SubmissionId = Guid.NewGuid(),
    };

    static OutcomeObserved Outcome(OutcomeStatus status, long revision = 1, Guid? change = null, int at = 400, string? code = null) => new()
    {
        Worker = Worker, Target = "cloud", Revision = revision, ChangeId = change ?? Change, OccurredAt = T0.AddSeconds(at), Status = status, ErrorCode = code,
    };

    static ChangeRejected Rejected(long revision = 1, int at = 5) => new()
    {
        Worker = Worker, Target = "cloud", Revision = revision, ChangeId = Change, OccurredAt = T0.AddSeconds(at), SubmissionId = Guid.NewGuid(),
        StatusCode = 0, ErrorCode = "RetriesExhausted", Error = "timeouts",
    };

    static ChangeSkipped Skipped(SkipReason reason, long revision = 1, int at = 1, DateTimeOffset? until = null) => new()
    {
        Worker = Worker, Target = "cloud", Revision = revision, OccurredAt = T0.AddSeconds(at), Reason = reason, HeldUntil = until,
    };

    static ApplyEffect[] ApplyAll(Lane lane, params LaneEvent[] events) => events.Select(e => LaneTransitions.Apply(lane, e, T0)).ToArray();

    [Fact]
    public void Every_order_of_one_journey_ends_succeeded_with_every_step_time()
    {
        LaneEvent[] journey = [Planned(), Queued(), Submitted(), Outcome(OutcomeStatus.Success)];
        foreach (var order in Permutations(journey))
        {
            var lane = NewLane();
            ApplyAll(lane, order.ToArray());
            Assert.Equal(WorkerState.Succeeded, lane.State);
            Assert.Equal((T0.AddSeconds(1), T0.AddSeconds(2), T0.AddSeconds(3), T0.AddSeconds(400)), (lane.PlannedAt, lane.QueuedAt, lane.SubmittedAt, lane.CompletedAt));
            Assert.Equal(T0.AddSeconds(1), lane.AttemptAt);
        }
    }

    [Fact]
    public void Older_revision_never_moves_the_target_back()
    {
        var lane = NewLane();
        ApplyAll(lane, Planned(revision: 2, change: Guid.NewGuid()));

        var effects = ApplyAll(lane, Planned(), Queued(), Submitted(), Outcome(OutcomeStatus.Success));

        Assert.All(effects, effect => Assert.Equal(ApplyEffect.OlderRevision, effect));
        Assert.Equal((2L, WorkerState.Planned), (lane.Revision, lane.State));
        Assert.Null(lane.CompletedAt);
    }

    [Fact]
    public void Newer_revision_replaces_the_previous_one_whatever_its_state()
    {
        var lane = NewLane();
        ApplyAll(lane, Planned(), Submitted(), Outcome(OutcomeStatus.Failure, code: "InvalidValue"));

        Assert.Equal(ApplyEffect.Applied, LaneTransitions.Apply(lane, Queued(revision: 2, change: Guid.NewGuid(), at: 500), null));

        Assert.Equal((2L, WorkerState.Queued), (lane.Revision, lane.State));
        Assert.Null(lane.ErrorCode);
        Assert.Null(lane.SubmittedAt);
    }

    [Fact]
    public void Duplicates_change_nothing()
    {
        var lane = NewLane();
        ApplyAll(lane, Planned(), Queued(), Submitted());
        var submittedAt = lane.SubmittedAt;

        Assert.Equal([ApplyEffect.AlreadyFurther, ApplyEffect.AlreadyFurther, ApplyEffect.AlreadyFurther], ApplyAll(lane, Planned(), Queued(), Submitted(at: 3)));
        Assert.Equal((WorkerState.Submitted, submittedAt), (lane.State, lane.SubmittedAt));
    }

    [Fact]
    public void Outcome_from_the_logs_beats_dispatchs_rejection_but_not_the_other_way_round()
    {
        var rejectedFirst = NewLane();
        ApplyAll(rejectedFirst, Planned(), Submitted(), Rejected());
        Assert.Equal(ApplyEffect.Applied, LaneTransitions.Apply(rejectedFirst, Outcome(OutcomeStatus.Success), T0));
        Assert.Equal(WorkerState.Succeeded, rejectedFirst.State);

        var outcomeFirst = NewLane();
        ApplyAll(outcomeFirst, Planned(), Submitted(), Outcome(OutcomeStatus.Success));
        Assert.Equal(ApplyEffect.AlreadyFurther, LaneTransitions.Apply(outcomeFirst, Rejected(), T0));
        Assert.Equal(WorkerState.Succeeded, outcomeFirst.State);
    }

    [Fact]
    public void Later_log_entry_for_the_same_change_wins_an_earlier_one_does_not()
    {
        var lane = NewLane();
        ApplyAll(lane, Planned(), Submitted(), Outcome(OutcomeStatus.Failure, at: 400, code: "Timeout"));

        Assert.Equal(ApplyEffect.Applied, LaneTransitions.Apply(lane, Outcome(OutcomeStatus.Success, at: 700), T0));
        Assert.Equal(ApplyEffect.AlreadyFurther, LaneTransitions.Apply(lane, Outcome(OutcomeStatus.Failure, at: 400, code: "Timeout"), T0));

        Assert.Equal(WorkerState.Succeeded, lane.State);
        Assert.Null(lane.ErrorCode);
    }

    [Fact]
    public void Stuck_only_marks_a_change_still_submitted_past_the_cutoff_and_the_outcome_clears_it()
    {
        var lane = NewLane();
        ApplyAll(lane, Planned(), Submitted(at: 3));
        var early = new StuckDetected { Worker = Worker, Target = "cloud", Revision = 1, ChangeId = Change, OccurredAt = T0.AddMinutes(10), Cutoff = T0, StuckAfter = TimeSpan.FromMinutes(15) };
        var due = early with { OccurredAt = T0.AddMinutes(16), Cutoff = T0.AddMinutes(1) };

        Assert.Equal(ApplyEffect.NotApplicable, LaneTransitions.Apply(lane, early, T0));
        Assert.Equal(ApplyEffect.Applied, LaneTransitions.Apply(lane, due, T0));
        Assert.Equal((WorkerState.Stuck, T0.AddMinutes(16)), (lane.State, lane.StuckAt));
        Assert.Equal(ApplyEffect.AlreadyFurther, LaneTransitions.Apply(lane, Submitted(at: 3), T0));

        Assert.Equal(ApplyEffect.Applied, LaneTransitions.Apply(lane, Outcome(OutcomeStatus.Success, at: 1000), T0));
        Assert.Equal(WorkerState.Succeeded, lane.State);
        Assert.Null(lane.StuckAt);
        Assert.Equal(ApplyEffect.NotApplicable, LaneTransitions.Apply(lane, due, T0));
    }

    [Fact]
    public void Held_change_released_later_is_planned_and_a_late_hold_does_not_undo_it()
    {
        var lane = NewLane();
        var until = T0.AddDays(14);
        ApplyAll(lane, Skipped(SkipReason.Held, at: 1, until: until));
        Assert.Equal((WorkerState.Held, until), (lane.State, lane.HeldUntil));

        ApplyAll(lane, Planned(at: 100));
        Assert.Equal(WorkerState.Planned, lane.State);

        var late = NewLane();
        ApplyAll(late, Planned(at: 100), Skipped(SkipReason.Held, at: 1, until: until));
        Assert.Equal(WorkerState.Planned, late.State);
    }

    [Fact]
    public void Replay_plans_the_same_revision_again_and_the_old_attempts_late_events_change_nothing()
    {
        var lane = NewLane();
        ApplyAll(lane, Planned(), Queued(), Submitted(), Outcome(OutcomeStatus.Failure, code: "InvalidValue"));
        var replay = Guid.NewGuid();

        Assert.Equal(ApplyEffect.Applied, LaneTransitions.Apply(lane, Planned(change: replay, at: 900), T0));
        Assert.Equal((WorkerState.Planned, replay), (lane.State, lane.ChangeId));
        Assert.Null(lane.ErrorCode);

        Assert.Equal([ApplyEffect.OlderAttempt, ApplyEffect.OlderAttempt], ApplyAll(lane, Submitted(), Queued()));
        Assert.Equal(ApplyEffect.Applied, LaneTransitions.Apply(lane, Queued(change: replay, at: 901), T0));
        Assert.Equal(WorkerState.Queued, lane.State);
    }

    [Fact]
    public void Replay_that_mapping_skips_replaces_the_failed_change_but_an_old_skip_does_not()
    {
        var lane = NewLane();
        ApplyAll(lane, Planned(at: 10), Submitted(at: 20), Outcome(OutcomeStatus.Failure, at: 400));

        Assert.Equal(ApplyEffect.OlderAttempt, LaneTransitions.Apply(lane, Skipped(SkipReason.NoChange, at: 5), T0));
        Assert.Equal(ApplyEffect.Applied, LaneTransitions.Apply(lane, Skipped(SkipReason.NoChange, at: 900), T0));
        Assert.Equal((WorkerState.Skipped, "NoChange"), (lane.State, lane.SkipReason));
    }

    static IEnumerable<IEnumerable<T>> Permutations<T>(IReadOnlyList<T> items) =>
        items.Count <= 1
            ? [items]
            : items.SelectMany((item, index) => Permutations(items.Where((_, i) => i != index).ToList()).Select(rest => rest.Prepend(item)));
}
