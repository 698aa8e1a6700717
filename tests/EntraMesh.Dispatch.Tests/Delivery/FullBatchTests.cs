using EntraMesh.Contracts;
using EntraMesh.Dispatch.Observability;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace EntraMesh.Dispatch.Tests.Delivery;

/// <summary>Planned changes from real RabbitMQ to the Entra emulator over HTTPS at Entra's real limits.</summary>
public sealed class FullBatchTests
{
    static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Thousand_planned_changes_become_twenty_calls_of_fifty_within_the_rate_window()
    {
        await using var entra = await EmulatedEntra.StartAsync();
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings => entra.Configure(settings));
        await using var events = await EventRecorder.StartAsync(infrastructure);
        var plans = Enumerable.Range(0, 1000).Select(i => Plans.Planned($"5{i:0000}", 1, ChangeKind.Joiner)).ToList();

        await events.PublishAsync(plans);

        await Eventually.WaitForAsync(() => Task.FromResult(events.SubmittedOperations.Count), count => count >= 1000, TimeSpan.FromSeconds(60));
        var calls = await entra.BulkUploadCallsAsync();
        Assert.Equal(Enumerable.Repeat(50, 20), calls.Select(c => c.Operations));
        Assert.All(calls, call => Assert.Equal(202, call.Status));
        Assert.InRange(EmulatorInspectionClient.MaxCallsInAnyWindow(calls, Window), 1, 40);
        Assert.Equal(0, (await entra.Inspection.GetCountersAsync()).Throttled);
        Assert.Equal(plans.Select(p => p.ChangeId).Order(), events.SubmittedOperations.Select(o => o.ChangeId).Order());

        await entra.Inspection.WaitUntilProcessedAsync(TimeSpan.FromSeconds(30));
        var users = await entra.UsersAsync();
        Assert.All(plans, plan => Assert.Equal($"Worker {plan.WorkerId} r1", users[plan.WorkerId].DisplayName));
    }

    [Theory]
    [InlineData(2, 1)] // two dispatch instances, each reserving one call at a time
    [InlineData(1, 2)] // one instance reserving two calls at a time (Dispatch:ConcurrentClaims)
    public async Task Reservations_side_by_side_never_exceed_the_rate_window_and_send_only_full_calls(int instances, int claimsEach)
    {
        await using var entra = await EmulatedEntra.StartAsync();
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        var hosts = Enumerable.Range(0, instances).Select(_ => DispatchHost.Start(infrastructure, settings =>
        {
            entra.Configure(settings);
            settings["Dispatch:ConcurrentClaims"] = claimsEach.ToString(System.Globalization.CultureInfo.InvariantCulture);
        })).ToList();
        var callCounts = hosts.Select(host => new MetricCollector<long>(
            host.Get<System.Diagnostics.Metrics.IMeterFactory>(), DispatchMetrics.MeterName, "entramesh.dispatch.calls")).ToList();
        try
        {
            await using var events = await EventRecorder.StartAsync(infrastructure);
            var plans = Enumerable.Range(0, 2500).Select(i => Plans.Planned($"6{i:0000}", 1, ChangeKind.Joiner)).ToList();

            await events.PublishAsync(plans);

            await Eventually.WaitForAsync(() => Task.FromResult(events.SubmittedOperations.Count), count => count >= 2500, TimeSpan.FromSeconds(90));
            var calls = await entra.BulkUploadCallsAsync();
            Assert.Equal(50, calls.Count);
            Assert.All(calls, call => Assert.Equal((202, 50), (call.Status, call.Operations)));
            // Shared through PostgreSQL, the window is never exceeded by the reservations together (each alone would allow
            // 40); how close to 40 they come depends on the machine's load, so only the ceiling is asserted (and the
            // emulator's 429 count).
            Assert.InRange(EmulatorInspectionClient.MaxCallsInAnyWindow(calls, Window), 1, 40);
            Assert.Equal(0, (await entra.Inspection.GetCountersAsync()).Throttled);
            Assert.Equal(plans.Select(p => p.ChangeId).Order(), events.SubmittedOperations.Select(o => o.ChangeId).Order());
            Assert.All(callCounts, count => Assert.True(count.GetMeasurementSnapshot().Count > 0, "every instance sent calls"));
            Assert.Equal(50, callCounts.Sum(count => count.GetMeasurementSnapshot().Count));
        }
        finally
        {
            foreach (var count in callCounts) count.Dispose();
            foreach (var host in hosts) await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Planned_changes_arriving_as_event_batches_are_queued_and_sent_once_each_even_when_a_batch_is_redelivered()
    {
        await using var entra = await EmulatedEntra.StartAsync();
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings => entra.Configure(settings));
        await using var events = await EventRecorder.StartAsync(infrastructure);
        var plans = Enumerable.Range(0, 100).Select(i => Plans.Planned($"7{i:0000}", 1, ChangeKind.Joiner)).ToList();
        var unknown = Plans.Planned("79999", 1, ChangeKind.Joiner) with { Target = "nowhere" };
        var first = plans.Take(50).Append(unknown)
            .Select(plan => new BatchedEvent<IdentityChangePlanned> { MessageId = Guid.NewGuid(), Message = plan }).ToList();

        await events.PublishAsync(new EventBatch<IdentityChangePlanned> { Events = first });
        await events.PublishAsync(new EventBatch<IdentityChangePlanned> { Events = first });
        await events.PublishAsync(new EventBatch<IdentityChangePlanned>
        {
            Events = plans.Skip(50).Select(plan => new BatchedEvent<IdentityChangePlanned> { MessageId = Guid.NewGuid(), Message = plan }).ToList(),
        });

        await Eventually.WaitForAsync(() => Task.FromResult(events.SubmittedOperations.Count), count => count >= 100, TimeSpan.FromSeconds(60));
        await Eventually.WaitForAsync(() => Task.FromResult(events.Queued.Count), count => count >= 100, TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        Assert.Equal(plans.Select(p => p.ChangeId).Order(), events.SubmittedOperations.Select(o => o.ChangeId).Order());
        Assert.Equal(plans.Select(p => p.ChangeId).Order(), events.Queued.Select(q => q.ChangeId).Order());
        Assert.Equal(unknown.ChangeId, Assert.Single(Assert.Single(events.Rejected).Operations).ChangeId);
        Assert.Equal(Enumerable.Repeat(50, 2), (await entra.BulkUploadCallsAsync()).Select(c => c.Operations));
    }
}
