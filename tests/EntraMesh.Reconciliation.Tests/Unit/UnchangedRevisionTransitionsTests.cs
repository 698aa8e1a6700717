using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Tests.Unit;

/// <summary>
/// Mapping's <c>NoChange</c> for a newer revision: the target keeps showing where the worker stands in Entra (the earlier
/// change and its state), and that change stands for the newer revision too, whatever order events come in.
/// </summary>
public sealed class UnchangedRevisionTransitionsTests
{
    static readonly DateTimeOffset T0 = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    static readonly WorkerKey Worker = new("workday", "1513");

    /// <summary>One change's events for one revision, an hour after the previous revision's.</summary>
    sealed class Change(long revision, ChangeKind kind = ChangeKind.Joiner)
    {
        readonly Guid id = Guid.NewGuid();
        readonly DateTimeOffset start = T0.AddHours(revision);

        public long Revision => revision;
        public DateTimeOffset PlannedAt => start.AddSeconds(1);
        public DateTimeOffset SubmittedAt => start.AddSeconds(3);
        public DateTimeOffset CompletedAt => start.AddMinutes(6);

        public ChangePlanned Planned() => new()
        {
            Worker = Worker, Target = "cloud", Revision = revision, ChangeId = id, ChangeKind = kind, OccurredAt = PlannedAt,
        };

        public ChangeQueued Queued() => new()
        {
            Worker = Worker, Target = "cloud", Revision = revision, ChangeId = id, ChangeKind = kind, OccurredAt = start.AddSeconds(2),
        };

        public ChangeSubmitted Submitted() => new()
        {
            Worker = Worker, Target = "cloud", Revision = revision, ChangeId = id, OccurredAt = SubmittedAt, SubmissionId = Guid.NewGuid(),
        };

        public OutcomeObserved Outcome(OutcomeStatus status, string? code = null) => new()
        {
            Worker = Worker, Target = "cloud", Revision = revision, ChangeId = id, OccurredAt = CompletedAt, Status = status, ErrorCode = code,
        };

        public LaneEvent[] Journey(OutcomeStatus status, string? code = null) => [Planned(), Queued(), Submitted(), Outcome(status, code)];
    }

    static ChangeSkipped Skip(long revision, SkipReason reason = SkipReason.NoChange, string? detail = null) => new()
    {
        Worker = Worker, Target = "cloud", Revision = revision, OccurredAt = T0.AddHours(revision).AddSeconds(1), Reason = reason, Detail = detail,
        HeldUntil = reason == SkipReason.Held ? T0.AddDays(30) : null,
    };

    static Lane NewLane() => new() { Target = "cloud", IsNew = true };

    static Lane LaneAfter(params LaneEvent[] events)
    {
        var lane = NewLane();
        ApplyAll(lane, events);
        return lane;
    }

    static ApplyEffect[] ApplyAll(Lane lane, params LaneEvent[] events) => events.Select(e => LaneTransitions.Apply(lane, e, null)).ToArray();

    [Fact]
    public void Unchanged_revision_after_success_keeps_the_success_and_stands_for_that_revision()
    {
        var first = new Change(1);
        var lane = LaneAfter(first.Journey(OutcomeStatus.Success));

        Assert.Equal(ApplyEffect.Unchanged, LaneTransitions.Apply(lane, Skip(2), null));

        Assert.Equal((1L, WorkerState.Succeeded, 2L), (lane.Revision, lane.State, lane.UnchangedThrough));
        Assert.Equal(first.CompletedAt, lane.CompletedAt);
        Assert.Null(lane.SkipReason);
        Assert.True(lane.IsCurrentAt(1));
        Assert.True(lane.IsCurrentAt(2));
        Assert.False(lane.IsCurrentAt(3));
    }

