using System.Net;
using System.Net.Http.Json;
using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Api.Listing;
using EntraMesh.Reconciliation.Api.Replay;
using EntraMesh.Reconciliation.Api.Summary;
using EntraMesh.Reconciliation.Api.Workers;
using EntraMesh.Reconciliation.ReadModel;
using EntraMesh.Reconciliation.Tests.Infrastructure;

namespace EntraMesh.Reconciliation.Tests;

/// <summary>
/// A file delivered again unchanged: mapping skips each worker as <c>NoChange</c> and sends nothing, and operators keep
/// seeing where each person stands in Entra (over real RabbitMQ and PostgreSQL).
/// </summary>
public sealed class UnchangedRevisionTests(ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>
{
    const string DuplicateUpn = "AzureActiveDirectoryDuplicateUserPrincipalName";

    ReconciliationHost Host => fixture.Host;

    [Fact]
    public async Task Unchanged_re_upload_after_success_keeps_every_worker_succeeded_overall_per_target_and_in_the_summary()
    {
        const string Target = "unchanged-succeeded";
        var first = Enumerable.Range(0, 5).Select(i => new Journey("workday", $"unchanged-ok-{i}", target: Target)).ToList();
        foreach (var journey in first) await PublishAllAsync(Succeeding(journey));
        foreach (var journey in first) await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == WorkerState.Succeeded && w.Timeline.Count == 5);
        var before = await SummaryAsync();

        foreach (var again in first.Select(journey => journey.ForRevision(2))) await PublishAllAsync(again.Accepted(), again.Skipped(SkipReason.NoChange));

        foreach (var journey in first)
        {
            var worker = await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.Revision == 2 && w.Timeline.Count == 7);
            Assert.Equal((WorkerState.Succeeded, ChangeKind.Joiner), (worker.State, worker.ChangeKind));
            Assert.Null(worker.SkipReason);
            var target = Assert.Single(worker.Targets);
            Assert.Equal((1L, true, 2L, WorkerState.Succeeded), (target.Revision, target.Current, target.UnchangedThrough, target.State));
            Assert.Null(target.SkipReason);
            Assert.Equal(journey.CompletedAt, target.CompletedAt);
            AssertUnchangedEntry(worker, target);
        }

        var after = await SummaryAsync();
        Assert.Equal(before.Workers, after.Workers, StateCountsComparer.Instance);
        var counts = after.Targets.Single(t => t.Target == Target).Counts;
        Assert.Equal((5L, 5L, 0L), (counts.Total, counts.ByState[WorkerState.Succeeded], counts.ByState[WorkerState.Skipped]));
        var skipped = await ListAsync($"/api/reconciliation/workers?state=Skipped&limit=1000");
        Assert.DoesNotContain(skipped.Items, item => item.WorkerId.StartsWith("unchanged-ok-", StringComparison.Ordinal));
        await ReadModelAssertions.AssertCountsMatchRowsAsync(fixture);
    }

    [Fact]
    public async Task Unchanged_re_upload_after_a_failure_keeps_the_worker_failed_and_listed_with_Entras_error_code()
    {
        var first = new Journey("workday", "unchanged-failed", target: "unchanged-failed-target");
        await PublishAllAsync(Failing(first));
        await Host.WaitForWorkerAsync(first.SourceId, first.WorkerId, w => w.State == WorkerState.Failed && w.Timeline.Count == 5);

        var again = first.ForRevision(2);
        await PublishAllAsync(again.Accepted(), again.Skipped(SkipReason.NoChange));

        var worker = await Host.WaitForWorkerAsync(first.SourceId, first.WorkerId, w => w.Revision == 2 && w.Timeline.Count == 7);
        Assert.Equal((WorkerState.Failed, DuplicateUpn), (worker.State, worker.ErrorCode));
        var target = Assert.Single(worker.Targets);
        Assert.Equal((1L, true, WorkerState.Failed, DuplicateUpn), (target.Revision, target.Current, target.State, target.ErrorCode));
        AssertUnchangedEntry(worker, target);

        var failures = await ListAsync($"/api/reconciliation/failures?target={first.Target}");
        var failure = Assert.Single(failures.Items);
        Assert.Equal((first.WorkerId, WorkerState.Failed, DuplicateUpn), (failure.WorkerId, failure.State, failure.ErrorCode));
        var failedWorkers = await ListAsync("/api/reconciliation/workers?state=Failed&limit=1000");
        Assert.Contains(failedWorkers.Items, item => item.WorkerId == first.WorkerId && item.Revision == 2);

        var summary = await SummaryAsync();
        Assert.Equal(1, summary.Targets.Single(t => t.Target == first.Target).Counts.ByState[WorkerState.Failed]);
        Assert.Contains(summary.FailuresByErrorCode, f => f.Target == first.Target && f.ErrorCode == DuplicateUpn && f.Count == 1);

        // Operators can still push it through again once the clash is resolved.
        using var dryRun = await BulkReplayAsync(new { reason = "stale account removed", target = first.Target, errorCode = DuplicateUpn, dryRun = true });
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        Assert.Equal(first.WorkerId, Assert.Single((await dryRun.Content.ReadFromJsonAsync<BulkReplayResult>(ReconciliationHost.Json))!.Workers).WorkerId);
        await ReadModelAssertions.AssertCountsMatchRowsAsync(fixture);
    }

    [Fact]
    public async Task Outcome_of_the_earlier_change_arriving_after_the_unchanged_re_upload_still_decides()
    {
        var first = new Journey("workday", "unchanged-then-outcome", target: "unchanged-late-outcome");
        await PublishAllAsync(first.Accepted(), first.Planned(), first.Queued(), first.Submitted());
        await Host.WaitForWorkerAsync(first.SourceId, first.WorkerId, w => w.State == WorkerState.Submitted && w.Timeline.Count == 4);

        var again = first.ForRevision(2);
        await PublishAllAsync(again.Accepted(), again.Skipped(SkipReason.NoChange));
        var waiting = await Host.WaitForWorkerAsync(first.SourceId, first.WorkerId, w => w.Revision == 2 && w.Timeline.Count == 6);
        Assert.Equal(WorkerState.Submitted, waiting.State);
        Assert.True(Assert.Single(waiting.Targets).Current);

        await Host.PublishAsync(first.Outcome(OutcomeStatus.Failure, DuplicateUpn, "userPrincipalName is already in use"));

        var worker = await Host.WaitForWorkerAsync(first.SourceId, first.WorkerId, w => w.Timeline.Count == 7);
        Assert.Equal((2L, WorkerState.Failed, DuplicateUpn), (worker.Revision, worker.State, worker.ErrorCode));
        var target = Assert.Single(worker.Targets);
        Assert.Equal((1L, 2L, WorkerState.Failed, first.CompletedAt), (target.Revision, target.UnchangedThrough, target.State, target.CompletedAt));
        Assert.Equal(ApplyEffect.Applied, worker.Timeline.Single(e => e.Event == "ProvisioningOutcomeObserved").Effect);
        Assert.Contains((await ListAsync($"/api/reconciliation/failures?target={first.Target}")).Items, item => item.WorkerId == first.WorkerId);
        await ReadModelAssertions.AssertCountsMatchRowsAsync(fixture);
    }

    [Fact]
    public async Task Unchanged_revision_three_arriving_before_the_plan_of_revision_two_leaves_revision_two_standing_for_three()
    {
        var first = new Journey("workday", "unchanged-three-before-two", target: "unchanged-order");
        await PublishAllAsync(Succeeding(first));
        await Host.WaitForWorkerAsync(first.SourceId, first.WorkerId, w => w.State == WorkerState.Succeeded && w.Timeline.Count == 5);
        var second = first.ForRevision(2);
        var third = first.ForRevision(3, first.Start.AddHours(2));

        // Revision 3's skip overtakes revision 2's plan (they travel on different queues).
        await PublishAllAsync(second.Accepted(), third.Accepted(), third.Skipped(SkipReason.NoChange));
        var early = await Host.WaitForWorkerAsync(first.SourceId, first.WorkerId, w => w.Revision == 3 && w.Timeline.Count == 8);
        Assert.Equal(WorkerState.Succeeded, early.State);
        Assert.Equal((1L, true, 3L), (early.Targets[0].Revision, early.Targets[0].Current, early.Targets[0].UnchangedThrough));

        await PublishAllAsync(second.Planned(ChangeKind.Update), second.Queued(ChangeKind.Update), second.Submitted(ChangeKind.Update));
        var sending = await Host.WaitForWorkerAsync(first.SourceId, first.WorkerId, w => w.Timeline.Count == 11);
        Assert.Equal((3L, WorkerState.Submitted, ChangeKind.Update), (sending.Revision, sending.State, sending.ChangeKind));
        Assert.Equal((2L, true, 3L), (sending.Targets[0].Revision, sending.Targets[0].Current, sending.Targets[0].UnchangedThrough));

        await Host.PublishAsync(second.Outcome(OutcomeStatus.Success));
        var done = await Host.WaitForWorkerAsync(first.SourceId, first.WorkerId, w => w.Timeline.Count == 12);
        Assert.Equal((3L, WorkerState.Succeeded), (done.Revision, done.State));
        var target = Assert.Single(done.Targets);
        Assert.Equal((2L, true, 3L, WorkerState.Succeeded, second.CompletedAt), (target.Revision, target.Current, target.UnchangedThrough, target.State, target.CompletedAt));
        await ReadModelAssertions.AssertCountsMatchRowsAsync(fixture);
    }

    [Fact]
    public async Task Later_real_change_replaces_the_failed_change_the_unchanged_revisions_kept_showing()
    {
        var first = new Journey("workday", "unchanged-then-mover", target: "unchanged-mover");
        await PublishAllAsync(Failing(first));
        await Host.WaitForWorkerAsync(first.SourceId, first.WorkerId, w => w.State == WorkerState.Failed && w.Timeline.Count == 5);
        foreach (var again in new[] { first.ForRevision(2), first.ForRevision(3, first.Start.AddHours(2)) })
        {
            await PublishAllAsync(again.Accepted(), again.Skipped(SkipReason.NoChange));
        }

        var kept = await Host.WaitForWorkerAsync(first.SourceId, first.WorkerId, w => w.Revision == 3 && w.Timeline.Count == 9);
        Assert.Equal((WorkerState.Failed, 3L), (kept.State, kept.Targets[0].UnchangedThrough));

        var mover = first.ForRevision(4, first.Start.AddHours(3));
        await PublishAllAsync(mover.Accepted(), mover.Planned(ChangeKind.Mover));
        var moving = await Host.WaitForWorkerAsync(first.SourceId, first.WorkerId, w => w.Revision == 4 && w.Timeline.Count == 11);
        Assert.Equal((WorkerState.Planned, ChangeKind.Mover), (moving.State, moving.ChangeKind));
        Assert.Null(moving.ErrorCode);
        var target = Assert.Single(moving.Targets);
        Assert.Equal((4L, true, WorkerState.Planned, ChangeKind.Mover), (target.Revision, target.Current, target.State, target.ChangeKind));
        Assert.Null(target.UnchangedThrough);
        Assert.Null(target.ErrorCode);
        Assert.Empty((await ListAsync($"/api/reconciliation/failures?target={first.Target}")).Items);
        await ReadModelAssertions.AssertCountsMatchRowsAsync(fixture);
    }

    [Fact]
    public async Task Inactive_worker_never_provisioned_still_shows_skipped_no_change()
    {
        const string Detail = "inactive and never provisioned in unchanged-inactive: no account is created for an inactive worker";
        var journey = new Journey("workday", "unchanged-never-provisioned", target: "unchanged-inactive");
        await PublishAllAsync(journey.Accepted(terminated: true), journey.Skipped(SkipReason.NoChange, Detail));

        var worker = await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.Timeline.Count == 2);

        Assert.Equal((WorkerState.Skipped, "NoChange", Detail), (worker.State, worker.SkipReason, worker.SkipDetail));
        var target = Assert.Single(worker.Targets);
        Assert.Equal((1L, true, WorkerState.Skipped, "NoChange"), (target.Revision, target.Current, target.State, target.SkipReason));
        Assert.Null(target.UnchangedThrough);
        Assert.All(worker.Timeline, entry => Assert.Equal(ApplyEffect.Applied, entry.Effect));
    }

    static object[] Succeeding(Journey journey) =>
        [journey.Accepted(), journey.Planned(), journey.Queued(), journey.Submitted(), journey.Outcome(OutcomeStatus.Success)];

    static object[] Failing(Journey journey) =>
        [journey.Accepted(), journey.Planned(), journey.Queued(), journey.Submitted(), journey.Outcome(OutcomeStatus.Failure, DuplicateUpn, "userPrincipalName is already in use")];

    /// <summary>The re-upload's skip is in the timeline, marked unchanged and naming the change the target keeps.</summary>
    static void AssertUnchangedEntry(WorkerDetail worker, TargetStatus target)
    {
        var entry = Assert.Single(worker.Timeline, e => e.Event == "IdentityChangeSkipped");
        Assert.Equal((2L, WorkerState.Skipped, ApplyEffect.Unchanged), (entry.Revision, entry.State, entry.Effect));
        Assert.Equal("NoChange", entry.Detail!.Value.GetProperty("reason").GetString());
        var from = entry.Detail.Value.GetProperty("unchangedFrom");
        Assert.Equal((1L, target.ChangeId), (from.GetProperty("revision").GetInt64(), from.GetProperty("changeId").GetGuid()));
    }

    async Task PublishAllAsync(params object[] messages)
    {
        foreach (var message in messages) await Host.Bus.Publish(message, message.GetType());
    }

    async Task<ListPage> ListAsync(string path) => (await Host.Client.GetFromJsonAsync<ListPage>(path, ReconciliationHost.Json))!;

    async Task<Summary> SummaryAsync() => (await Host.Client.GetFromJsonAsync<Summary>("/api/reconciliation/summary", ReconciliationHost.Json))!;

    Task<HttpResponseMessage> BulkReplayAsync(object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/reconciliation/workers/replay") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-EntraMesh-Principal", "ops-lead@contoso.com");
        return Host.Client.SendAsync(request);
    }

    sealed class StateCountsComparer : IEqualityComparer<StateCounts>
    {
        public static readonly StateCountsComparer Instance = new();

        public bool Equals(StateCounts? x, StateCounts? y) =>
            x is not null && y is not null && x.Total == y.Total && x.ByState.OrderBy(p => p.Key).SequenceEqual(y.ByState.OrderBy(p => p.Key));

        public int GetHashCode(StateCounts obj) => obj.Total.GetHashCode();
    }
}
