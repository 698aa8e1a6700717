using System.Net;
using EntraMesh.Contracts;
using EntraMesh.Dispatch.Batching;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Sending;
using EntraMesh.Dispatch.Tests.Infrastructure;
using EntraMesh.Testing;

namespace EntraMesh.Dispatch.Tests.Sending;

/// <summary>What each answer of Entra does to the operations, budgets and events, in real PostgreSQL and RabbitMQ.</summary>
public sealed class CallRecorderTests
{
    [Fact]
    public async Task Accepted_call_marks_its_operations_submitted_and_publishes_ProvisioningSubmitted_with_the_budget_left()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings => settings["Dispatch:Targets:0:DailyBudget"] = "6000");
        await using var events = await EventRecorder.StartAsync(infrastructure);
        var (cloud, batch) = await ClaimAsync(dispatch, 3);

        await dispatch.Get<CallRecorder>().AcceptedAsync(batch, new BulkUploadResult(202, "request-1"), CancellationToken.None);

        var submitted = await Eventually.WaitForAsync(() => Task.FromResult(events.Submitted.ToList()), s => s.Count == 1);
        Assert.Equal(batch.CallId, submitted[0].SubmissionId);
        Assert.Equal("request-1", submitted[0].RequestId);
        Assert.Equal(cloud.JobId, submitted[0].JobId);
        Assert.Equal(5999, submitted[0].DailyCallsRemaining);
        Assert.Equal(6000, submitted[0].DailyCallsLimit);
        Assert.Equal(batch.Operations.Select(o => (o.ChangeId, o.WorkerId, o.Revision, o.BulkId)),
            submitted[0].Operations.Select(o => (o.ChangeId, o.WorkerId, o.Revision, o.BulkId)));
        Assert.Equal(3, await infrastructure.CountAsync("operation WHERE status = 'submitted'"));
    }

    [Fact]
    public async Task Throttled_call_puts_its_operations_back_and_holds_the_tenant_until_Retry_After()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        var (cloud, batch) = await ClaimAsync(dispatch, 50);

        await dispatch.Get<CallRecorder>().ReturnedAsync(batch, new BulkUploadResult(429, RetryAfter: TimeSpan.FromSeconds(7)), FailureAction.Throttled, CancellationToken.None);

        Assert.Equal(50, await infrastructure.CountAsync("operation WHERE status = 'pending' AND first_failed_at IS NULL"));
        var wait = Assert.IsType<ClaimResult.Wait>(await dispatch.Get<BatchQueue>().ClaimAsync(cloud, CancellationToken.None));
        Assert.InRange(wait.Delay, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(7));
        Assert.Contains("429", wait.Reason);
    }

    [Fact]
    public async Task Server_errors_back_the_target_off_and_an_operation_failing_past_the_give_up_time_is_rejected_visibly()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings =>
        {
            settings["Dispatch:RetryBaseDelay"] = "00:00:00.400";
            settings["Dispatch:GiveUpAfter"] = "00:00:01";
        });
        await using var events = await EventRecorder.StartAsync(infrastructure);
        var recorder = dispatch.Get<CallRecorder>();
        var queue = dispatch.Get<BatchQueue>();
        var (cloud, batch) = await ClaimAsync(dispatch, 2);

        await recorder.ReturnedAsync(batch, new BulkUploadResult(503, Error: "Service Unavailable"), FailureAction.Transient, CancellationToken.None);
        Assert.Equal(2, await infrastructure.CountAsync("operation WHERE status = 'pending' AND first_failed_at IS NOT NULL"));
        Assert.Contains("backing off", Assert.IsType<ClaimResult.Wait>(await queue.ClaimAsync(cloud, CancellationToken.None)).Reason);

        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var retried = Assert.IsType<ClaimResult.Claimed>(await queue.ClaimAsync(cloud, CancellationToken.None)).Batch;
        await recorder.ReturnedAsync(retried, new BulkUploadResult(0, Error: "no answer within 30 s"), FailureAction.Transient, CancellationToken.None);

        var rejected = await Eventually.WaitForAsync(() => Task.FromResult(events.Rejected.ToList()), r => r.Count == 1);
        Assert.Equal(batch.Operations.Select(o => o.ChangeId).Order(), rejected[0].Operations.Select(o => o.ChangeId).Order());
        Assert.All(rejected[0].Operations, o => Assert.Equal("RetriesExhausted", o.ErrorCode));
        Assert.Equal(2, await infrastructure.CountAsync("operation WHERE status = 'rejected'"));
    }

    [Fact]
    public async Task Forbidden_stops_the_target_visibly_keeps_its_operations_and_a_later_accepted_probe_resumes_it()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure, settings => settings["Dispatch:StoppedRetryInterval"] = "00:00:01");
        using var client = dispatch.CreateClient();
        var recorder = dispatch.Get<CallRecorder>();
        var queue = dispatch.Get<BatchQueue>();
        var (cloud, batch) = await ClaimAsync(dispatch, 5);

        await recorder.ReturnedAsync(batch, new BulkUploadResult(403, ErrorCode: "Authorization_RequestDenied"), FailureAction.StopTarget, CancellationToken.None);

        var ready = await client.GetAsync("/health/ready");
        var health = System.Text.Json.Nodes.JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", health["status"]!.GetValue<string>());
        Assert.Contains("target 'cloud' stopped", health["checks"]!["entra-targets"]!["description"]!.GetValue<string>());
        Assert.Contains("SynchronizationData-User.Upload", health["checks"]!["entra-targets"]!["description"]!.GetValue<string>());
        Assert.Equal(5, await infrastructure.CountAsync("operation WHERE status = 'pending'"));
        Assert.Contains("stopped", Assert.IsType<ClaimResult.Wait>(await queue.ClaimAsync(cloud, CancellationToken.None)).Reason);

        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var probe = Assert.IsType<ClaimResult.Claimed>(await queue.ClaimAsync(cloud, CancellationToken.None)).Batch;
        await recorder.AcceptedAsync(probe, new BulkUploadResult(202), CancellationToken.None);
        Assert.Contains("\"status\":\"Healthy\"", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task Operation_returned_after_a_failure_is_coalesced_into_a_newer_change_that_arrived_meanwhile()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var dispatch = DispatchHost.Start(infrastructure);
        dispatch.Get<TargetCatalog>().TryGet("cloud", out var cloud);
        var leaver = Plans.Planned("3001", 1, ChangeKind.Leaver);
        await PendingSeeder.SeedAsync(dispatch, [leaver]);
        var batch = Assert.IsType<ClaimResult.Claimed>(await dispatch.Get<BatchQueue>().ClaimAsync(cloud, CancellationToken.None)).Batch;
        var update = Plans.Planned("3001", 2, ChangeKind.Update);
        await PendingSeeder.SeedAsync(dispatch, [update]);

        await dispatch.Get<CallRecorder>().ReturnedAsync(batch, new BulkUploadResult(500), FailureAction.Transient, CancellationToken.None);

        var rows = await infrastructure.QueryAsync("SELECT revision, status, change_kind, priority FROM operation ORDER BY revision",
            r => (r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt16(3)));
        Assert.Equal([(1L, "superseded", "Leaver", (short)0), (2L, "pending", "Leaver", (short)0)], rows);
    }

    static async Task<(DispatchTarget Target, ClaimedBatch Batch)> ClaimAsync(DispatchHost dispatch, int operations)
    {
        dispatch.Get<TargetCatalog>().TryGet("cloud", out var cloud);
        await PendingSeeder.SeedAsync(dispatch, PendingSeeder.Updates(operations));
        var claim = Assert.IsType<ClaimResult.Claimed>(await dispatch.Get<BatchQueue>().ClaimAsync(cloud, CancellationToken.None));
        return (cloud, claim.Batch);
    }
}