    [Fact]
    public void Every_order_of_a_failed_change_and_an_unchanged_revision_ends_failed_with_every_step_and_current_for_it()
    {
        var first = new Change(1);
        LaneEvent[] events = [.. first.Journey(OutcomeStatus.Failure, "AzureActiveDirectoryDuplicateUserPrincipalName"), Skip(2)];
        foreach (var order in Permutations(events))
        {
            var lane = LaneAfter(order.ToArray());

            Assert.Equal((1L, WorkerState.Failed, 2L), (lane.Revision, lane.State, lane.UnchangedThrough));
            Assert.Equal("AzureActiveDirectoryDuplicateUserPrincipalName", lane.ErrorCode);
            Assert.Equal((first.PlannedAt, first.SubmittedAt, first.CompletedAt), (lane.PlannedAt, lane.SubmittedAt, lane.CompletedAt));
            Assert.Null(lane.SkipReason);
            Assert.True(lane.IsCurrentAt(2));
        }
    }

    [Fact]
    public void Outcome_of_the_earlier_change_that_arrives_after_the_unchanged_revision_still_applies()
    {
        var first = new Change(1);
        var lane = LaneAfter(first.Planned(), first.Queued(), first.Submitted());
        Assert.Equal(ApplyEffect.Unchanged, LaneTransitions.Apply(lane, Skip(2), null));
        Assert.Equal(WorkerState.Submitted, lane.State);

        Assert.Equal(ApplyEffect.Applied, LaneTransitions.Apply(lane, first.Outcome(OutcomeStatus.Failure, "InvalidValue"), null));

        Assert.Equal((1L, WorkerState.Failed, "InvalidValue", 2L), (lane.Revision, lane.State, lane.ErrorCode, lane.UnchangedThrough));
    }

    [Fact]
    public void Stuck_scan_still_marks_the_earlier_change_after_an_unchanged_revision()
    {
        var first = new Change(1);
        var lane = LaneAfter(first.Planned(), first.Submitted(), Skip(2));
        var stuck = new StuckDetected
        {
            Worker = Worker, Target = "cloud", Revision = 1, ChangeId = lane.ChangeId, OccurredAt = first.SubmittedAt.AddMinutes(16),
            Cutoff = first.SubmittedAt.AddMinutes(1), StuckAfter = TimeSpan.FromMinutes(15),
        };

        Assert.Equal(ApplyEffect.Applied, LaneTransitions.Apply(lane, stuck, null));

        Assert.Equal((1L, WorkerState.Stuck, 2L), (lane.Revision, lane.State, lane.UnchangedThrough));
    }

    [Fact]
    public void Unchanged_revision_three_before_the_plan_of_revision_two_ends_with_revision_two_standing_for_three()
    {
        var first = new Change(1);
        var second = new Change(2, ChangeKind.Update);
        LaneEvent[] late = [.. second.Journey(OutcomeStatus.Success), Skip(3)];
        foreach (var order in Permutations(late))
        {
            var lane = LaneAfter(first.Journey(OutcomeStatus.Success));
            ApplyAll(lane, order.ToArray());

            Assert.Equal((2L, WorkerState.Succeeded, ChangeKind.Update, 3L), (lane.Revision, lane.State, lane.ChangeKind, lane.UnchangedThrough));
            Assert.Equal(second.CompletedAt, lane.CompletedAt);
            Assert.True(lane.IsCurrentAt(3));
        }
    }

    [Fact]
    public void Unchanged_revision_seen_before_any_change_is_taken_over_by_the_change_that_arrives_later()
    {
        var lane = LaneAfter(Skip(3));
        Assert.Equal((3L, WorkerState.Skipped, "NoChange"), (lane.Revision, lane.State, lane.SkipReason));

        var second = new Change(2);
        Assert.Equal(ApplyEffect.Applied, LaneTransitions.Apply(lane, second.Planned(), null));
        Assert.Equal((2L, WorkerState.Planned, 3L), (lane.Revision, lane.State, lane.UnchangedThrough));

        // An even older change does not take it back, nor does a decision to send nothing for an older revision.
        var first = new Change(1);
        Assert.Equal([ApplyEffect.OlderRevision, ApplyEffect.OlderRevision], ApplyAll(lane, first.Outcome(OutcomeStatus.Failure, "X"), Skip(1, SkipReason.Invalid)));
        Assert.Equal((2L, WorkerState.Planned), (lane.Revision, lane.State));
    }

