using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Tests.Unit;

public sealed class WorkerProjectionTests
{
    static readonly DateTimeOffset T0 = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    static readonly WorkerKey Key = new("workday", "1513");

    static WorkerProjection NewWorker() => new(new WorkerRecord { Key = Key, IsNew = true }, []);

    static RecordAccepted Accepted(long revision, int at = 0) => new() { Worker = Key, Revision = revision, OccurredAt = T0.AddSeconds(at), Channel = "csv" };

    static OutcomeObserved Succeeded(long revision, int at) => new()
    {
        Worker = Key, Target = "cloud", Revision = revision, ChangeId = Guid.NewGuid(), OccurredAt = T0.AddSeconds(at), Status = OutcomeStatus.Success,
    };

    [Fact]
    public void Latency_is_recorded_once_when_the_accepted_time_arrives_after_the_success()
    {
        var worker = NewWorker();
        worker.Apply(Succeeded(1, at: 600), T0);
        Assert.Empty(worker.LatencySamples);

        worker.Apply(Accepted(1, at: 0), T0);
        worker.Apply(Accepted(1, at: 0), T0);
        worker.Complete();

        var sample = Assert.Single(worker.LatencySamples);
        Assert.Equal(TimeSpan.FromMinutes(10), sample.Latency);
        Assert.Equal(WorkerState.Succeeded, worker.Worker.State);
    }

    [Fact]
    public void A_target_event_of_a_newer_revision_moves_the_worker_to_it_before_its_record_arrives()
    {
        var worker = NewWorker();
        worker.Apply(Accepted(1), T0);
        worker.Apply(Succeeded(2, at: 600), T0.AddMinutes(10));
        worker.Complete();

        Assert.Equal((2L, WorkerState.Succeeded), (worker.Worker.Revision, worker.Worker.State));
        Assert.Null(worker.Worker.AcceptedAt);
        Assert.Equal(ApplyEffect.OlderRevision, worker.Apply(Accepted(1), T0));
        Assert.Equal(ApplyEffect.Applied, worker.Apply(Accepted(2, at: 300), T0));
        Assert.Equal(T0.AddSeconds(300), worker.Worker.AcceptedAt);
    }

    [Fact]
    public void Unchanged_re_upload_moves_the_worker_to_its_revision_and_back_to_the_state_its_target_shows()
    {
        var changeId = Guid.NewGuid();
        var lane = new Lane
        {
            Target = "cloud", Revision = 1, State = WorkerState.Failed, Stage = Stage.Completed, ChangeId = changeId,
            ErrorCode = "AzureActiveDirectoryDuplicateUserPrincipalName", UpdatedAt = T0,
        };
        var worker = new WorkerProjection(new WorkerRecord { Key = Key, Revision = 1, State = WorkerState.Failed }, [lane]);

        worker.Apply(Accepted(2, at: 3600), T0.AddHours(1));
        worker.Complete();
        Assert.Equal((2L, WorkerState.Accepted), (worker.Worker.Revision, worker.Worker.State));

        var skip = new ChangeSkipped { Worker = Key, Target = "cloud", Revision = 2, OccurredAt = T0.AddSeconds(3601), Reason = SkipReason.NoChange };
        Assert.Equal(ApplyEffect.Unchanged, worker.Apply(skip, T0.AddHours(2)));
        worker.Complete();

        Assert.Equal((2L, WorkerState.Failed, "AzureActiveDirectoryDuplicateUserPrincipalName"), (worker.Worker.Revision, worker.Worker.State, worker.Worker.ErrorCode));
        Assert.Equal(T0.AddHours(2), worker.Worker.UpdatedAt);
        var stored = Assert.Single(worker.TouchedLanes);
        Assert.Equal((1L, WorkerState.Failed, 2L, changeId), (stored.Revision, stored.State, stored.UnchangedThrough, stored.ChangeId));
        // The target's own state did not move.
        Assert.Equal(T0, stored.UpdatedAt);
        Assert.Equal(WorkerState.Failed, worker.InitialLaneState("cloud"));
    }

    [Fact]
    public void Skip_without_a_target_decides_the_worker_until_a_target_event_of_that_revision_arrives()
    {
        var worker = NewWorker();
        worker.Apply(Accepted(1), T0);
        worker.Apply(new WorkerSkipped { Worker = Key, Revision = 1, OccurredAt = T0.AddSeconds(1), Reason = SkipReason.OutOfScope, Detail = "contractor" }, T0);
        worker.Complete();

        Assert.Equal((WorkerState.Skipped, "OutOfScope", "contractor"), (worker.Worker.State, worker.Worker.SkipReason, worker.Worker.SkipDetail));
        Assert.Equal(ApplyEffect.AlreadyFurther, worker.Apply(Accepted(1), T0));
        worker.Complete();
        Assert.Equal(WorkerState.Skipped, worker.Worker.State);
    }
}
