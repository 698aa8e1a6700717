using EntraMesh.Contracts;
using EntraMesh.Dispatch.Batching;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Sending;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.Testing;

namespace EntraMesh.Dispatch.Tests.Budgets;

/// <summary>The tenant's budgets in real PostgreSQL, shared by replicas (Entra's answers are recorded directly here).</summary>
public sealed class SharedBudgetTests
{
    [Fact]
    public async Task Two_replicas_taking_calls_as_fast_as_they_can_never_exceed_the_rate_window_together()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        void Limits(Dictionary<string, string?> settings)
        {
            settings["Dispatch:Targets:0:CallsPerWindow"] = "10";
            settings["Dispatch:Targets:0:RateWindow"] = "00:00:01";
            // Updates only: without a reserve for leavers they may fill the whole window.
            settings["Dispatch:Targets:0:WindowLeaverReserve"] = "0";
        }

        await using var first = DispatchHost.Start(infrastructure, Limits);
        await using var second = DispatchHost.Start(infrastructure, Limits);
        await PendingSeeder.SeedAsync(first, PendingSeeder.Updates(2500));

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var made = await Task.WhenAll(
            Enumerable.Range(0, 3).Select(_ => TakeCallsAsync(first, stop.Token))
                .Concat(Enumerable.Range(0, 3).Select(_ => TakeCallsAsync(second, stop.Token))));

        var calls = await infrastructure.QueryAsync("SELECT reserved_at FROM call ORDER BY reserved_at", r => r.GetFieldValue<DateTimeOffset>(0));
        var busiestSecond = calls.Max(start => calls.Count(other => other >= start && other < start + TimeSpan.FromSeconds(1)));
        Assert.Equal(10, busiestSecond);
        Assert.InRange(calls.Count, 25, 40);
        Assert.True(made.Take(3).Sum() > 0 && made.Skip(3).Sum() > 0, "both replicas made calls");
    }

    [Fact]
    public async Task Daily_budget_stops_sending_when_spent_and_the_reserve_lets_leavers_through()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings =>
        {
            settings["Dispatch:Targets:0:DailyBudget"] = "6";
            settings["Dispatch:Targets:0:LeaverReserve"] = "2";
        });
        var queue = dispatch.Get<BatchQueue>();
        dispatch.Get<TargetCatalog>().TryGet("cloud", out var cloud);
        await PendingSeeder.SeedAsync(dispatch, PendingSeeder.Updates(400));

        var (updateCalls, claim) = await ClaimUntilRefusedAsync(dispatch, queue, cloud);

        Assert.Equal(4, updateCalls);
        Assert.Contains("leaver reserve", Assert.IsType<ClaimResult.Wait>(claim).Reason);

        await PendingSeeder.SeedAsync(dispatch, [Plans.Planned("leaver-1", 3, ChangeKind.Leaver), Plans.Planned("leaver-2", 3, ChangeKind.Leaver)]);
        var leavers = Assert.IsType<ClaimResult.Claimed>(await queue.ClaimAsync(cloud, CancellationToken.None)).Batch;
        Assert.Equal(["leaver-1", "leaver-2"], leavers.Operations.Select(o => o.WorkerId));
        await dispatch.Get<CallRecorder>().AcceptedAsync(leavers, new BulkUploadResult(202), CancellationToken.None);

        await PendingSeeder.SeedAsync(dispatch, [Plans.Planned("leaver-3", 3, ChangeKind.Leaver)]);
        var last = Assert.IsType<ClaimResult.Claimed>(await queue.ClaimAsync(cloud, CancellationToken.None)).Batch;
        await dispatch.Get<CallRecorder>().AcceptedAsync(last, new BulkUploadResult(202), CancellationToken.None);

        await PendingSeeder.SeedAsync(dispatch, [Plans.Planned("leaver-4", 3, ChangeKind.Leaver)]);
        var spent = Assert.IsType<ClaimResult.Wait>(await queue.ClaimAsync(cloud, CancellationToken.None));
        Assert.Equal("daily budget spent", spent.Reason);
        Assert.InRange(spent.Delay, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));
        Assert.Equal(6, await infrastructure.CountAsync("call"));
    }

    [Fact]
    public async Task Last_call_of_a_full_rate_window_is_kept_for_a_leaver_however_many_updates_wait()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, DispatchHost.FiveCallsAMinuteOneForLeavers);
        var queue = dispatch.Get<BatchQueue>();
        dispatch.Get<TargetCatalog>().TryGet("cloud", out var cloud);
        await PendingSeeder.SeedAsync(dispatch, PendingSeeder.Updates(400));

        var (updateCalls, claim) = await ClaimUntilRefusedAsync(dispatch, queue, cloud);

        Assert.Equal(4, updateCalls);
        var reserved = Assert.IsType<ClaimResult.Wait>(claim);
        Assert.True(reserved.LeaversMayGo);
        Assert.Contains("leaver reserve", reserved.Reason);
        Assert.InRange(reserved.Delay, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));

        await PendingSeeder.SeedAsync(dispatch, [Plans.Planned("leaver-1", 3, ChangeKind.Leaver)]);
        var leaver = Assert.IsType<ClaimResult.Claimed>(await queue.ClaimAsync(cloud, CancellationToken.None, onlyFull: true)).Batch;
        Assert.Equal(["leaver-1"], leaver.Operations.Select(o => o.WorkerId));
        await dispatch.Get<CallRecorder>().AcceptedAsync(leaver, new BulkUploadResult(202), CancellationToken.None);

        var full = Assert.IsType<ClaimResult.Wait>(await queue.ClaimAsync(cloud, CancellationToken.None));
        Assert.Equal("rate window full", full.Reason);
        Assert.False(full.LeaversMayGo);
        Assert.Equal(5, await infrastructure.CountAsync("call"));
    }

    /// <summary>Takes calls, each answered 202, until the budgets refuse one: how many were taken, and the refusal.</summary>
    static async Task<(int Calls, ClaimResult Refusal)> ClaimUntilRefusedAsync(DispatchHost dispatch, BatchQueue queue, DispatchTarget target)
    {
        var calls = 0;
        ClaimResult claim;
        while ((claim = await queue.ClaimAsync(target, CancellationToken.None)) is ClaimResult.Claimed claimed)
        {
            calls++;
            await dispatch.Get<CallRecorder>().AcceptedAsync(claimed.Batch, new BulkUploadResult(202), CancellationToken.None);
        }

        return (calls, claim);
    }

    static async Task<int> TakeCallsAsync(DispatchHost replica, CancellationToken stop)
    {
        var queue = replica.Get<BatchQueue>();
        var recorder = replica.Get<CallRecorder>();
        replica.Get<TargetCatalog>().TryGet("cloud", out var cloud);
        var made = 0;
        while (!stop.IsCancellationRequested)
        {
            switch (await queue.ClaimAsync(cloud, CancellationToken.None))
            {
                case ClaimResult.Claimed claimed:
                    made++;
                    await recorder.AcceptedAsync(claimed.Batch, new BulkUploadResult(202), CancellationToken.None);
                    break;
                case ClaimResult.Wait wait:
                    await Task.Delay(wait.Delay < TimeSpan.FromMilliseconds(100) ? wait.Delay : TimeSpan.FromMilliseconds(100));
                    break;
                default:
                    return made;
            }
        }

        return made;
    }
}