    [Fact]
    public void Decision_to_send_nothing_for_a_revision_already_found_unchanged_changes_nothing()
    {
        var first = new Change(1);
        var lane = LaneAfter([.. first.Journey(OutcomeStatus.Failure, "InvalidValue"), Skip(3)]);

        // Revision 2 was held (future-dated), then revision 3 came back to what revision 1 sent: the hold is superseded.
        Assert.Equal([ApplyEffect.OlderRevision, ApplyEffect.Unchanged], ApplyAll(lane, Skip(2, SkipReason.Held), Skip(2)));

        Assert.Equal((1L, WorkerState.Failed, 3L), (lane.Revision, lane.State, lane.UnchangedThrough));
        Assert.Null(lane.HeldUntil);
    }

    [Fact]
    public void Newer_real_change_replaces_the_lane_and_forgets_what_was_unchanged()
    {
        var first = new Change(1);
        var lane = LaneAfter([.. first.Journey(OutcomeStatus.Failure, "InvalidValue"), Skip(2), Skip(3)]);
        Assert.Equal(3L, lane.UnchangedThrough);

        var mover = new Change(4, ChangeKind.Mover);
        Assert.Equal(ApplyEffect.Applied, LaneTransitions.Apply(lane, mover.Planned(), null));

        Assert.Equal((4L, WorkerState.Planned, ChangeKind.Mover), (lane.Revision, lane.State, lane.ChangeKind));
        Assert.Null(lane.UnchangedThrough);
        Assert.Null(lane.ErrorCode);
        Assert.False(lane.IsCurrentAt(3));
        Assert.Equal(ApplyEffect.OlderRevision, LaneTransitions.Apply(lane, Skip(3), null));
    }

    [Fact]
    public void Other_skips_of_a_newer_revision_replace_the_lane_as_before()
    {
        var first = new Change(1);
        var lane = LaneAfter(first.Journey(OutcomeStatus.Success));

        Assert.Equal(ApplyEffect.Applied, LaneTransitions.Apply(lane, Skip(2, SkipReason.Invalid, "title cannot be mapped"), null));

        Assert.Equal((2L, WorkerState.Skipped, "Invalid"), (lane.Revision, lane.State, lane.SkipReason));
        Assert.Null(lane.UnchangedThrough);
    }

    [Fact]
    public void Without_an_earlier_change_an_unchanged_revision_shows_skipped_as_before()
    {
        const string Detail = "inactive and never provisioned in cloud: no account is created for an inactive worker";
        var neverProvisioned = LaneAfter(Skip(1, detail: Detail));
        Assert.Equal((1L, WorkerState.Skipped, "NoChange", Detail), (neverProvisioned.Revision, neverProvisioned.State, neverProvisioned.SkipReason, neverProvisioned.SkipDetail));
        Assert.Null(neverProvisioned.UnchangedThrough);

        var held = LaneAfter(Skip(1, SkipReason.Held));
        Assert.Equal(ApplyEffect.Applied, LaneTransitions.Apply(held, Skip(2), null));
        Assert.Equal((2L, WorkerState.Skipped, "NoChange"), (held.Revision, held.State, held.SkipReason));
        Assert.Null(held.HeldUntil);
    }

    static IEnumerable<IEnumerable<T>> Permutations<T>(IReadOnlyList<T> items) =>
        items.Count <= 1
            ? [items]
            : items.SelectMany((item, index) => Permutations(items.Where((_, i) => i != index).ToList()).Select(rest => rest.Prepend(item)));
}
