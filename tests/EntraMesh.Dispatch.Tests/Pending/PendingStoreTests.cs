using EntraMesh.Contracts;
using EntraMesh.Dispatch.Batching;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Sending;
using EntraMesh.Dispatch.Tests.Infrastructure;
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
}
