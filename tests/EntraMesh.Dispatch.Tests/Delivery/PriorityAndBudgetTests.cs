using EntraMesh.Contracts;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.Testing;

namespace EntraMesh.Dispatch.Tests.Delivery;

/// <summary>Leavers first and the daily budget, against the Entra emulator over HTTPS at Entra's real limits.</summary>
public sealed class PriorityAndBudgetTests
{
    [Fact]
    public async Task Leaver_planned_while_5000_updates_are_pending_is_in_the_next_call()
    {
        await using var entra = await EmulatedEntra.StartAsync();
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using (var seeding = DispatchHost.Start(infrastructure))
        {
            await PendingSeeder.SeedAsync(seeding, PendingSeeder.Updates(5000));
        }

        await using var dispatch = DispatchHost.Start(infrastructure, settings => entra.Configure(settings));
        await using var events = await EventRecorder.StartAsync(infrastructure);
        await Eventually.WaitForAsync(async () => (await entra.BulkUploadCallsAsync()).Count, count => count >= 5, TimeSpan.FromSeconds(30));

        var leaver = Plans.Planned("1", 2, ChangeKind.Leaver);
        await events.PublishAsync(leaver);
        await Eventually.WaitForAsync(() => Task.FromResult(events.Queued.Any(q => q.ChangeId == leaver.ChangeId)), queued => queued, TimeSpan.FromSeconds(30));
        var knownAt = await infrastructure.ScalarAsync<DateTime>("SELECT clock_timestamp()", DispatchDatabase.Schema);
        var submitted = await Eventually.WaitForAsync(
            () => Task.FromResult(events.Submitted.FirstOrDefault(s => s.Operations.Any(o => o.ChangeId == leaver.ChangeId))),
            found => found is not null, TimeSpan.FromSeconds(30));

        // Once the leaver is stored (and announced), no call reserved after that goes out before the one carrying it,
        // and it leads that call, ahead of thousands of pending updates.
        var overtaking = await infrastructure.CountAsync(
            $"call c WHERE c.reserved_at > '{knownAt:O}'::timestamptz AND c.reserved_at < (SELECT reserved_at FROM call WHERE call_id = '{submitted!.SubmissionId}')");
        Assert.Equal(0, overtaking);
        Assert.Equal(leaver.ChangeId, submitted.Operations[0].ChangeId);
        Assert.Equal(50, submitted.Operations.Count);
        Assert.True(await infrastructure.CountAsync("operation WHERE status = 'pending'") > 3000, "thousands of updates were still waiting");
    }

    [Fact]
    public async Task Daily_budget_stops_sending_when_spent_and_the_reserve_lets_leavers_through()
    {
        await using var entra = await EmulatedEntra.StartAsync(new Dictionary<string, string?> { ["Emulator:Limits:DailyCalls"] = "6" });
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings =>
        {
            entra.Configure(settings);
            settings["Dispatch:Targets:0:LeaverReserve"] = "2";
        });
        await using var events = await EventRecorder.StartAsync(infrastructure);

        await events.PublishAsync(Enumerable.Range(0, 400).Select(i => Plans.Planned($"7{i:000}", 1, ChangeKind.Update)));
        await Eventually.WaitForAsync(() => Task.FromResult(events.Submitted.Count), count => count == 4, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(4, (await entra.BulkUploadCallsAsync()).Count);
        Assert.Equal(200, await infrastructure.CountAsync("operation WHERE status = 'pending'"));
        Assert.Equal(2, events.Submitted.Last().DailyCallsRemaining);

        await events.PublishAsync(Plans.Planned("7001", 2, ChangeKind.Leaver));
        await Eventually.WaitForAsync(() => Task.FromResult(events.Submitted.Count), count => count == 5, TimeSpan.FromSeconds(30));
        await events.PublishAsync(Plans.Planned("7002", 2, ChangeKind.Leaver));
        await Eventually.WaitForAsync(() => Task.FromResult(events.Submitted.Count), count => count == 6, TimeSpan.FromSeconds(30));
        Assert.Equal(["7001", "7002"], events.Submitted.Skip(4).Select(s => Assert.Single(s.Operations).WorkerId));
        Assert.Equal(0, events.Submitted.Last().DailyCallsRemaining);

        await events.PublishAsync(Plans.Planned("7003", 2, ChangeKind.Leaver));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(6, (await entra.BulkUploadCallsAsync()).Count);
        Assert.Equal(0, (await entra.Inspection.GetCountersAsync()).Throttled);
        Assert.Equal(1, await infrastructure.CountAsync("operation WHERE status = 'pending' AND change_kind = 'Leaver'"));
    }
}
