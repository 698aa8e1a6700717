using EntraMesh.Contracts;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.Testing;

namespace EntraMesh.Dispatch.Tests.Delivery;

/// <summary>Dispatch as a real process, killed mid-run (SIGKILL) and started again.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Killing_dispatch_mid_run_and_restarting_it_delivers_every_change_and_the_directory_matches_the_plan()
    {
        await using var entra = await EmulatedEntra.StartAsync();
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        var settings = DispatchHost.BaseSettings(infrastructure);
        entra.Configure(settings);
        settings["Messaging:WaitUntilStarted"] = "false";
        settings["Dispatch:RequestTimeout"] = "00:00:02";
        settings["Dispatch:InFlightLease"] = "00:00:04";

        // 1,500 joiners; then 500 of them change, and 200 of those leave: 2,200 planned changes in all.
        var plans = Enumerable.Range(0, 1500).Select(i => Plans.Planned($"k{i:0000}", 1, ChangeKind.Joiner))
            .Concat(Enumerable.Range(0, 500).Select(i => Plans.Planned($"k{i:0000}", 2, ChangeKind.Update)))
            .Concat(Enumerable.Range(0, 200).Select(i => Plans.Planned($"k{i:0000}", 3, ChangeKind.Leaver)))
            .ToList();
        var expected = plans.GroupBy(p => p.WorkerId).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Revision)!);

        await using (var first = DispatchProcess.Start(settings))
        {
            // Plans published before dispatch bound its queue to the event's exchange would reach no queue: wait for the
            // binding, as mapping's outbox (which publishes as mandatory) would. The queue alone exists a moment earlier.
            await Eventually.WaitForAsync(
                () => infrastructure.Management.HasBindingAsync(infrastructure.VirtualHost, "entramesh.identity-change-planned", "planned-change"),
                bound => bound, TimeSpan.FromSeconds(60), because: "dispatch should bind its queue to IdentityChangePlanned");
            await using var events = await EventRecorder.StartAsync(infrastructure);
            await events.PublishAsync(plans);
            await Eventually.WaitForAsync(async () => (await entra.BulkUploadCallsAsync()).Count, count => count >= 6, TimeSpan.FromSeconds(60),
                because: "the first process should be sending: " + first.Output);
            await first.KillAsync();
        }

        var callsBeforeRestart = (await entra.BulkUploadCallsAsync()).Count;
        Assert.True(await infrastructure.CountAsync("operation WHERE status IN ('pending', 'in_flight')") > 0, "work was left when the process died");

        await using var second = DispatchProcess.Start(settings);
        // Every plan applied once (those the killed process had taken but not acknowledged come back; an older revision
        // consumed after a newer one is ignored, not stored), then nothing left to send.
        try
        {
            await Eventually.WaitForAsync(() => infrastructure.CountAsync("inbox_message"), count => count == plans.Count,
                TimeSpan.FromSeconds(240), because: "the restarted process should consume every plan");
        }
        catch (TimeoutException exception)
        {
            var queues = await infrastructure.Management.GetQueuesAsync(infrastructure.VirtualHost);
            throw new TimeoutException($"{exception.Message}; queues: {string.Join(", ", queues.Select(q => q.ToString()))}; output: {second.Output}", exception);
        }

        await Eventually.WaitForAsync(() => infrastructure.CountAsync("operation WHERE status IN ('pending', 'in_flight')"), count => count == 0,
            TimeSpan.FromSeconds(240), because: "the restarted process should finish: " + second.Output);
        await entra.Inspection.WaitUntilProcessedAsync(TimeSpan.FromSeconds(60));

        // Every worker ends as planned: enabled with its latest data, or disabled if it left. A worker who joined and
        // left before any call carried it has no account at all: Entra skips an inactive user it has never seen.
        var users = await entra.UsersAsync();
        var counters = await entra.Inspection.GetCountersAsync();
        Assert.All(expected.Values.Where(plan => plan.ChangeKind != ChangeKind.Leaver), plan =>
        {
            Assert.True(users.TryGetValue(plan.WorkerId, out var user), $"worker {plan.WorkerId} is in the directory");
            Assert.Equal((plan.Data["displayName"]!.GetValue<string>(), true), (user!.DisplayName, user.AccountEnabled));
        });
        var leavers = expected.Values.Where(plan => plan.ChangeKind == ChangeKind.Leaver).ToList();
        Assert.All(leavers.Where(plan => users.ContainsKey(plan.WorkerId)), plan => Assert.False(users[plan.WorkerId].AccountEnabled));
        Assert.Equal(0, counters.Operations.Failure);
        Assert.Equal(0, await infrastructure.CountAsync("operation WHERE status = 'rejected'"));
        Assert.True((await entra.BulkUploadCallsAsync()).Count > callsBeforeRestart, "the second process sent the rest");
        Assert.Equal(0, counters.Throttled);
    }
}
