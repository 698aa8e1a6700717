using EntraMesh.Contracts;
using EntraMesh.Dispatch.Batching;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Sending;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.Testing;

namespace EntraMesh.Dispatch.Tests.Batching;

/// <summary>Taking batches from the pending line in real PostgreSQL (the answer of Entra is recorded directly here).</summary>
public sealed class BatchQueueTests
{
    [Fact]
    public async Task Batches_carry_at_most_50_operations_leavers_first_then_joiners_movers_updates_oldest_first()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        var queue = dispatch.Get<BatchQueue>();
        dispatch.Get<TargetCatalog>().TryGet("cloud", out var cloud);
        var kinds = new[] { ChangeKind.Update, ChangeKind.Mover, ChangeKind.Joiner, ChangeKind.Leaver, ChangeKind.Rehire };
        var plans = Enumerable.Range(0, 120).Select(i => Plans.Planned($"2{i:000}", 1, kinds[i % kinds.Length])).ToList();
        await PendingSeeder.SeedAsync(dispatch, plans, perTransaction: 1);

        var batches = new List<ClaimedBatch>();
        while (await queue.ClaimAsync(cloud, CancellationToken.None) is ClaimResult.Claimed claimed)
        {
            batches.Add(claimed.Batch);
            await dispatch.Get<CallRecorder>().AcceptedAsync(claimed.Batch, new BulkUploadResult(202), CancellationToken.None);
        }

