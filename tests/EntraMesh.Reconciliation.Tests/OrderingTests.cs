using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;
using EntraMesh.Reconciliation.Tests.Infrastructure;
using EntraMesh.Testing;
using MassTransit;

namespace EntraMesh.Reconciliation.Tests;

/// <summary>Events arrive out of order and more than once; the read model ends in the same, correct state.</summary>
public sealed class OrderingTests(ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>
{
    ReconciliationHost Host => fixture.Host;

    [Fact]
    public async Task Out_of_order_and_duplicated_events_leave_the_correct_final_state()
    {
        var first = new Journey("workday", "order-1513", revision: 1);
        var second = first.ForRevision(2);
        var messages = new List<(object Message, Guid Id)>
        {
            (first.Accepted(), NewId.NextGuid()), (first.Planned(), NewId.NextGuid()), (first.Queued(), NewId.NextGuid()),
            (first.Submitted(), NewId.NextGuid()), (first.Outcome(OutcomeStatus.Success), NewId.NextGuid()),
            (second.Accepted(), NewId.NextGuid()), (second.Planned(ChangeKind.Update), NewId.NextGuid()),
            (second.Queued(ChangeKind.Update), NewId.NextGuid()), (second.Submitted(ChangeKind.Update), NewId.NextGuid()),
            (second.Outcome(OutcomeStatus.Failure, "InvalidValue", "department is too long"), NewId.NextGuid()),
        };

        // Newest first, then everything again with the same message ids (redeliveries), then copies under new ids.
        var deliveries = messages.AsEnumerable().Reverse()
            .Concat(messages)
            .Concat(messages.Select(m => (m.Message, Id: NewId.NextGuid())).Where((_, index) => index % 3 == 0))
            .ToList();
        foreach (var (message, id) in deliveries) await Host.Bus.Publish(message, message.GetType(), context => context.MessageId = id);

        var copies = messages.Where((_, index) => index % 3 == 0).Count();
        var worker = await Host.WaitForWorkerAsync(first.SourceId, first.WorkerId, w => w.Timeline.Count == messages.Count + copies);
        await ReadModelAssertions.AssertDrainedWithoutErrorsAsync(fixture);
        worker = (await Host.FindWorkerAsync(first.SourceId, first.WorkerId))!;

        Assert.Equal(2, worker.Revision);
        Assert.Equal(WorkerState.Failed, worker.State);
        Assert.Equal("InvalidValue", worker.ErrorCode);
        Assert.Equal(ChangeKind.Update, worker.ChangeKind);
        Assert.Equal(second.AcceptedAt, worker.AcceptedAt);
        var cloud = Assert.Single(worker.Targets);
        Assert.Equal(2, cloud.Revision);
        Assert.Equal(WorkerState.Failed, cloud.State);
        Assert.Equal(second.PlannedAt, cloud.PlannedAt);
        Assert.Equal(second.QueuedAt, cloud.QueuedAt);
        Assert.Equal(second.SubmittedAt, cloud.SubmittedAt);
        Assert.Equal(second.CompletedAt, cloud.CompletedAt);
        // Each message once (redeliveries absorbed by the inbox); the revision-1 events that came late are kept but did nothing.
        Assert.Equal(messages.Count + copies, worker.Timeline.Count);
        Assert.Equal(worker.Timeline.Count, worker.Timeline.Select(entry => entry.MessageId).Distinct().Count());
        Assert.Contains(worker.Timeline, entry => entry.Revision == 1 && entry.Effect == ApplyEffect.OlderRevision);
        await ReadModelAssertions.AssertCountsMatchRowsAsync(fixture);
    }

    [Fact]
    public async Task Outcome_that_arrives_before_everything_else_still_ends_succeeded_with_every_step_time()
    {
        var journey = new Journey("workday", "order-reversed");
        object[] reversed = [journey.Outcome(OutcomeStatus.Success), journey.Submitted(), journey.Queued(), journey.Planned(), journey.Accepted()];
        foreach (var message in reversed)
        {
            await Host.Bus.Publish(message, message.GetType());
            // Wait for each to land, so the order really is reversed (the queues are independent).
            var seen = Array.IndexOf(reversed, message) + 1;
            await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.Timeline.Count == seen);
        }

        var worker = (await Host.FindWorkerAsync(journey.SourceId, journey.WorkerId))!;
        Assert.Equal(WorkerState.Succeeded, worker.State);
        var cloud = Assert.Single(worker.Targets);
        Assert.Equal(journey.AcceptedAt, cloud.AcceptedAt);
        Assert.Equal(journey.PlannedAt, cloud.PlannedAt);
        Assert.Equal(journey.QueuedAt, cloud.QueuedAt);
        Assert.Equal(journey.SubmittedAt, cloud.SubmittedAt);
        Assert.Equal(journey.CompletedAt, cloud.CompletedAt);
        Assert.Equal(journey.AcceptedAt, worker.AcceptedAt);
        Assert.Equal(
            [ApplyEffect.Applied, ApplyEffect.AlreadyFurther, ApplyEffect.AlreadyFurther, ApplyEffect.AlreadyFurther, ApplyEffect.Applied],
            worker.Timeline.OrderBy(entry => entry.Id).Select(entry => entry.Effect));
    }

    [Fact]
    public async Task Two_replicas_projecting_the_same_workers_concurrently_agree_on_every_final_state()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var first = await ReconciliationHost.StartAsync(infrastructure);
        await using var second = await ReconciliationHost.StartAsync(infrastructure);

        var journeys = Enumerable.Range(0, 200).Select(i => new Journey("replicas", $"w-{i:D3}", revision: 1 + i % 3)).ToList();
        var random = new Random(1513);
        var messages = journeys.SelectMany(journey => Messages(journey, journey.WorkerId.EndsWith('7')))
            .SelectMany(message => new[] { (message, Id: NewId.NextGuid()) })
            .SelectMany(pair => random.Next(4) == 0 ? new[] { pair, pair } : [pair])
            .OrderBy(_ => random.Next())
            .ToList();
        await Task.WhenAll(messages.Chunk(messages.Count / 2 + 1).Select((chunk, index) => Task.Run(async () =>
        {
            var bus = (index == 0 ? first : second).Bus;
            foreach (var (message, id) in chunk) await bus.Publish(message, message.GetType(), context => context.MessageId = id);
        })));

        await ReadModelAssertions.AssertDrainedWithoutErrorsAsync(infrastructure);
        foreach (var journey in journeys)
        {
            var worker = await first.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State is WorkerState.Succeeded or WorkerState.Failed);
            Assert.Equal(journey.Revision, worker.Revision);
            Assert.Equal(journey.WorkerId.EndsWith('7') ? WorkerState.Failed : WorkerState.Succeeded, worker.State);
            Assert.Equal(5, worker.Timeline.Count);
        }

        Assert.Equal(journeys.Count, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM worker", "reconciliation"));
        await ReadModelAssertions.AssertCountsMatchRowsAsync(infrastructure);
    }

    static IEnumerable<object> Messages(Journey journey, bool fails) =>
    [
        journey.Accepted(), journey.Planned(), journey.Queued(), journey.Submitted(),
        fails ? journey.Outcome(OutcomeStatus.Failure, "InvalidValue", "bad") : journey.Outcome(OutcomeStatus.Success),
    ];
}
