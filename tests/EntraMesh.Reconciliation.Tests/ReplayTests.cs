using System.Net;
using System.Net.Http.Json;
using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Api.Replay;
using EntraMesh.Reconciliation.Projection;
using EntraMesh.Reconciliation.ReadModel;
using EntraMesh.Reconciliation.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EntraMesh.Reconciliation.Tests;

/// <summary>Operators push workers through again; every request is audited and published through the outbox.</summary>
public sealed class ReplayTests(ReplayTests.Fixture fixture) : IClassFixture<ReplayTests.Fixture>
{
    public sealed class Fixture : ReconciliationFixture
    {
        public BusObserver<ReplayWorkerRequested> Replays { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Replays = await BusObserver<ReplayWorkerRequested>.StartAsync(this, "mapping-replay-observer");
        }

        public override async ValueTask DisposeAsync()
        {
            await Replays.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    ReconciliationHost Host => fixture.Host;

    [Fact]
    public async Task Replay_publishes_the_command_and_the_timeline_shows_who_asked_and_why()
    {
        var journey = await FailedAsync("replay-1513", "cloud", "InvalidValue");

        using var response = await ReplayAsync(journey, "ops@contoso.com", "manager 1222 fixed in Workday");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<ReplayReceipt>(ReconciliationHost.Json))!;
        Assert.Equal("ops@contoso.com", receipt.RequestedBy);
        Assert.Equal(ReconciliationHost.WorkerPath(journey.SourceId, journey.WorkerId), response.Headers.Location!.OriginalString);

        var published = await fixture.Replays.WaitForAsync(all => all.Any(r => r.Message.RequestId == receipt.RequestId));
        var command = published.Single(r => r.Message.RequestId == receipt.RequestId).Message;
        Assert.Equal((journey.SourceId, journey.WorkerId), (command.SourceId, command.WorkerId));
        Assert.Equal("ops@contoso.com", command.RequestedBy);
        Assert.Equal("manager 1222 fixed in Workday", command.Reason);
        Assert.Equal(receipt.RequestedAt, command.RequestedAt);

        var worker = (await Host.FindWorkerAsync(journey.SourceId, journey.WorkerId))!;
        var entry = Assert.Single(worker.Timeline, e => e.Event == "ReplayRequested");
        Assert.Equal(ApplyEffect.Recorded, entry.Effect);
        Assert.Equal(receipt.RequestedAt, entry.At);
        Assert.Equal("ops@contoso.com", entry.Detail!.Value.GetProperty("requestedBy").GetString());
        Assert.Equal("manager 1222 fixed in Workday", entry.Detail.Value.GetProperty("reason").GetString());
        Assert.Equal(receipt.RequestId, entry.Detail.Value.GetProperty("requestId").GetGuid());
        Assert.Equal(WorkerState.Failed, worker.State);
    }

    [Fact]
    public async Task The_plan_a_replay_brings_moves_the_failed_target_through_again()
    {
        var journey = await FailedAsync("replay-again", "cloud", "InvalidValue");
        using var response = await ReplayAsync(journey, "ops@contoso.com", "value fixed");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // Mapping plans the same revision again under a new change id; the old attempt's late events change nothing.
        var failedChange = journey.ChangeId;
        journey.ChangeId = Guid.NewGuid();
        var replanned = journey.Planned(at: journey.CompletedAt.AddMinutes(10));
        await Host.PublishAsync(replanned);
        var planned = await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == WorkerState.Planned);
        Assert.Equal(journey.ChangeId, Assert.Single(planned.Targets).ChangeId);