        Assert.Equal([50, 50, 20], batches.Select(b => b.Operations.Count));
        var sent = batches.SelectMany(b => b.Operations).Select(o => o.ChangeId).ToList();
        var expected = plans.OrderBy(p => p.Priority).ThenBy(p => plans.IndexOf(p)).Select(p => p.ChangeId).ToList();
        Assert.Equal(expected, sent);
    }

    [Fact]
    public async Task One_claim_takes_further_full_calls_in_line_order_and_leaves_the_rest_for_the_next()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        var queue = dispatch.Get<BatchQueue>();
        dispatch.Get<TargetCatalog>().TryGet("cloud", out var cloud);
        var plans = PendingSeeder.Updates(120).ToList();
        await PendingSeeder.SeedAsync(dispatch, plans);

        var first = Assert.IsType<ClaimResult.Claimed>(await queue.ClaimAsync(cloud, CancellationToken.None, maxCalls: 4));
        var rest = Assert.IsType<ClaimResult.Claimed>(await queue.ClaimAsync(cloud, CancellationToken.None, maxCalls: 4));

        Assert.Equal([50, 50], first.Batches.Select(b => b.Operations.Count));
        Assert.Equal([20], rest.Batches.Select(b => b.Operations.Count));
        var calls = first.Batches.Concat(rest.Batches).ToList();
        Assert.Equal(plans.Select(p => p.ChangeId), calls.SelectMany(b => b.Operations).Select(o => o.ChangeId));
        Assert.Equal(3, calls.Select(b => b.CallId).Distinct().Count());
        Assert.Equal(3, await infrastructure.CountAsync("call"));
        foreach (var call in calls)
        {
            Assert.Equal(call.Operations.Count, await infrastructure.CountAsync($"operation WHERE status = 'in_flight' AND call_id = '{call.CallId}'"));
        }
    }

    [Fact]
    public async Task Further_calls_of_one_claim_count_against_the_rate_window_and_leave_its_leaver_reserve()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, DispatchHost.FiveCallsAMinuteOneForLeavers);
        var queue = dispatch.Get<BatchQueue>();
        dispatch.Get<TargetCatalog>().TryGet("cloud", out var cloud);
        await PendingSeeder.SeedAsync(dispatch, PendingSeeder.Updates(400));

        var first = Assert.IsType<ClaimResult.Claimed>(await queue.ClaimAsync(cloud, CancellationToken.None, onlyFull: true, maxCalls: 3));
        var second = Assert.IsType<ClaimResult.Claimed>(await queue.ClaimAsync(cloud, CancellationToken.None, onlyFull: true, maxCalls: 3));
        var third = Assert.IsType<ClaimResult.Wait>(await queue.ClaimAsync(cloud, CancellationToken.None, onlyFull: true, maxCalls: 3));

        // Five calls a minute, the last kept for leavers: three, then the fourth, then a wait only a leaver may skip.
        Assert.Equal([50, 50, 50], first.Batches.Select(b => b.Operations.Count));
        Assert.Equal([50], second.Batches.Select(b => b.Operations.Count));
        Assert.True(third.LeaversMayGo);
        Assert.Equal(4, await infrastructure.CountAsync("call"));
    }

    [Fact]
    public async Task Peek_counts_the_leavers_joiners_and_rehires_among_the_next_batch()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        var queue = dispatch.Get<BatchQueue>();
        dispatch.Get<TargetCatalog>().TryGet("cloud", out var cloud);
        await PendingSeeder.SeedAsync(dispatch, PendingSeeder.Updates(10));

        var routine = await queue.PeekAsync(cloud, CancellationToken.None);
        await PendingSeeder.SeedAsync(dispatch, [Plans.Planned("8001", 2, ChangeKind.Leaver), Plans.Planned("8002", 2, ChangeKind.Mover), Plans.Planned("8003", 3, ChangeKind.Rehire)]);
        var mixed = await queue.PeekAsync(cloud, CancellationToken.None);

        Assert.Equal((10, 0), (routine.Waiting, routine.Urgent));
        Assert.Equal((13, 2), (mixed.Waiting, mixed.Urgent));
        Assert.True(mixed.UrgentOldestWaited < mixed.OldestWaited, "the urgent changes arrived after the updates");
    }

    [Fact]
    public async Task Leaver_planned_while_5000_updates_are_pending_is_in_the_next_batch()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        await using var events = await EventRecorder.StartAsync(infrastructure);
        var queue = dispatch.Get<BatchQueue>();
        dispatch.Get<TargetCatalog>().TryGet("cloud", out var cloud);
        await PendingSeeder.SeedAsync(dispatch, PendingSeeder.Updates(5000));

        var leaver = Plans.Planned("9999", 2, ChangeKind.Leaver);
        await events.PublishAsync(leaver);
        await Eventually.WaitForAsync(() => Task.FromResult(events.Queued.Count), count => count == 1);

        var next = Assert.IsType<ClaimResult.Claimed>(await queue.ClaimAsync(cloud, CancellationToken.None)).Batch;
        Assert.Equal(leaver.ChangeId, next.Operations[0].ChangeId);
        Assert.Equal(50, next.Operations.Count);
    }

    [Fact]
    public async Task Operations_of_a_call_that_died_before_its_answer_was_recorded_are_sent_again_after_their_lease()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings =>
        {
            settings["Dispatch:RequestTimeout"] = "00:00:00.200";
            settings["Dispatch:InFlightLease"] = "00:00:01";
        });
        var queue = dispatch.Get<BatchQueue>();
        var recorder = dispatch.Get<CallRecorder>();
        dispatch.Get<TargetCatalog>().TryGet("cloud", out var cloud);
        await PendingSeeder.SeedAsync(dispatch, PendingSeeder.Updates(30));

        // The call is recorded before it is sent; then the process "dies": no answer is ever recorded.
        var lost = Assert.IsType<ClaimResult.Claimed>(await queue.ClaimAsync(cloud, CancellationToken.None)).Batch;
        Assert.Equal(0, await recorder.RecoverExpiredLeasesAsync(cloud, CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        Assert.Equal(30, await recorder.RecoverExpiredLeasesAsync(cloud, CancellationToken.None));
        var again = Assert.IsType<ClaimResult.Claimed>(await queue.ClaimAsync(cloud, CancellationToken.None)).Batch;
        Assert.Equal(lost.Operations.Select(o => o.ChangeId).Order(), again.Operations.Select(o => o.ChangeId).Order());
        Assert.Equal(60, await infrastructure.CountAsync("call_operation"));
        Assert.Equal(30, await infrastructure.CountAsync("operation WHERE attempts = 2 AND status = 'in_flight'"));
    }
}
