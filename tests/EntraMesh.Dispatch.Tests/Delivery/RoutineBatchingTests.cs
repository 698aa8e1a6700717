using EntraMesh.Contracts;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.Testing;

namespace EntraMesh.Dispatch.Tests.Delivery;

/// <summary>
/// Movers and updates wait longer for a full call than leavers and joiners: the few changes of a large daily file,
/// which arrive spread over the time it takes to read it, fill whole calls of Entra's daily budget. Real RabbitMQ,
/// PostgreSQL and the Entra emulator over HTTPS at Entra's limits.
/// </summary>
public sealed class RoutineBatchingTests
{
    [Fact]
    public async Task Updates_trickling_in_over_seconds_fill_whole_calls()
    {
        await using var entra = await EmulatedEntra.StartAsync();
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings =>
        {
            entra.Configure(settings);
            settings["Dispatch:RoutineBatchWindow"] = "00:00:02";
            settings["Dispatch:RoutineBatchMaxDelay"] = "00:00:30";
        });
        await using var events = await EventRecorder.StartAsync(infrastructure);

        // 60 updates, 2 every 300 ms (the rows in between change nothing): with the 250 ms window of joiners every pair
        // would be a call of its own.
        foreach (var pair in Enumerable.Range(0, 60).Select(i => Plans.Planned($"3{i:000}", 1, ChangeKind.Update)).Chunk(2))
        {
            await events.PublishAsync(pair);
            await Task.Delay(300);
        }

        await Eventually.WaitForAsync(() => Task.FromResult(events.SubmittedOperations.Count), count => count >= 60, TimeSpan.FromSeconds(30));
        var calls = await entra.BulkUploadCallsAsync();
        Assert.Equal([50, 10], calls.Select(c => c.Operations));
    }

    [Fact]
    public async Task Leaver_arriving_while_updates_wait_for_their_window_goes_at_once_and_takes_them_along()
    {
        await using var entra = await EmulatedEntra.StartAsync();
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings =>
        {
            entra.Configure(settings);
            settings["Dispatch:RoutineBatchWindow"] = "00:01:00";
            settings["Dispatch:RoutineBatchMaxDelay"] = "00:05:00";
        });
        await using var events = await EventRecorder.StartAsync(infrastructure);
        await events.PublishAsync(Enumerable.Range(0, 10).Select(i => Plans.Planned($"4{i:000}", 1, ChangeKind.Update)));
        await Eventually.WaitForAsync(() => Task.FromResult(events.Queued.Count), count => count == 10);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(await entra.BulkUploadCallsAsync());

        var leaver = Plans.Planned("4999", 2, ChangeKind.Leaver);
        await events.PublishAsync(leaver);

        await Eventually.WaitForAsync(() => Task.FromResult(events.Submitted.Count), count => count == 1, TimeSpan.FromSeconds(10));
        var operations = Assert.Single(events.Submitted).Operations;
        Assert.Equal(11, operations.Count);
        Assert.Equal(leaver.ChangeId, operations[0].ChangeId);
    }
}