        journey.ChangeId = failedChange;
        await Host.PublishAsync(journey.Submitted());
        await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.Timeline.Count(e => e.Event == "ProvisioningSubmitted") == 2);
        var after = (await Host.FindWorkerAsync(journey.SourceId, journey.WorkerId))!;
        Assert.Equal(WorkerState.Planned, after.State);
        Assert.Equal(ApplyEffect.OlderAttempt, after.Timeline.Last(e => e.Event == "ProvisioningSubmitted").Effect);
    }

    [Fact]
    public async Task Bulk_replay_asks_for_every_failed_worker_matching_the_filter_and_no_other()
    {
        var matching = new List<Journey>();
        for (var i = 0; i < 3; i++) matching.Add(await FailedAsync($"bulk-match-{i}", "bulk-cloud", "AttributeValueMustBeUnique"));
        await FailedAsync("bulk-other-code", "bulk-cloud", "InvalidValue");
        await FailedAsync("bulk-other-target", "bulk-onprem", "AttributeValueMustBeUnique");

        var dryRun = await BulkAsync(new { reason = "UPN clash resolved", target = "bulk-cloud", errorCode = "AttributeValueMustBeUnique", dryRun = true });
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        var preview = (await dryRun.Content.ReadFromJsonAsync<BulkReplayResult>(ReconciliationHost.Json))!;
        Assert.True(preview.DryRun);
        Assert.Equal(matching.Select(j => j.WorkerId), preview.Workers.Select(w => w.WorkerId));

        var tooMany = await BulkAsync(new { reason = "UPN clash resolved", target = "bulk-cloud", errorCode = "AttributeValueMustBeUnique", maxWorkers = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("maxWorkers", (await tooMany.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);

        var response = await BulkAsync(new { reason = "UPN clash resolved", target = "bulk-cloud", errorCode = "AttributeValueMustBeUnique" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<BulkReplayResult>(ReconciliationHost.Json))!;
        Assert.False(result.DryRun);
        Assert.Equal(3, result.Matched);

        await fixture.Replays.WaitForAsync(all => all.Count(r => r.Message.Reason == "UPN clash resolved") >= 3);
        await Task.Delay(500);
        Assert.Equal(
            matching.Select(j => j.WorkerId).Order(),
            fixture.Replays.Received.Where(r => r.Message.Reason == "UPN clash resolved").Select(r => r.Message.WorkerId).Order());
        foreach (var journey in matching)
        {
            var worker = (await Host.FindWorkerAsync(journey.SourceId, journey.WorkerId))!;
            var entry = Assert.Single(worker.Timeline, e => e.Event == "ReplayRequested");
            Assert.Equal(result.BulkRequestId, entry.Detail!.Value.GetProperty("bulkRequestId").GetGuid());
            Assert.Equal("ops-lead@contoso.com", entry.Detail.Value.GetProperty("requestedBy").GetString());
        }
    }

    [Fact]
    public async Task Replay_without_the_principal_or_a_reason_is_refused_naming_what_is_missing()
    {
        var journey = await FailedAsync("replay-refused", "cloud", "InvalidValue");

        using var anonymous = await Host.Client.PostAsJsonAsync(ReplayPath(journey), new { reason = "because" });
        Assert.Equal(HttpStatusCode.BadRequest, anonymous.StatusCode);
        Assert.Contains("X-EntraMesh-Principal", (await anonymous.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);

        using var noReason = await ReplayAsync(journey, "ops@contoso.com", "  ");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", (await noReason.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);

        using var notJson = new HttpRequestMessage(HttpMethod.Post, ReplayPath(journey)) { Content = new StringContent("reason=x") };
        notJson.Headers.Add("X-EntraMesh-Principal", "ops@contoso.com");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Host.Client.SendAsync(notJson)).StatusCode);

        using var broken = new HttpRequestMessage(HttpMethod.Post, ReplayPath(journey)) { Content = new StringContent("{\"reason\": 42}", System.Text.Encoding.UTF8, "application/json") };
        broken.Headers.Add("X-EntraMesh-Principal", "ops@contoso.com");
        using var brokenResponse = await Host.Client.SendAsync(broken);
        Assert.Equal(HttpStatusCode.BadRequest, brokenResponse.StatusCode);
        Assert.Contains("reason", (await brokenResponse.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);

        using var unknown = await ReplayAsync(new Journey("workday", "never-seen"), "ops@contoso.com", "why not");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);

        var worker = (await Host.FindWorkerAsync(journey.SourceId, journey.WorkerId))!;
        Assert.DoesNotContain(worker.Timeline, e => e.Event == "ReplayRequested");
    }

    [Fact]
    public async Task A_worker_whose_manager_was_not_in_Entra_yet_is_planned_again_automatically_a_bounded_number_of_times()
    {
        var journey = new Journey("workday", "report-of-1222");
        await PublishAsync(journey.Accepted());

        // Three failures are each answered with an automatic replay; a fourth one the same day is left Failed. Each attempt
        // comes after the last one's outcome, as a replay does (the same times for every attempt made the order in which
        // the four queues were consumed decide which attempt the lane counted as the latest).
        var first = journey.Start;
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            journey.ChangeId = Guid.NewGuid();
            journey.Start = first + TimeSpan.FromMinutes(10 * (attempt - 1));
            await PublishAsync(journey.Planned(), journey.Queued(), journey.Submitted(),
                journey.Outcome(OutcomeStatus.Failure, ManagerReplays.ErrorCode, "We were unable to assign '1222' as the manager"));
            var failures = attempt;
            await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId,
                w => w.Timeline.Count(e => e.Event == "ProvisioningOutcomeObserved") == failures);
        }

        var automatic = await fixture.Replays.WaitForAsync(all => all.Count(r => r.Message.WorkerId == journey.WorkerId) >= 3);
        var mine = automatic.Where(r => r.Message.WorkerId == journey.WorkerId).Select(r => r.Message).ToList();
        Assert.All(mine, replay => Assert.Equal(ManagerReplays.Principal, replay.RequestedBy));
        Assert.Equal(["attempt 1 of 3", "attempt 2 of 3", "attempt 3 of 3"], mine.Select(r => r.Reason[r.Reason.IndexOf("attempt", StringComparison.Ordinal)..][..14]));

        var worker = (await Host.FindWorkerAsync(journey.SourceId, journey.WorkerId))!;
        Assert.Equal(3, worker.Timeline.Count(e => e.Event == "ReplayRequested"));
        Assert.Equal(WorkerState.Failed, worker.State);
        Assert.Equal(ManagerReplays.ErrorCode, worker.ErrorCode);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(3, fixture.Replays.Received.Count(r => r.Message.WorkerId == journey.WorkerId));
    }

    async Task PublishAsync(params object[] messages)
    {
        foreach (var message in messages) await Host.Bus.Publish(message, message.GetType());
    }

    async Task<Journey> FailedAsync(string workerId, string target, string errorCode)
    {
        var journey = new Journey("workday", workerId, target: target);
        foreach (var message in new object[] { journey.Accepted(), journey.Planned(), journey.Queued(), journey.Submitted(), journey.Outcome(OutcomeStatus.Failure, errorCode, "failed") })
        {
            await Host.Bus.Publish(message, message.GetType());
        }

        await Host.WaitForWorkerAsync(journey.SourceId, journey.WorkerId, w => w.State == WorkerState.Failed && w.Timeline.Count == 5);
        return journey;
    }

    static string ReplayPath(Journey journey) => ReconciliationHost.WorkerPath(journey.SourceId, journey.WorkerId) + "/replay";

    Task<HttpResponseMessage> ReplayAsync(Journey journey, string principal, string reason)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ReplayPath(journey)) { Content = JsonContent.Create(new { reason }) };
        request.Headers.Add("X-EntraMesh-Principal", principal);
        return Host.Client.SendAsync(request);
    }

    Task<HttpResponseMessage> BulkAsync(object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/reconciliation/workers/replay") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-EntraMesh-Principal", "ops-lead@contoso.com");
        return Host.Client.SendAsync(request);
    }
}
