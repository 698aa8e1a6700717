using System.Net.Http.Json;
using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Api.Listing;
using EntraMesh.Reconciliation.Api.Summary;
using EntraMesh.Reconciliation.ReadModel;
using EntraMesh.Reconciliation.Stuck;
using EntraMesh.Reconciliation.Tests.Infrastructure;
using EntraMesh.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EntraMesh.Reconciliation.Tests;

/// <summary>Stuck detection with a fake clock: fires after Reconciliation:StuckAfter, clears when the outcome arrives.</summary>
public sealed class StuckTests
{
    [Fact]
    public async Task Submitted_change_turns_stuck_after_the_configured_time_and_clears_when_the_outcome_arrives()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        var clock = new FakeTimeProvider(Journey.Truncate(DateTimeOffset.UtcNow));
        await using var host = await ReconciliationHost.StartAsync(infrastructure, clock, new Dictionary<string, string?>
        {
            ["Reconciliation:StuckAfter"] = "00:15:00",
            ["Reconciliation:StuckScanInterval"] = "00:00:30",
        });
        var journey = new Journey("workday", "stuck-1222", start: clock.GetUtcNow().AddSeconds(-3));
        foreach (var message in new object[] { journey.Accepted(), journey.Planned(), journey.Queued(), journey.Submitted() })
        {
            await host.Bus.Publish(message, message.GetType());
        }

        await host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == WorkerState.Submitted && w.Timeline.Count == 4);
        var detector = host.Services.GetServices<IHostedService>().OfType<StuckDetector>().Single();

        // 14 minutes after submission: not stuck yet.
        clock.Advance(TimeSpan.FromMinutes(14));
        await detector.ScanAsync(CancellationToken.None);
        Assert.Equal(WorkerState.Submitted, (await host.FindWorkerAsync(journey.SourceId, journey.WorkerId))!.State);

        // Past 15 minutes: the scan the clock triggers marks it stuck.
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(30));
        var stuck = await host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == WorkerState.Stuck);
        var target = Assert.Single(stuck.Targets);
        Assert.Equal(WorkerState.Stuck, target.State);
        Assert.NotNull(target.StuckAt);
        Assert.True(target.StuckAt >= journey.SubmittedAt.AddMinutes(15));
        Assert.Contains(stuck.Timeline, entry => entry.Event == "StuckDetected" && entry.State == WorkerState.Stuck);

        var list = await host.Client.GetFromJsonAsync<ListPage>("/api/reconciliation/stuck", ReconciliationHost.Json);
        Assert.Equal(journey.WorkerId, Assert.Single(list!.Items).WorkerId);
        var summary = await host.Client.GetFromJsonAsync<Summary>("/api/reconciliation/summary", ReconciliationHost.Json);
        Assert.Equal(1, summary!.Workers.ByState[WorkerState.Stuck]);
        Assert.Equal(WorkerState.Stuck, summary.OldestPending!.State);

        // The outcome arrives (Entra's logs were late): the marker clears, the timeline keeps that it was stuck.
        await host.Bus.Publish(journey.Outcome(OutcomeStatus.Success, at: journey.SubmittedAt.AddMinutes(16)));
        var done = await host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == WorkerState.Succeeded);
        Assert.Null(Assert.Single(done.Targets).StuckAt);
        Assert.Equal(["StuckDetected", "ProvisioningOutcomeObserved"], done.Timeline.TakeLast(2).Select(entry => entry.Event));
        Assert.Empty((await host.Client.GetFromJsonAsync<ListPage>("/api/reconciliation/stuck", ReconciliationHost.Json))!.Items);

        // Later scans leave it alone.
        clock.Advance(TimeSpan.FromHours(1));
        await detector.ScanAsync(CancellationToken.None);
        Assert.Equal(WorkerState.Succeeded, (await host.FindWorkerAsync(journey.SourceId, journey.WorkerId))!.State);
        Assert.Single(done.Timeline, entry => entry.Event == "StuckDetected");
        await ReadModelAssertions.AssertCountsMatchRowsAsync(infrastructure);
    }

    [Fact]
    public async Task Change_still_waiting_for_Entra_when_an_unchanged_re_upload_arrives_still_turns_stuck()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        var clock = new FakeTimeProvider(Journey.Truncate(DateTimeOffset.UtcNow));
        await using var host = await ReconciliationHost.StartAsync(infrastructure, clock, new Dictionary<string, string?>
        {
            ["Reconciliation:StuckAfter"] = "00:15:00",
            ["Reconciliation:StuckScanInterval"] = "01:00:00",
        });
        var first = new Journey("workday", "stuck-unchanged", start: clock.GetUtcNow().AddSeconds(-3));
        var again = first.ForRevision(2, clock.GetUtcNow().AddMinutes(5));
        foreach (var message in new object[] { first.Accepted(), first.Planned(), first.Queued(), first.Submitted(), again.Accepted(), again.Skipped(SkipReason.NoChange) })
        {
            await host.Bus.Publish(message, message.GetType());
        }

        var waiting = await host.WaitForWorkerAsync(first.SourceId, first.WorkerId, w => w.Revision == 2 && w.Timeline.Count == 6);
        Assert.Equal(WorkerState.Submitted, waiting.State);

        clock.Advance(TimeSpan.FromMinutes(16));
        var detector = host.Services.GetServices<IHostedService>().OfType<StuckDetector>().Single();
        await detector.ScanAsync(CancellationToken.None);

        var stuck = (await host.FindWorkerAsync(first.SourceId, first.WorkerId))!;
        Assert.Equal((2L, WorkerState.Stuck), (stuck.Revision, stuck.State));
        var target = Assert.Single(stuck.Targets);
        Assert.Equal((1L, true, 2L, WorkerState.Stuck), (target.Revision, target.Current, target.UnchangedThrough, target.State));
        Assert.Equal(first.WorkerId, Assert.Single((await host.Client.GetFromJsonAsync<ListPage>("/api/reconciliation/stuck", ReconciliationHost.Json))!.Items).WorkerId);
        Assert.Equal(1, (await host.Client.GetFromJsonAsync<Summary>("/api/reconciliation/summary", ReconciliationHost.Json))!.Workers.ByState[WorkerState.Stuck]);
        await ReadModelAssertions.AssertCountsMatchRowsAsync(infrastructure);
    }
}
