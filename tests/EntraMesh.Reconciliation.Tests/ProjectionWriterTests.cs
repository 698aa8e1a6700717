using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;
using EntraMesh.Reconciliation.Projection;
using EntraMesh.Reconciliation.ReadModel;
using EntraMesh.Reconciliation.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EntraMesh.Reconciliation.Tests;

/// <summary>
/// Group commit (real PostgreSQL): batches of several queues that wait while the writer is busy are applied together in
/// one transaction, and a batch that cannot be projected fails alone.
/// </summary>
public sealed class ProjectionWriterTests(ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>
{
    const string AcceptedQueue = "reconciliation-worker-record-accepted";
    const string PlannedQueue = "reconciliation-identity-change-planned";
    const string QueuedQueue = "reconciliation-identity-change-queued";

    ProjectionWriter Writer => fixture.Host.Services.GetRequiredService<ProjectionWriter>();

    [Fact]
    public async Task Batches_of_several_queues_that_wait_for_the_writer_are_applied_in_one_transaction_and_each_message_once()
    {
        var journey = new Journey("workday", "writer-together");
        var accepted = Message(AcceptedQueue, nameof(WorkerRecordAccepted), id => EventTranslator.From(journey.Accepted(), id, null));
        var planned = Message(PlannedQueue, nameof(IdentityChangePlanned), id => EventTranslator.From(journey.Planned(), id, null));
        var queued = Message(QueuedQueue, nameof(IdentityChangeQueued), id => EventTranslator.From(journey.Queued(), id, null));

        var (blocked, waiting) = await WhileTheWriterIsBlockedAsync("writer-blocker-1", () =>
        [
            Writer.ApplyAsync([accepted], TestContext.Current.CancellationToken),
            Writer.ApplyAsync([planned], TestContext.Current.CancellationToken),
            Writer.ApplyAsync([queued], TestContext.Current.CancellationToken),
            // The same message from the same queue again (a redelivery) in the same transaction.
            Writer.ApplyAsync([planned], TestContext.Current.CancellationToken),
        ]);
        await blocked;
        await Task.WhenAll(waiting);

        var worker = await fixture.Host.FindWorkerAsync(journey.SourceId, journey.WorkerId);
        Assert.NotNull(worker);
        Assert.Equal(WorkerState.Queued, worker.State);
        var lane = Assert.Single(worker.Targets);
        Assert.Equal(journey.PlannedAt, lane.PlannedAt);
        Assert.Equal(journey.QueuedAt, lane.QueuedAt);
        Assert.Equal(3, worker.Timeline.Count);

        // One transaction wrote all three (one xmin), so the worker's row and lane were written once for them.
        var transactions = await fixture.ScalarAsync<long>(
            $"SELECT count(DISTINCT xmin::text) FROM timeline_entry WHERE worker_id = '{journey.WorkerId}'", "reconciliation");
        Assert.Equal(1, transactions);
        var claims = await fixture.ScalarAsync<long>(
            $"""
            SELECT count(*) FROM inbox_message WHERE (message_id, consumer) IN
                (('{accepted.MessageId}', '{AcceptedQueue}'), ('{planned.MessageId}', '{PlannedQueue}'), ('{queued.MessageId}', '{QueuedQueue}'))
            """, "reconciliation");
        Assert.Equal(3, claims);
        await ReadModelAssertions.AssertCountsMatchRowsAsync(fixture);
    }

    [Fact]
    public async Task A_batch_that_cannot_be_projected_fails_alone_and_the_batches_that_waited_with_it_are_applied()
    {
        var journey = new Journey("workday", "writer-survivor");
        var accepted = Message(AcceptedQueue, nameof(WorkerRecordAccepted), id => EventTranslator.From(journey.Accepted(), id, null));
        var planned = Message(PlannedQueue, nameof(IdentityChangePlanned), id => EventTranslator.From(journey.Planned(), id, null));
        // PostgreSQL refuses a NUL in text: the translator replaces it, so only an event built past it carries one.
        var poisoned = Message(QueuedQueue, nameof(IdentityChangeQueued), id =>
            Translation.Of(EventTranslator.From(new Journey("workday", "writer-poisoned").Queued(), id, null).Events
                .Select(e => e with { Worker = new WorkerKey("workday", "writer-\0-poisoned") }).ToArray()));

        var (blocked, waiting) = await WhileTheWriterIsBlockedAsync("writer-blocker-2", () =>
        [
            Writer.ApplyAsync([accepted], TestContext.Current.CancellationToken),
            Writer.ApplyAsync([poisoned], TestContext.Current.CancellationToken),
            Writer.ApplyAsync([planned], TestContext.Current.CancellationToken),
        ]);
        await blocked;

        await waiting[0];
        await Assert.ThrowsAsync<PostgresException>(() => waiting[1]);
        await waiting[2];
        var worker = await fixture.Host.FindWorkerAsync(journey.SourceId, journey.WorkerId);
        Assert.NotNull(worker);
        Assert.Equal(WorkerState.Planned, worker.State);
        Assert.Equal(2, worker.Timeline.Count);
        // The failed message is not marked consumed: its redelivery is projected.
        var claimed = await fixture.ScalarAsync<long>(
            $"SELECT count(*) FROM inbox_message WHERE message_id = '{poisoned.MessageId}'", "reconciliation");
        Assert.Equal(0, claimed);
        await ReadModelAssertions.AssertCountsMatchRowsAsync(fixture);
    }

    static IncomingMessage Message(string queue, string type, Func<Guid, Translation> translate)
    {
        var id = Guid.CreateVersion7();
        return new IncomingMessage(id, queue, type, translate(id), null);
    }

    /// <summary>
    /// Holds a worker's row locked from another connection, has the writer start a batch for that worker (so it waits on
    /// the lock while holding the only writer slot), hands in <paramref name="more"/>, checks none of them was applied
    /// yet, and releases the lock.
    /// </summary>
    async Task<(Task Blocked, Task[] Waiting)> WhileTheWriterIsBlockedAsync(string blockerId, Func<Task[]> more)
    {
        var blocker = new Journey("workday", blockerId);
        await Writer.ApplyAsync([Message(AcceptedQueue, nameof(WorkerRecordAccepted), id => EventTranslator.From(blocker.Accepted(), id, null))],
            TestContext.Current.CancellationToken);

        await using var connection = await fixture.OpenConnectionAsync("reconciliation");
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM worker WHERE worker_id = '{blockerId}' FOR UPDATE", connection, transaction))
        {
            await lockRow.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        }

        var blocked = Writer.ApplyAsync(
            [Message(PlannedQueue, nameof(IdentityChangePlanned), id => EventTranslator.From(blocker.Planned(), id, null))], TestContext.Current.CancellationToken);
        await WaitForLockWaitAsync(connection.ProcessID);

        var waiting = more();
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(blocked.IsCompleted);
        Assert.All(waiting, task => Assert.False(task.IsCompleted));

        await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        return (blocked, waiting);
    }

    /// <summary>Until a session of this database waits for a lock held by <paramref name="holder"/>.</summary>
    async Task WaitForLockWaitAsync(int holder)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await fixture.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE {holder} = ANY(pg_blocking_pids(pid))") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The writer never waited for the locked row.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
