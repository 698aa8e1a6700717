using System.Diagnostics;
using System.Net.Http.Json;
using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Api.Listing;
using EntraMesh.Reconciliation.Api.Summary;
using EntraMesh.Reconciliation.ReadModel;
using EntraMesh.Reconciliation.Tests.Infrastructure;
using EntraMesh.Testing;

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

    [Fact]
    public async Task Journeys_whose_events_arrive_as_event_batches_show_every_step_with_each_events_trace()
    {
        var journeys = Enumerable.Range(0, 3).Select(i => new Journey("workday", $"batched-{i}-{Guid.NewGuid():N}")).ToList();
        using var activity = new Activity("hr-webhook").SetIdFormat(ActivityIdFormat.W3C);
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        activity.Start();
        var traceId = activity.TraceId.ToHexString();

        // Each step for all three workers in one transaction (one message per step), once the previous step shows.
        await BatchStepAsync(journeys, journey => journey.Accepted(), WorkerState.Accepted);
        await BatchStepAsync(journeys, journey => journey.Planned(), WorkerState.Planned);
        await BatchStepAsync(journeys, journey => journey.Queued(), WorkerState.Queued);
        foreach (var journey in journeys) await StepAsync(journey, journey.Submitted(), WorkerState.Submitted);
        await BatchStepAsync(journeys, journey => journey.Outcome(OutcomeStatus.Success), WorkerState.Succeeded);
        activity.Stop();

        foreach (var journey in journeys)
        {
            var worker = await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == WorkerState.Succeeded && w.Timeline.Count == 5);
            Assert.Equal(
                ["WorkerRecordAccepted", "IdentityChangePlanned", "IdentityChangeQueued", "ProvisioningSubmitted", "ProvisioningOutcomeObserved"],
                worker.Timeline.Select(entry => entry.Event));
            Assert.All(worker.Timeline, entry => Assert.Equal(ApplyEffect.Applied, entry.Effect));
            Assert.All(worker.Timeline, entry => Assert.Equal(traceId, entry.TraceId));
        }
    }

    [Fact]
    public async Task Failed_outcome_shows_Entras_error_code_and_reason()
    {
        var journey = new Journey("workday", "failed-1959");
        await PublishAllAsync(journey.Accepted(), journey.Planned(), journey.Queued(), journey.Submitted(),
            journey.Outcome(OutcomeStatus.Failure, "UnableToResolveReferenceAttributeValue", "The manager 1222 could not be found."));

        var worker = await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == WorkerState.Failed);

        Assert.Equal("UnableToResolveReferenceAttributeValue", worker.ErrorCode);
        Assert.Equal("The manager 1222 could not be found.", worker.ErrorReason);
        var cloud = Assert.Single(worker.Targets);
        Assert.Equal(WorkerState.Failed, cloud.State);
        Assert.Equal(OutcomeStatus.Failure, cloud.OutcomeStatus);
        Assert.Equal("UnableToResolveReferenceAttributeValue", cloud.ErrorCode);
        Assert.Equal(journey.CompletedAt, cloud.CompletedAt);
    }

    [Fact]
    public async Task Skipped_record_shows_why()
    {
        var invalid = new Journey("workday", "skipped-invalid");
        var outOfScope = new Journey("workday", "skipped-out-of-scope");
        var held = new Journey("workday", "held-future-hire");
        var heldUntil = held.Start.AddDays(14);
        await PublishAllAsync(
            invalid.Accepted(), invalid.Skipped(SkipReason.Invalid, "Join(): argument 2 is not a string"),
            outOfScope.Accepted(), outOfScope.Skipped(SkipReason.OutOfScope, "no target takes WorkerType 'Contractor'", withTarget: false),
            held.Accepted(), held.Skipped(SkipReason.Held, "effective in 14 days", heldUntil));

        var skipped = await Host.WaitForWorkerAsync(invalid.SourceId, invalid.WorkerId, w => w.State == WorkerState.Skipped);
        Assert.Equal("Invalid", skipped.SkipReason);
        Assert.Equal("Join(): argument 2 is not a string", skipped.SkipDetail);
        Assert.Equal("Invalid", Assert.Single(skipped.Targets).SkipReason);

        var scoped = await Host.WaitForWorkerAsync(outOfScope.SourceId, outOfScope.WorkerId, w => w.State == WorkerState.Skipped);
        Assert.Equal("OutOfScope", scoped.SkipReason);
        Assert.Equal("no target takes WorkerType 'Contractor'", scoped.SkipDetail);
        Assert.Empty(scoped.Targets);

        var waiting = await Host.WaitForWorkerAsync(held.SourceId, held.WorkerId, w => w.State == WorkerState.Held);
        Assert.Equal(heldUntil, waiting.HeldUntil);
        Assert.Equal("Held", waiting.SkipReason);
    }

    [Fact]
    public async Task Log_entry_saying_skipped_shows_the_worker_skipped_by_Entra_with_its_reason()
    {
        var journey = new Journey("workday", "entra-skipped");
        await PublishAllAsync(journey.Accepted(), journey.Planned(), journey.Queued(), journey.Submitted(),
            journey.Outcome(OutcomeStatus.Skipped, "NotEffectivelyEntitled", "The user is not in scope of the provisioning job."));

        var worker = await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == WorkerState.Skipped);

        Assert.Equal("SkippedByEntra", worker.SkipReason);
        Assert.Equal("The user is not in scope of the provisioning job.", worker.SkipDetail);
        Assert.Equal(OutcomeStatus.Skipped, Assert.Single(worker.Targets).OutcomeStatus);
    }

    [Fact]
    public async Task Move_from_on_premises_to_cloud_is_a_leaver_in_one_target_and_a_joiner_in_the_other()
    {
        var onPremises = new Journey("workday", "mover-0815", revision: 4, target: "onprem");
        var cloud = onPremises.ForTarget("cloud");
        await PublishAllAsync(
            onPremises.Accepted(),
            onPremises.Planned(ChangeKind.Leaver), onPremises.Queued(ChangeKind.Leaver), onPremises.Submitted(ChangeKind.Leaver),
            cloud.Planned(ChangeKind.Joiner), cloud.Queued(ChangeKind.Joiner), cloud.Submitted(ChangeKind.Joiner),
            onPremises.Outcome(OutcomeStatus.Success));

        var moving = await Host.WaitForWorkerAsync(onPremises.SourceId, onPremises.WorkerId, w => w.Timeline.Count == 8);
        Assert.Equal(ChangeKind.Mover, moving.ChangeKind);
        Assert.Equal(WorkerState.Submitted, moving.State);
        Assert.Equal(ChangeKind.Leaver, moving.Targets.Single(t => t.Target == "onprem").ChangeKind);
        Assert.Equal(ChangeKind.Joiner, moving.Targets.Single(t => t.Target == "cloud").ChangeKind);
        Assert.Equal(WorkerState.Submitted, moving.Targets.Single(t => t.Target == "cloud").State);

        await Host.PublishAsync(cloud.Outcome(OutcomeStatus.Failure, "AttributeValueMustBeUnique", "userPrincipalName is already in use"));
        var failed = await Host.WaitForWorkerAsync(onPremises.SourceId, onPremises.WorkerId, w => w.State == WorkerState.Failed);
        Assert.Equal("AttributeValueMustBeUnique", failed.ErrorCode);
        Assert.Equal(WorkerState.Succeeded, failed.Targets.Single(t => t.Target == "onprem").State);

        var cloudFailures = await Host.Client.GetFromJsonAsync<ListPage>("/api/reconciliation/failures?target=cloud&errorCode=AttributeValueMustBeUnique", ReconciliationHost.Json);
        Assert.Contains(cloudFailures!.Items, item => item.WorkerId == "mover-0815" && item.Target == "cloud" && item.State == WorkerState.Failed);
    }

    [Fact]
    public async Task One_bulk_call_of_fifty_operations_moves_fifty_workers_and_reports_the_budget_left()
    {
        var journeys = Enumerable.Range(0, 50).Select(i => new Journey("sap", $"bulk-{i:D2}", target: "bulk-target")).ToList();
        foreach (var journey in journeys) await Host.PublishAsync(journey.Accepted());
        var submissionId = Guid.NewGuid();
        await Host.PublishAsync(new ProvisioningSubmitted
        {
            SubmissionId = submissionId,
            Target = "bulk-target",
            JobId = journeys[0].JobId,
            SubmittedAt = journeys[0].SubmittedAt,
            Operations = journeys.Select(journey => journey.Operation()).ToList(),
            DailyCallsRemaining = 1733,
            DailyCallsLimit = 2000,
        });

        foreach (var journey in journeys)
        {
            var worker = await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == WorkerState.Submitted);
            Assert.Equal(submissionId, Assert.Single(worker.Targets).SubmissionId);
        }

        var summary = await Host.Client.GetFromJsonAsync<Summary>("/api/reconciliation/summary", ReconciliationHost.Json);
        var budget = Assert.Single(summary!.Budget, b => b.Target == "bulk-target");
        Assert.Equal(1733, budget.CallsRemaining);
        Assert.Equal(2000, budget.CallsLimit);
    }

    [Fact]
    public async Task Change_dispatch_gave_up_on_is_rejected_with_its_status_and_error()
    {
        var journey = new Journey("workday", "rejected-4711");
        await PublishAllAsync(journey.Accepted(), journey.Planned(), journey.Queued(), journey.Rejected(400, "InvalidDataFormat", "Invalid Data Format"));

        var worker = await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == WorkerState.Rejected);

        var cloud = Assert.Single(worker.Targets);
        Assert.Equal(400, cloud.StatusCode);
        Assert.Equal("InvalidDataFormat", worker.ErrorCode);
        Assert.Equal("Invalid Data Format", worker.ErrorReason);
    }

    [Fact]
    public async Task Event_naming_no_worker_is_kept_aside_and_the_rest_of_its_batch_is_applied()
    {
        var valid = new Journey("sap", "valid-next-to-invalid", target: "invalid-test");
        var nameless = new Journey("sap", " ", target: "invalid-test");
        var unstorable = new Journey("sap", "nul\0id", target: "invalid-test");
        var oddReason = new Journey("sap", "odd-reason", target: "invalid-test");
        await Host.PublishAsync(valid.Accepted());
        await Host.PublishAsync(nameless.Accepted());
        await Host.PublishAsync(unstorable.Accepted());
        await Host.PublishAsync(oddReason.Skipped(SkipReason.Invalid, "bad\0value"));
        await Host.PublishAsync(new ProvisioningSubmitted
        {
            SubmissionId = valid.SubmissionId,
            Target = "invalid-test",
            JobId = valid.JobId,
            SubmittedAt = valid.SubmittedAt,
            Operations = [valid.Operation(), nameless.Operation()],
        });

        await Host.WaitForWorkerAsync(valid.SourceId, valid.WorkerId, w => w.State == WorkerState.Submitted);
        var skipped = await Host.WaitForWorkerAsync(oddReason.SourceId, oddReason.WorkerId, w => w.State == WorkerState.Skipped);
        Assert.Equal("bad\uFFFDvalue", skipped.SkipDetail);
        var kept = await Eventually.WaitForAsync(
            () => fixture.ScalarAsync<long>("SELECT count(*) FROM invalid_event", "reconciliation"), count => count == 3);
        Assert.Equal(3, kept);
        Assert.Equal(1, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM invalid_event WHERE reason = 'workerId contain(s) a NUL character'", "reconciliation"));
        Assert.Equal(1, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM invalid_event WHERE message_type = 'WorkerRecordAccepted' AND reason = 'workerId is missing'", "reconciliation"));
        Assert.Equal(1, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM invalid_event WHERE message_type = 'ProvisioningSubmitted' AND reason LIKE 'operations [1]%'", "reconciliation"));
        await ReadModelAssertions.AssertDrainedWithoutErrorsAsync(fixture);
    }

    async Task PublishAllAsync(params object[] messages)
    {
        foreach (var message in messages) await Host.Bus.Publish(message, message.GetType());
    }

    async Task BatchStepAsync<T>(IReadOnlyList<Journey> journeys, Func<Journey, T> message, WorkerState state)
        where T : class
    {
        await Host.PublishAllThroughOutboxAsync(journeys.Select(message).ToList());
        foreach (var journey in journeys) await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == state, $"{journey.WorkerId} {state}");
    }

    async Task StepAsync<T>(Journey journey, T message, WorkerState state)
        where T : class
    {
        await Host.PublishThroughOutboxAsync(message);
        await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == state, $"{journey.WorkerId} {state}");
    }
}
