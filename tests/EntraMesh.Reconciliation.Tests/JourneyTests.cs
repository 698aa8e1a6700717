using System.Diagnostics;
using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;
using EntraMesh.Reconciliation.Tests.Infrastructure;

namespace EntraMesh.Reconciliation.Tests;

/// <summary>A worker's way through the pipeline as operators see it, over real RabbitMQ and PostgreSQL.</summary>
public sealed class JourneyTests(ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>
{
    ReconciliationHost Host => fixture.Host;

    [Fact]
    public async Task Full_journey_shows_every_step_with_its_time_and_one_trace_id()
    {
        var journey = new Journey("workday", "journey-1513");
        // The trace an HR webhook starts at the gateway (sampled, as the services' AlwaysOn sampler makes it).
        using var activity = new Activity("hr-webhook").SetIdFormat(ActivityIdFormat.W3C);
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        activity.Start();
        var traceId = activity.TraceId.ToHexString();

        // Each step once the previous one shows (the queues are independent, so only waiting guarantees the order).
        await StepAsync(journey, journey.Accepted(), WorkerState.Accepted);
        await StepAsync(journey, journey.Planned(), WorkerState.Planned);
        await StepAsync(journey, journey.Queued(), WorkerState.Queued);
        await StepAsync(journey, journey.Submitted(), WorkerState.Submitted);
        await StepAsync(journey, journey.Outcome(OutcomeStatus.Success), WorkerState.Succeeded);
        activity.Stop();

        var worker = await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == WorkerState.Succeeded && w.Timeline.Count == 5);

        Assert.Equal(1, worker.Revision);
        Assert.Equal(ChangeKind.Joiner, worker.ChangeKind);
        Assert.Equal(journey.AcceptedAt, worker.AcceptedAt);
        var cloud = Assert.Single(worker.Targets);
        Assert.Equal("cloud", cloud.Target);
        Assert.True(cloud.Current);
        Assert.Equal(WorkerState.Succeeded, cloud.State);
        Assert.Equal(journey.AcceptedAt, cloud.AcceptedAt);
        Assert.Equal(journey.PlannedAt, cloud.PlannedAt);
        Assert.Equal(journey.QueuedAt, cloud.QueuedAt);
        Assert.Equal(journey.SubmittedAt, cloud.SubmittedAt);
        Assert.Equal(journey.CompletedAt, cloud.CompletedAt);
        Assert.Equal(journey.SubmissionId, cloud.SubmissionId);
        Assert.Equal(journey.JobId, cloud.JobId);
        Assert.NotNull(cloud.TargetObjectId);

        Assert.Equal(
            ["WorkerRecordAccepted", "IdentityChangePlanned", "IdentityChangeQueued", "ProvisioningSubmitted", "ProvisioningOutcomeObserved"],
            worker.Timeline.Select(entry => entry.Event));
        Assert.Equal(
            [WorkerState.Accepted, WorkerState.Planned, WorkerState.Queued, WorkerState.Submitted, WorkerState.Succeeded],
            worker.Timeline.Select(entry => entry.State!.Value));
        Assert.Equal([journey.AcceptedAt, journey.PlannedAt, journey.QueuedAt, journey.SubmittedAt, journey.CompletedAt], worker.Timeline.Select(entry => entry.At));
        Assert.All(worker.Timeline, entry => Assert.Equal(ApplyEffect.Applied, entry.Effect));
        Assert.All(worker.Timeline, entry => Assert.Equal(traceId, entry.TraceId));
        Assert.Equal(traceId, worker.TraceId);
        Assert.Equal(traceId, cloud.TraceId);
    }

    async Task StepAsync<T>(Journey journey, T message, WorkerState state)
        where T : class
    {
        await Host.PublishThroughOutboxAsync(message);
        await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == state, $"{journey.WorkerId} {state}");
    }
}
