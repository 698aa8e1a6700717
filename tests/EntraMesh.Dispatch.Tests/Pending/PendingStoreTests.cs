using EntraMesh.Contracts;
using EntraMesh.Dispatch.Batching;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Pending;
using EntraMesh.Dispatch.Sending;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.Hosting.Outbox;
using EntraMesh.Testing;

namespace EntraMesh.Dispatch.Tests.Pending;

/// <summary>Planned changes consumed from real RabbitMQ into the pending store in real PostgreSQL.</summary>
public sealed class PendingStoreTests
{
    [Fact]
    public async Task Planned_change_is_committed_pending_and_announced_as_queued()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        await using var events = await EventRecorder.StartAsync(infrastructure);
        var plan = Plans.Planned("1001", 3, ChangeKind.Joiner);

        await events.PublishAsync(plan);

        var queued = await Eventually.WaitForAsync(() => Task.FromResult(events.Queued.ToList()), q => q.Count == 1);
        Assert.Equal(plan.ChangeId, queued[0].ChangeId);
        Assert.Equal(3, queued[0].Revision);
        Assert.Equal("cloud", queued[0].Target);
        Assert.Null(queued[0].SupersededRevision);
        Assert.Equal(1, await infrastructure.CountAsync($"operation WHERE change_id = '{plan.ChangeId}' AND status = 'pending' AND external_id = '1001'"));
        Assert.Equal(1, await infrastructure.CountAsync("inbox_message"));
    }

    [Fact]
    public async Task Pending_leaver_followed_by_an_update_of_the_same_worker_is_one_change_that_still_goes_out_as_a_leaver()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        await using var events = await EventRecorder.StartAsync(infrastructure);
        var leaver = Plans.Planned("1002", 7, ChangeKind.Leaver);
        var update = Plans.Planned("1002", 8, ChangeKind.Update, shape: data => data["active"] = false);

        await events.PublishAsync(leaver);
        await Eventually.WaitForAsync(() => Task.FromResult(events.Queued.Count), count => count == 1);
        await events.PublishAsync(update);

        var queued = await Eventually.WaitForAsync(() => Task.FromResult(events.Queued.ToList()), q => q.Count == 2);
        Assert.Equal(7, queued[1].SupersededRevision);
        var rows = await infrastructure.QueryAsync(
            "SELECT revision, status, change_kind, priority FROM operation ORDER BY revision",
            r => (Revision: r.GetInt64(0), Status: r.GetString(1), Kind: r.GetString(2), Priority: r.GetInt16(3)));
        Assert.Equal([(7L, "superseded", "Leaver", (short)0), (8L, "pending", "Leaver", (short)0)], rows);
    }

    [Fact]
    public async Task Older_revision_than_the_pending_one_is_ignored()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        await using var events = await EventRecorder.StartAsync(infrastructure);

        await events.PublishAsync(Plans.Planned("1003", 5));
        await Eventually.WaitForAsync(() => Task.FromResult(events.Queued.Count), count => count == 1);
        await events.PublishAsync(Plans.Planned("1003", 4));
        await Eventually.WaitForAsync(() => infrastructure.CountAsync("inbox_message"), count => count == 2);

        Assert.Equal([5L], await infrastructure.QueryAsync("SELECT revision FROM operation", r => r.GetInt64(0)));
        Assert.Single(events.Queued);
    }

    [Fact]
    public async Task Change_in_flight_is_not_overwritten_and_the_newer_one_goes_in_a_later_call()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        await using var events = await EventRecorder.StartAsync(infrastructure);
        var queue = dispatch.Get<BatchQueue>();
        dispatch.Get<TargetCatalog>().TryGet("cloud", out var cloud);
        var first = Plans.Planned("1004", 1, ChangeKind.Joiner);
        var second = Plans.Planned("1004", 2, ChangeKind.Update);

        await events.PublishAsync(first);
        await Eventually.WaitForAsync(() => Task.FromResult(events.Queued.Count), count => count == 1);
        var inFlight = Assert.IsType<ClaimResult.Claimed>(await queue.ClaimAsync(cloud, CancellationToken.None)).Batch;
        await events.PublishAsync(second);
        await Eventually.WaitForAsync(() => Task.FromResult(events.Queued.Count), count => count == 2);

        // The newer change waits beside the one in flight, untouched, and cannot join a call while it flies.
        Assert.Equal(first.ChangeId, Assert.Single(inFlight.Operations).ChangeId);
        Assert.Equal(1, await infrastructure.CountAsync($"operation WHERE change_id = '{first.ChangeId}' AND status = 'in_flight' AND revision = 1"));
        Assert.Equal(1, await infrastructure.CountAsync($"operation WHERE change_id = '{second.ChangeId}' AND status = 'pending'"));
        Assert.Null(events.Queued.Last().SupersededRevision);
        Assert.IsType<ClaimResult.Empty>(await queue.ClaimAsync(cloud, CancellationToken.None));

        await dispatch.Get<CallRecorder>().AcceptedAsync(inFlight, new BulkUploadResult(202, "req-1"), CancellationToken.None);
        var later = Assert.IsType<ClaimResult.Claimed>(await queue.ClaimAsync(cloud, CancellationToken.None)).Batch;
        Assert.Equal(second.ChangeId, Assert.Single(later.Operations).ChangeId);
    }

    [Fact]
    public async Task Plan_for_a_target_dispatch_does_not_know_is_rejected_visibly_not_dropped()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        await using var events = await EventRecorder.StartAsync(infrastructure);
        var plan = Plans.Planned("1005", 1, ChangeKind.Joiner, target: "mars");

        await events.PublishAsync(plan);

        var rejected = await Eventually.WaitForAsync(() => Task.FromResult(events.Rejected.ToList()), r => r.Count == 1);
        var operation = Assert.Single(rejected[0].Operations);
        Assert.Equal(plan.ChangeId, operation.ChangeId);
        Assert.Equal("UnknownTarget", operation.ErrorCode);
        Assert.Contains("mars", operation.Error);
    }

    [Fact]
    public async Task Plan_without_externalId_is_rejected_naming_the_attribute()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        await using var events = await EventRecorder.StartAsync(infrastructure);

        await events.PublishAsync(Plans.Planned("1006", 1, ChangeKind.Joiner, shape: data => data.Remove("externalId")));

        var rejected = await Eventually.WaitForAsync(() => Task.FromResult(events.Rejected.ToList()), r => r.Count == 1);
        Assert.Contains("externalId", Assert.Single(rejected[0].Operations).Error);
        Assert.Equal(0, await infrastructure.CountAsync("operation"));
    }

    [Fact]
    public async Task Several_changes_of_one_worker_stored_together_keep_only_the_newest_pending_in_the_earliest_place()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        var joiner = Operation(Plans.Planned("2001", 1, ChangeKind.Joiner));
        var update = Operation(Plans.Planned("2001", 2, ChangeKind.Update));
        var older = Operation(Plans.Planned("2001", 1, ChangeKind.Update));
        var other = Operation(Plans.Planned("2002", 4, ChangeKind.Leaver));

        var outcomes = await EnqueueAsync(dispatch, [joiner, update, older, joiner, other]);

        Assert.IsType<EnqueueOutcome.Queued>(outcomes[0]);
        Assert.Equal(1, Assert.IsType<EnqueueOutcome.Queued>(outcomes[1]).SupersededRevision);
        Assert.Equal(2, Assert.IsType<EnqueueOutcome.Ignored>(outcomes[2]).LatestRevision);
        Assert.IsType<EnqueueOutcome.Ignored>(outcomes[3]);
        Assert.Null(Assert.IsType<EnqueueOutcome.Queued>(outcomes[4]).SupersededRevision);
        var rows = await infrastructure.QueryAsync(
            "SELECT worker_id, revision, status, change_kind, superseded_by FROM operation ORDER BY queue_seq",
            r => (Worker: r.GetString(0), Revision: r.GetInt64(1), Status: r.GetString(2), Kind: r.GetString(3), By: r.IsDBNull(4) ? (Guid?)null : r.GetGuid(4)));
        Assert.Equal(
            [("2001", 1L, "superseded", "Joiner", update.ChangeId), ("2001", 2L, "pending", "Joiner", null), ("2002", 4L, "pending", "Leaver", null)],
            rows);
        Assert.Equal([2L, 4L], await infrastructure.QueryAsync("SELECT latest_revision FROM worker_state ORDER BY worker_id", r => r.GetInt64(0)));

        // A later batch meets the stored line: the pending change is superseded in place, an older revision ignored.
        var later = await EnqueueAsync(dispatch, [Operation(Plans.Planned("2001", 3, ChangeKind.Update)), Operation(Plans.Planned("2002", 3, ChangeKind.Update))]);
        Assert.Equal(2, Assert.IsType<EnqueueOutcome.Queued>(later[0]).SupersededRevision);
        Assert.Equal(4, Assert.IsType<EnqueueOutcome.Ignored>(later[1]).LatestRevision);
        Assert.Equal(
            [(2L, "superseded"), (3L, "pending")],
            await infrastructure.QueryAsync("SELECT revision, status FROM operation WHERE worker_id = '2001' AND revision > 1 ORDER BY revision", r => (r.GetInt64(0), r.GetString(1))));
    }

    [Fact]
    public async Task A_burst_of_plans_is_stored_a_batch_per_transaction()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        await using var events = await EventRecorder.StartAsync(infrastructure);

        await events.PublishAsync(Enumerable.Range(3000, 300).Select(i => Plans.Planned(i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, ChangeKind.Joiner)));

        await Eventually.WaitForAsync(() => Task.FromResult(events.Queued.Count), count => count == 300, TimeSpan.FromSeconds(60));
        Assert.Equal(300, await infrastructure.CountAsync("operation WHERE status = 'pending'"));
        Assert.Equal(300, await infrastructure.CountAsync("inbox_message"));
        // The inbox rows of one transaction share its start time: far fewer transactions than changes.
        Assert.InRange(await infrastructure.ScalarAsync<long>("SELECT count(DISTINCT consumed_at) FROM inbox_message", DispatchDatabase.Schema), 1, 149);
    }

    [Fact]
    public async Task A_change_postgres_refuses_to_store_is_rejected_while_the_others_of_its_batch_queue()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        await using var events = await EventRecorder.StartAsync(infrastructure);
        var plans = Enumerable.Range(4000, 20).Select(i => Plans.Planned(i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, ChangeKind.Joiner)).ToList();
        // jsonb refuses the NUL character (SQLSTATE 22P05): this change can never be stored.
        var unstorable = Plans.Planned("4999", 1, ChangeKind.Joiner, shape: data => data["displayName"] = "bad\u0000name");
        plans.Insert(10, unstorable);

        await events.PublishAsync(plans);

        var rejected = await Eventually.WaitForAsync(() => Task.FromResult(events.Rejected.ToList()), r => r.Count == 1, TimeSpan.FromSeconds(60));
        var operation = Assert.Single(rejected[0].Operations);
        Assert.Equal(unstorable.ChangeId, operation.ChangeId);
        Assert.Equal("Unstorable", operation.ErrorCode);
        Assert.Contains("22P05", operation.Error);
        await Eventually.WaitForAsync(() => Task.FromResult(events.Queued.Count), count => count == 20);
        Assert.Equal(20, await infrastructure.CountAsync("operation WHERE status = 'pending'"));
        Assert.Equal(0, await infrastructure.CountAsync("operation WHERE worker_id = '4999'"));
        Assert.Equal(21, await infrastructure.CountAsync("inbox_message"));
    }

    static PlannedOperation Operation(IdentityChangePlanned plan) => PlannedOperation.From(plan, plan.Target, out _)!;

    static async Task<IReadOnlyList<EnqueueOutcome>> EnqueueAsync(DispatchHost dispatch, IReadOnlyList<PlannedOperation> operations)
    {
        await using var tx = await dispatch.Get<Outbox>().BeginAsync();
        var outcomes = await dispatch.Get<PendingStore>().EnqueueAsync(tx, operations, CancellationToken.None);
        await tx.CommitAsync();
        return outcomes;
    }
}

